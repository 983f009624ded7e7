package delta.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaRange;
import delta.language.runtime.DeltaRecord;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;
import java.util.List;

/**
 * {@code x in xs} (the parser calls {@code $contains(x, xs)}): an item equal to x (as == compares)
 * in a list or tuple, a number in a range, a substring of a str, a field name of a record.
 */
final class Membership {
    private Membership() {}

    static List<Builtin> all() {
        return List.of(new Builtin(delta.parser.Parser.CONTAINS, 2, 2, "x in items", "whether items holds x",
            (site, args) -> contains(site, args[1], args[0])).nonDifferentiable());
    }

    @TruffleBoundary
    private static boolean contains(BuiltinRootNode site, Object container, Object item) {
        if (container instanceof DeltaList list) {
            return any(list.toArray(), item);
        }
        if (container instanceof DeltaTuple tuple) {
            return any(tuple.items(), item);
        }
        if (container instanceof DeltaRange range) {
            return inRange(range, item);
        }
        if (container instanceof String s) {
            if (!(item instanceof String part)) {
                throw DeltaError.at(site, "'in' on a str looks for a str, got " + Values.describe(item));
            }
            return s.contains(part);
        }
        if (container instanceof DeltaRecord record) {
            return item instanceof String name && record.shape().indexOf(name) >= 0;
        }
        throw DeltaError.at(site, "'in' needs a list, tuple, range, str or record on its right, got " + Values.describe(container)
                + (Values.typeName(container).equals("tensor") ? " (for a tensor use any(t == x))" : ""));
    }

    private static boolean any(Object[] items, Object item) {
        for (Object candidate : items) {
            if (Values.equal(candidate, item)) {
                return true;
            }
        }
        return false;
    }

    /** A number in a range: an int, or a float with an int's value, at a step from the start. */
    private static boolean inRange(DeltaRange range, Object item) {
        long n = range.size();
        if (n == 0 || !(item instanceof Long || item instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63)) {
            return false;
        }
        long x = ((Number) item).longValue();
        long first = range.get(0), last = range.get(n - 1);
        if (x < Math.min(first, last) || x > Math.max(first, last)) {
            return false;
        }
        return Math.floorMod(x - first, Math.abs(range.step)) == 0;
    }
}
