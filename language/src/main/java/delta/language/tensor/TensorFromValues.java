package delta.language.tensor;

import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;
import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tensor(values)}: nested lists (or tuples) of numbers become a tensor whose shape is the
 * nesting. Ints and floats make f64 (the default dtype), bools make a bool tensor, unless a dtype
 * is asked for. Ragged nesting is an error that says where the lengths differ.
 */
final class TensorFromValues {
    private TensorFromValues() {}

    static Tensor make(BuiltinRootNode site, Object values, DType requested) {
        if (values instanceof DeltaTensor t) {
            Tensor copy = TensorSupport.backend(t.tensor()).copy(t.tensor());
            return requested == null ? copy : TensorSupport.backend(copy).astype(copy, requested);
        }
        List<Integer> dims = new ArrayList<>();
        Object probe = values;
        while (items(probe) != null) {
            Object[] level = items(probe);
            dims.add(level.length);
            if (level.length == 0) {
                break;
            }
            probe = level[0];
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        Shape s = Shape.of(shape);
        double[] flat = new double[s.size()];
        boolean[] sawBool = {false};
        fill(site, values, shape, 0, flat, new int[]{0}, sawBool);
        DType dtype = requested != null ? requested : sawBool[0] ? DType.BOOL : DType.F64;
        return TensorSupport.defaultBackend().fromArray(flat, s, dtype);
    }

    private static Object[] items(Object value) {
        if (value instanceof DeltaList list) {
            return list.toArray();
        }
        if (value instanceof DeltaTuple tuple) {
            return tuple.items();
        }
        return null;
    }

    private static void fill(BuiltinRootNode site, Object value, int[] shape, int depth, double[] flat, int[] next, boolean[] sawBool) {
        Object[] level = items(value);
        if (depth == shape.length) {
            if (level != null) {
                throw TensorArgs.error(site, "ragged nesting: expected a number at depth " + depth + ", got a list of length " + level.length);
            }
            flat[next[0]++] = element(site, value, sawBool);
            return;
        }
        if (level == null) {
            throw TensorArgs.error(site, "ragged nesting: expected a list of length " + shape[depth] + " at depth " + depth + ", got "
                            + Values.describe(value));
        }
        if (level.length != shape[depth]) {
            throw TensorArgs.error(site, "ragged nesting: lists at depth " + depth + " have lengths " + shape[depth] + " and " + level.length);
        }
        for (Object item : level) {
            fill(site, item, shape, depth + 1, flat, next, sawBool);
        }
    }

    private static double element(BuiltinRootNode site, Object value, boolean[] sawBool) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Boolean b) {
            sawBool[0] = true;
            return b ? 1 : 0;
        }
        if (value instanceof DeltaTensor t && t.tensor().size() == 1) {
            return TensorSupport.backend(t.tensor()).item(t.tensor());
        }
        throw TensorArgs.error(site, "expected numbers, got " + Values.describe(value));
    }
}
