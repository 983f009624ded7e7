package delta.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import delta.language.runtime.DeltaFunction;
import delta.language.runtime.DeltaList;
import java.util.ArrayList;
import java.util.List;

/**
 * args and doc: what a program asks about its own run and its functions. The REPL's {@code :doc}
 * is {@code doc(f)}, so builtins and documented Delta functions share one source of documentation.
 */
final class IntrospectionBuiltins {
    private IntrospectionBuiltins() {}

    static List<Builtin> all() {
        return List.of(
            new Builtin("args", 0, 0, "args()", "the command-line arguments after the script's name (dl file.dl a b), as a list of strs",
                (site, args) -> commandLine(site)),
            new Builtin("doc", 1, 1, "doc(f)",
                "the documentation of a function as a str: a builtin's signature and description, or a Delta function's"
                    + " signature and the # comment lines just above its definition",
                (site, args) -> {
                    if (!(args[0] instanceof DeltaFunction function)) {
                        throw Arguments.wrongType(site, args, 0, "a function");
                    }
                    return documentation(function);
                }));
    }

    @TruffleBoundary
    private static Object commandLine(BuiltinRootNode site) {
        String[] arguments = site.context().env().getApplicationArguments();
        return DeltaList.of((Object[]) arguments.clone());
    }

    @TruffleBoundary
    static String documentation(DeltaFunction function) {
        RootNode root = function.callTarget().getRootNode();
        if (root instanceof BuiltinRootNode builtin) {
            return builtin.builtin().signature() + "\n    " + builtin.builtin().doc();
        }
        String signature = function.name() + "(" + String.join(", ", function.parameterNames()) + ")";
        String comments = commentsAbove(root.getSourceSection());
        return comments.isEmpty() ? signature + "\n    (no documentation: write # comment lines just above its fn)" : signature + "\n" + comments;
    }

    /** The run of # lines directly above a definition, without their #, indented as doc text. */
    private static String commentsAbove(SourceSection section) {
        if (section == null || !section.isAvailable() || !section.getSource().hasCharacters()) {
            return "";
        }
        Source source = section.getSource();
        List<String> lines = new ArrayList<>();
        for (int line = section.getStartLine() - 1; line >= 1; line--) {
            String text = source.getCharacters(line).toString().strip();
            if (!text.startsWith("#") || text.startsWith("#!")) {
                break;
            }
            lines.addFirst("    " + text.replaceFirst("^#+ ?", ""));
        }
        return String.join("\n", lines);
    }
}
