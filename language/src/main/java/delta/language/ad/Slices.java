package delta.language.ad;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.runtime.SliceValue;
import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorIndexing;

/**
 * Derivatives of reads that are not one element of a list: slices of lists and tuples
 * ({@code xs[a:b]}) and every read of a tensor ({@code t[i]}, {@code t[:, j]}, {@code t.T}).
 * {@link Gradients} sends these keys here.
 */
final class Slices {
    private Slices() {}

    /** The tangent of {@code value[key]} given the tangent {@code g} of value (not the symbolic zero). */
    @TruffleBoundary
    static Object part(Object g, Object key) {
        if (g instanceof DeltaTensor) {
            return TensorIndexing.part(g, key);
        }
        Object[] items = Gradients.items(g);
        if (items == null || !(key instanceof SliceValue slice)) {
            return 0.0;
        }
        long[] picked = slice.indices(items.length);
        Object[] out = new Object[picked.length];
        for (int j = 0; j < picked.length; j++) {
            out[j] = items[(int) picked[j]];
        }
        return Gradients.sameKind(g, out);
    }

    /** The adjoint {@code g} of {@code value[slice]} (a list or tuple of adjoints) added into {@code bar}. */
    @TruffleBoundary
    static Object accumulate(Object bar, Object value, SliceValue slice, Object g) {
        Object[] items = Gradients.items(value);
        if (items == null) {
            return bar;
        }
        long[] picked = slice.indices(items.length);
        Object result = bar;
        for (int j = 0; j < picked.length; j++) {
            result = Gradients.accumulate(result, value, picked[j], Gradients.part(g, (long) j));
        }
        return result;
    }
}
