package delta.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaRange;
import delta.language.runtime.Values;
import java.util.List;

/** format and join: numbers and sequences as text, for progress lines and reports. */
final class TextBuiltins {
    private TextBuiltins() {}

    static List<Builtin> all() {
        return List.of(
            new Builtin("format", 1, 2, "format(x[, spec])",
                "x as text by a Python format spec: format(0.12345, \".3f\") is \"0.123\", format(7, \">4\") is \"   7\", "
                    + "format(0.25, \".1%\") is \"25.0%\", format(1234567, \",\") is \"1,234,567\"; without a spec, as str shows it",
                (site, args) -> format(site, args)).nonDifferentiable(),
            // What an f-string's fields call: format under a name a program cannot shadow.
            new Builtin(delta.parser.Parser.FSTRING_FORMAT, 2, 2, "$format(x, spec)", "format, for f-strings", (site, args) -> format(site, args)).nonDifferentiable(),
            new Builtin("join", 2, 2, "join(items, separator)",
                "the items of a list, tuple or range as one str, separated by separator: join([1, 2, 3], \", \") is \"1, 2, 3\" "
                    + "(strs bare, other values as str shows them)",
                (site, args) -> join(site, args)).nonDifferentiable());
    }

    @TruffleBoundary
    private static Object format(BuiltinRootNode site, Object[] args) {
        String spec = args.length > 1 ? Arguments.string(site, args, 1) : "";
        try {
            return FormatSpec.parse(spec).format(args[0]);
        } catch (FormatSpec.BadSpec e) {
            String who = site.getName().startsWith("$") ? "f-string field" : "format()";
            throw DeltaError.at(site, who + ": format spec \"" + spec + "\" for " + Values.describe(args[0]) + ": " + e.getMessage());
        }
    }

    @TruffleBoundary
    private static Object join(BuiltinRootNode site, Object[] args) {
        String separator = Arguments.string(site, args, 1);
        Object[] items = args[0] instanceof DeltaRange range ? Arguments.rangeItems(range)
                : Arguments.sequence(site, args, 0, "a list, tuple or range");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.length; i++) {
            b.append(i == 0 ? "" : separator).append(Values.str(items[i]));
        }
        return b.toString();
    }
}
