package delta.language.tensor;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.tensor.Backend;
import delta.tensor.BinaryOp;
import delta.tensor.ReduceOp;
import delta.tensor.Tensor;

/**
 * Adjoint arithmetic for tensors. The reverse sweep adds contributions without reducing them to
 * their variable's shape: the adjoint of {@code x} in {@code x + w}, where {@code x} was broadcast,
 * has {@code w}'s larger shape. Summation commutes with the element-wise rules, so the reduction
 * happens once, where a shape matters: at a parameter's final gradient ({@link #complete}), at the
 * start of every general rule's pullback ({@code sum_to(g, out)}), and where a tensor element is read.
 */
public final class TensorGradients {
    private TensorGradients() {}

    @TruffleBoundary
    public static Object add(Object a, Object b) {
        return TensorSupport.binary(BinaryOp.ADD, a, b, null);
    }

    /** The final gradient of a tensor parameter: its shape and dtype, zero where nothing flowed. */
    @TruffleBoundary
    public static DeltaTensor complete(DeltaTensor value, Object g) {
        Tensor x = value.tensor();
        Backend backend = TensorSupport.backend(x);
        Tensor gradient;
        if (g instanceof DeltaTensor t) {
            gradient = t.tensor().shape().equals(x.shape()) ? t.tensor() : sumOrBroadcast(backend, t.tensor(), x.shape());
        } else {
            double constant = g instanceof Number n ? n.doubleValue() : 0.0;
            gradient = backend.full(x.shape(), x.dtype(), constant);
        }
        return new DeltaTensor(gradient.dtype() == x.dtype() || !x.dtype().isFloating() ? gradient : backend.astype(gradient, x.dtype()));
    }

    /** {@code g} brought to {@code x}'s shape: summed over the axes it was broadcast along. */
    static Tensor sumOrBroadcast(Backend backend, Tensor g, delta.tensor.Shape target) {
        if (target.broadcastsTo(g.shape())) {
            return backend.sumTo(g, target);
        }
        return backend.contiguous(g.broadcastTo(target));
    }

    @TruffleBoundary
    public static double total(DeltaTensor t) {
        Tensor x = t.tensor();
        return TensorSupport.backend(x).item(TensorSupport.backend(x).reduce(ReduceOp.SUM, x, null, false));
    }
}
