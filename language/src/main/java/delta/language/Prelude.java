package delta.language;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.source.Source;
import delta.language.lowering.Lowerer;
import delta.language.nodes.ImportNode;
import delta.language.runtime.DeltaModule;
import delta.language.runtime.GlobalCell;
import delta.language.runtime.NameFallback;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard library's prelude module (map, filter, zip, sorted...): functions every module
 * sees without an import. Loaded the first time a program uses one of its names, so a program
 * that uses none pays nothing at start-up (importing a module of that size costs tens of
 * milliseconds on a cold JVM). Its names are read from the source's top-level {@code fn} lines,
 * without running it, for "did you mean" and completion.
 */
final class Prelude implements NameFallback {
    private static final Pattern TOP_LEVEL_FN = Pattern.compile("(?m)^fn ([A-Za-z_][A-Za-z0-9_]*)\\(");

    private final DeltaContext context;
    /** prelude.dl, read once; null while unread, and also when the library has none (then there are no names). */
    private Source source;
    private boolean sourceRead;
    private List<String> names;
    private DeltaModule module;

    Prelude(DeltaContext context) {
        this.context = context;
    }

    @Override
    @TruffleBoundary
    public Object resolve(String name) {
        if (!names().contains(name)) {
            return null;
        }
        GlobalCell cell = load().lookup(name);
        return cell == null ? null : cell.get();
    }

    @Override
    @TruffleBoundary
    public List<String> names() {
        if (names == null) {
            List<String> found = new ArrayList<>();
            if (source() != null) {
                Matcher m = TOP_LEVEL_FN.matcher(source().getCharacters());
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
            names = List.copyOf(found);
        }
        return names;
    }

    private DeltaModule load() {
        if (module == null) {
            // Its own names resolve within it: it has no fallback, so loading cannot recurse.
            module = context.newModuleWithoutPrelude("prelude");
            Lowerer.lowerModule(context.language(), source(), DeltaLanguage.parseSource(source()), module, "<module prelude>")
                            .getCallTarget().call();
        }
        return module;
    }

    private Source source() {
        if (!sourceRead) {
            source = ImportNode.stdlibModule("prelude");
            sourceRead = true;
        }
        return source;
    }
}
