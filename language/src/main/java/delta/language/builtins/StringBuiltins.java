package delta.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.runtime.DeltaList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Functions on strs, as Python's str methods are (written strip(s), not s.strip()): strip,
 * lower, upper, replace, startswith, endswith, find, and split(s, separator), which shares its
 * name with the tensor split and is chosen by its first argument.
 */
public final class StringBuiltins {
    private StringBuiltins() {}

    static List<Builtin> all() {
        return List.of(
            new Builtin("strip", 1, 1, "strip(s)", "s without the whitespace at its start and end",
                (site, args) -> Arguments.string(site, args, 0).strip()).nonDifferentiable(),
            new Builtin("lower", 1, 1, "lower(s)", "s in lower case", (site, args) -> lower(Arguments.string(site, args, 0))).nonDifferentiable(),
            new Builtin("upper", 1, 1, "upper(s)", "s in upper case", (site, args) -> upper(Arguments.string(site, args, 0))).nonDifferentiable(),
            new Builtin("replace", 3, 3, "replace(s, old, new)", "s with every occurrence of old replaced by new",
                (site, args) -> replace(site, args)).nonDifferentiable(),
            new Builtin("startswith", 2, 2, "startswith(s, prefix)", "whether s begins with prefix",
                (site, args) -> Arguments.string(site, args, 0).startsWith(Arguments.string(site, args, 1))).nonDifferentiable(),
            new Builtin("endswith", 2, 2, "endswith(s, suffix)", "whether s ends with suffix",
                (site, args) -> Arguments.string(site, args, 0).endsWith(Arguments.string(site, args, 1))).nonDifferentiable(),
            new Builtin("find", 2, 2, "find(s, part)", "the position of the first occurrence of part in s (in characters), or -1",
                (site, args) -> find(site, args)).nonDifferentiable());
    }

    @TruffleBoundary
    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @TruffleBoundary
    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    @TruffleBoundary
    private static String replace(BuiltinRootNode site, Object[] args) {
        return Arguments.string(site, args, 0).replace(Arguments.string(site, args, 1), Arguments.string(site, args, 2));
    }

    @TruffleBoundary
    private static long find(BuiltinRootNode site, Object[] args) {
        String s = Arguments.string(site, args, 0);
        int at = s.indexOf(Arguments.string(site, args, 1));
        // In characters (code points), as len and indexing count them.
        return at < 0 ? -1 : s.codePointCount(0, at);
    }

    /** {@code split(s, separator)}: the pieces of s between occurrences of separator, empty pieces kept (Python's s.split(sep)). */
    @TruffleBoundary
    public static Object split(BuiltinRootNode site, Object[] args) {
        String s = Arguments.string(site, args, 0);
        if (args.length != 2) {
            throw Arguments.error(site, "on a str takes the str and a separator: split(s, \",\")");
        }
        String separator = Arguments.string(site, args, 1);
        if (separator.isEmpty()) {
            throw Arguments.error(site, "the separator is empty");
        }
        List<Object> pieces = new ArrayList<>();
        int from = 0;
        for (int at = s.indexOf(separator); at >= 0; at = s.indexOf(separator, from)) {
            pieces.add(s.substring(from, at));
            from = at + separator.length();
        }
        pieces.add(s.substring(from));
        return DeltaList.of(pieces.toArray());
    }
}
