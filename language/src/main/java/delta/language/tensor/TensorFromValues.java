package delta.language.tensor;

import com.oracle.truffle.api.TruffleLanguage;
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
 *
 * <p>Values of other languages nest the same way (see {@link ForeignArrays}): Java arrays and
 * lists, JavaScript arrays and typed arrays. Elements that come as 32-bit floats (a Java
 * {@code float[]}, a JavaScript {@code Float32Array}) make an f32 tensor when all of them do.
 */
final class TensorFromValues {
    private TensorFromValues() {}

    /** What kinds of elements the nesting held, to choose the dtype. */
    static final class Kinds {
        boolean bool;
        boolean f32;
        boolean other;

        void number(boolean single) {
            if (single) {
                f32 = true;
            } else {
                other = true;
            }
        }

        DType dtype() {
            return bool ? DType.BOOL : f32 && !other ? DType.F32 : DType.F64;
        }
    }

    static Tensor make(BuiltinRootNode site, Object values, DType requested) {
        if (values instanceof DeltaTensor t) {
            Tensor copy = TensorSupport.backend(t.tensor()).copy(t.tensor());
            return requested == null ? copy : TensorSupport.backend(copy).astype(copy, requested);
        }
        TruffleLanguage.Env env = site.context().env();
        List<Integer> dims = new ArrayList<>();
        Object probe = values;
        while (true) {
            long length = length(probe);
            if (length < 0) {
                break;
            }
            if (length > Integer.MAX_VALUE) {
                throw TensorArgs.error(site, "an array of " + length + " elements is too long for a tensor axis");
            }
            dims.add((int) length);
            if (length == 0) {
                break;
            }
            probe = first(probe);
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        Shape s = Shape.of(shape);
        double[] flat = new double[s.size()];
        Kinds kinds = new Kinds();
        fill(site, env, values, shape, 0, flat, new int[]{0}, kinds);
        DType dtype = requested != null ? requested : kinds.dtype();
        return TensorSupport.defaultBackend().fromArray(flat, s, dtype);
    }

    /** The length of a list, tuple, range or foreign array; -1 for anything else. */
    private static long length(Object value) {
        if (value instanceof DeltaList list) {
            return list.size();
        }
        if (value instanceof DeltaTuple tuple) {
            return tuple.size();
        }
        if (value instanceof delta.language.runtime.DeltaRange range) {
            return range.size();
        }
        return ForeignArrays.length(value);
    }

    private static Object first(Object value) {
        if (value instanceof DeltaList list) {
            return list.get(0);
        }
        if (value instanceof DeltaTuple tuple) {
            return tuple.get(0);
        }
        if (value instanceof delta.language.runtime.DeltaRange range) {
            return range.get(0);
        }
        return ForeignArrays.element(value, 0);
    }

    private static void fill(BuiltinRootNode site, TruffleLanguage.Env env, Object value, int[] shape, int depth, double[] flat, int[] next,
                    Kinds kinds) {
        long length = length(value);
        if (depth == shape.length) {
            if (length >= 0) {
                throw TensorArgs.error(site, "ragged nesting: expected a number at depth " + depth + ", got a list of length " + length);
            }
            flat[next[0]++] = element(site, value, kinds);
            return;
        }
        if (length < 0) {
            throw TensorArgs.error(site, "ragged nesting: expected a list of length " + shape[depth] + " at depth " + depth + ", got "
                            + Values.describe(value) + ForeignArrays.accessHint(env, value));
        }
        if (length != shape[depth]) {
            throw TensorArgs.error(site, "ragged nesting: lists at depth " + depth + " have lengths " + shape[depth] + " and " + length);
        }
        if (value instanceof DeltaList || value instanceof DeltaTuple) {
            Object[] items = value instanceof DeltaList list ? list.toArray() : ((DeltaTuple) value).items();
            for (Object item : items) {
                fill(site, env, item, shape, depth + 1, flat, next, kinds);
            }
            return;
        }
        if (value instanceof delta.language.runtime.DeltaRange range) {
            // Its ints, as a list of them would give (an f64 tensor, like NumPy's array(range(n)) in a float dtype).
            for (long i = 0; i < length; i++) {
                fill(site, env, range.get(i), shape, depth + 1, flat, next, kinds);
            }
            return;
        }
        // A foreign row of numbers: Java primitive arrays and typed arrays copy in one go.
        if (depth == shape.length - 1 && ForeignArrays.copyRow(env, value, flat, next[0], kinds)) {
            next[0] += (int) length;
            return;
        }
        boolean singleFloats = depth == shape.length - 1 && ForeignArrays.isSingleFloatArray(value);
        for (int i = 0; i < length; i++) {
            Object item = ForeignArrays.element(value, i);
            if (singleFloats) {
                // JavaScript reads a Float32Array's elements as doubles; the array says they are f32.
                kinds.f32 = true;
                flat[next[0]++] = element(site, item, new Kinds());
            } else {
                fill(site, env, item, shape, depth + 1, flat, next, kinds);
            }
        }
    }

    private static double element(BuiltinRootNode site, Object value, Kinds kinds) {
        if (value instanceof Double d) {
            kinds.other = true;
            return d;
        }
        if (value instanceof Long l) {
            kinds.other = true;
            return l;
        }
        if (value instanceof Boolean b) {
            kinds.bool = true;
            return b ? 1 : 0;
        }
        if (value instanceof DeltaTensor t && t.tensor().size() == 1) {
            kinds.other = true;
            return TensorSupport.backend(t.tensor()).item(t.tensor());
        }
        if (ForeignArrays.number(value, kinds) instanceof Double d) {
            return d;
        }
        throw TensorArgs.error(site, "expected numbers, got " + Values.describe(value) + ForeignArrays.accessHint(site.context().env(), value));
    }
}
