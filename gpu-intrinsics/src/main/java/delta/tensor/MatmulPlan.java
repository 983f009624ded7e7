package delta.tensor;

/**
 * The shapes of one {@code a @ b} with NumPy's matmul semantics, the same on every backend: a
 * 1-D left operand is a row and a 1-D right operand a column (that axis is dropped from the
 * result), leading batch dimensions broadcast. {@code a} and {@code b} are the operands as
 * broadcast views of shape batch + [m, k] and batch + [k, n] (not yet converted to
 * {@code dtype}); {@code out} is the result's shape.
 */
public record MatmulPlan(Tensor a, Tensor b, DType dtype, Shape batch, int m, int n, int k, Shape out) {
    /** Checks that the operands multiply and works out the shapes; the errors name both shapes. */
    public static MatmulPlan of(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new TensorError("matmul", "both operands need at least 1 dimension, got shapes " + a.shape() + " and " + b.shape());
        }
        Tensor a2 = a.rank() == 1 ? a.expandDims(0) : a;
        Tensor b2 = b.rank() == 1 ? b.expandDims(1) : b;
        int m = a2.shape().dim(-2), k = a2.shape().dim(-1), kb = b2.shape().dim(-2), n = b2.shape().dim(-1);
        if (k != kb) {
            throw new TensorError("matmul", "shapes " + a.shape() + " and " + b.shape() + " do not align (" + k + " != " + kb + ")");
        }
        Shape batchA = a2.shape().sub(0, a2.rank() - 2), batchB = b2.shape().sub(0, b2.rank() - 2);
        Shape batch;
        try {
            batch = Shape.broadcast("matmul", batchA, batchB);
        } catch (TensorError e) {
            throw new TensorError("matmul", "batch dimensions of shapes " + a.shape() + " and " + b.shape()
                    + " cannot be broadcast together (" + batchA + " vs " + batchB + ")");
        }
        Shape out = batch;
        if (a.rank() > 1) {
            out = out.concat(Shape.of(m));
        }
        if (b.rank() > 1) {
            out = out.concat(Shape.of(n));
        }
        return new MatmulPlan(a2.broadcastTo(batch.concat(Shape.of(m, k))), b2.broadcastTo(batch.concat(Shape.of(k, n))),
                DType.promote(a.dtype(), b.dtype()), batch, m, n, k, out);
    }
}
