package delta.language.tensor;

import delta.tensor.DType;
import delta.tensor.Fused;

/**
 * The value of an element-wise tensor operator whose result goes straight into another one, as
 * {@code a * b} does in {@code a * b + c}: the expression, not yet computed. Only the arithmetic
 * operators make and take these (see {@link ElementwiseFusion}); the outermost operator of the
 * chain computes the whole expression at once, so no program ever sees one.
 */
public final class PendingTensor {
    final Fused expression;
    final DType dtype;

    PendingTensor(Fused expression, DType dtype) {
        this.expression = expression;
        this.dtype = dtype;
    }
}
