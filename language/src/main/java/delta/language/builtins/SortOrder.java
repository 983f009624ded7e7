package delta.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaList;
import delta.language.runtime.Values;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code argsort(keys)}: the positions of a list of keys in stable ascending order, for the
 * prelude's sorted and sorted_by, which then pick the items by position in Delta. Sorting in
 * Java keeps them n log n and fast; picking in Delta keeps them differentiable, because the
 * order itself is a list of ints, which has no derivative.
 */
final class SortOrder {
    private SortOrder() {}

    static List<Builtin> all() {
        return List.of(new Builtin("argsort", 1, 2, "argsort(keys[, axis])",
            "the positions of a list of numbers or strs in stable ascending order: argsort([30, 10, 20]) is [1, 2, 0]; "
                + "of a tensor, an i64 tensor of the positions along axis (the last by default), nan last, as NumPy's argsort",
            (site, args) -> args[0] instanceof delta.language.tensor.DeltaTensor t
                ? delta.language.tensor.TensorSupport.argsort(site, t, args.length > 1 ? (int) Arguments.integer(site, args, 1) : -1)
                : order(site, args)).nonDifferentiable());
    }

    @TruffleBoundary
    private static Object order(BuiltinRootNode site, Object[] args) {
        Object[] keys = Arguments.sequence(site, args, 0, "a list or tuple");
        for (Object key : keys) {
            boolean number = key instanceof Long || key instanceof Double;
            boolean sameKind = number ? keys[0] instanceof Long || keys[0] instanceof Double : key instanceof String && keys[0] instanceof String;
            if (!sameKind) {
                throw DeltaError.at(site, "cannot order " + Values.describe(keys[0]) + " and " + Values.describe(key)
                        + ": sorting needs all numbers or all strs");
            }
        }
        Integer[] positions = new Integer[keys.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        // Arrays.sort on objects is a stable merge sort: equal keys keep their order.
        Arrays.sort(positions, Comparator.comparing(i -> keys[i], SortOrder::compare));
        Object[] order = new Object[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (long) positions[i];
        }
        return DeltaList.of(order);
    }

    /** Numbers by value (ints exactly, nan after everything), strs by UTF-16 code units. */
    private static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
}
