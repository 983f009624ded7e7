package delta.tensor;

import java.util.List;

/**
 * The seam between the language and the kernels: every tensor computation goes through one of
 * these methods, so a CUDA backend can replace the CPU one without the language changing.
 *
 * <p>Conventions: results are new contiguous tensors unless a method says it returns a view;
 * inputs may be any view (strided, broadcast, transposed, offset). Axes may be negative
 * (counted from the end). Shape errors are {@link TensorError}s naming the operation and the
 * shapes. Operands must live on this backend's device (an error names both devices). Dtypes
 * follow {@link DType#promote}; predicates give {@link DType#BOOL}; indices are {@link DType#I64}
 * (any integral-valued tensor is accepted as indices).
 *
 * <p>Derivative rules the language builds from these: the adjoint of a broadcast is
 * {@link #sumTo}; of {@link #gather} is {@link #scatterAdd}; of {@link #indexSelect} is
 * {@link #indexAdd}; of a read {@code x[key]} with ints and slices, {@link #writeInto} the view
 * {@code key} of a fresh gradient; of conv2d are {@link #conv2dInputGrad} and {@link #conv2dWeightGrad};
 * of max_pool2d is {@link #maxPool2dGrad}; of max/min reductions a mask from {@link BinaryOp#EQ}.
 */
public interface Backend {
    Device device();

    // ---- creation and copies to and from Java ----

    /** A tensor of zeros. */
    Tensor zeros(Shape shape, DType dtype);

    /** A tensor with every element {@code value} (converted to {@code dtype}). */
    Tensor full(Shape shape, DType dtype, double value);

    /** {@code start, start+step, ...} below {@code stop} (above, for a negative step). */
    Tensor arange(double start, double stop, double step, DType dtype);

    /** Copies {@code data} (row-major) into a new tensor, converting to {@code dtype}. */
    Tensor fromArray(double[] data, Shape shape, DType dtype);

    /** Copies {@code data} (row-major) into a new F32 tensor. */
    Tensor fromArray(float[] data, Shape shape);

    /** Copies {@code data} (row-major) into a new I64 tensor. */
    Tensor fromArray(long[] data, Shape shape);

    /** Copies {@code data} (row-major) into a new BOOL tensor. */
    Tensor fromArray(boolean[] data, Shape shape);

    /** The elements in row-major order, converted to double. */
    double[] toDoubleArray(Tensor t);

    /** The elements in row-major order, converted to float. */
    float[] toFloatArray(Tensor t);

    /** The elements in row-major order, converted to long (truncating toward zero). */
    long[] toLongArray(Tensor t);

    /** One element as a double; {@code index} has one entry per axis (none for a scalar). */
    double getDouble(Tensor t, int... index);

    /**
     * Element {@code flatIndex} in row-major order, as a double: what a buffer view of the
     * tensor (interop's readBuffer) sees at byte offset {@code flatIndex * dtype.byteSize()}.
     */
    double getFlat(Tensor t, int flatIndex);

    /** The single element of a one-element tensor, as a double. */
    default double item(Tensor t) {
        if (t.size() != 1) {
            throw new TensorError("item", "only a one-element tensor converts to a number, got shape " + t.shape());
        }
        return toDoubleArray(t)[0];
    }

    // ---- layout ----

    /** {@code t} itself when contiguous, otherwise a contiguous copy. */
    Tensor contiguous(Tensor t);

    /** A new contiguous copy (never shares storage with {@code t}). */
    Tensor copy(Tensor t);

    /** A view with the new shape when the strides allow it, otherwise a copy. One dimension may be -1. */
    default Tensor reshape(Tensor t, int... dims) {
        Shape target = t.shape().reshape("reshape", dims);
        Tensor v = t.tryView(target);
        return v != null ? v : contiguous(t).view(target);
    }

    /** A copy converted to {@code dtype} ({@code t} itself when it already has that type). */
    Tensor astype(Tensor t, DType dtype);

    // ---- element-wise ----

    Tensor unary(UnaryOp op, Tensor x);

    /**
     * {@code op(x)}, allowed to write the result into the storage of {@code scratch} (x itself, or
     * null): a temporary that nothing else references, such as the value of a subexpression. A
     * backend reuses it only when it fits exactly (shape, dtype, a contiguous storage of its own);
     * the default ignores it.
     */
    default Tensor unary(UnaryOp op, Tensor x, Tensor scratch) {
        return unary(op, x);
    }

    /** {@code a op b} with NumPy broadcasting. */
    Tensor binary(BinaryOp op, Tensor a, Tensor b);

    /** {@code a op b}, allowed to write the result into {@code scratch} (a, b or null), as for unary. */
    default Tensor binary(BinaryOp op, Tensor a, Tensor b, Tensor scratch) {
        return binary(op, a, b);
    }

    /**
     * The element-wise expression {@code e} as one operation, its result of dtype {@code dtype} and
     * shape {@code e.shape()} (see {@link Fused}). The default evaluates it operator by operator.
     */
    default Tensor fused(Fused e, DType dtype) {
        return Fused.stepwise(this, e, dtype);
    }

    /**
     * Writes {@code e} into the view {@code target} of a fresh result (of e's shape and the target's
     * dtype), or adds it there with {@code accumulate}, as {@link #writeInto} does with a tensor.
     */
    default void fusedInto(Fused e, Tensor target, boolean accumulate) {
        writeInto(target, fused(e, target.dtype()), accumulate);
    }

    /** {@code cond ? a : b} element-wise with broadcasting of all three (cond: nonzero is true). */
    Tensor where(Tensor cond, Tensor a, Tensor b);

    /** {@code min(max(x, lo), hi)}. */
    Tensor clip(Tensor x, double lo, double hi);

    // ---- reductions ----

    /** Reduces over {@code axes} (null: all axes), keeping them as size 1 when {@code keepdims}. */
    Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepdims);

    /**
     * Index (I64) of the first maximum along {@code axis}; when {@code axis} is null, the index
     * into the flattened tensor (a scalar, or all-ones shape with keepdims).
     */
    Tensor argmax(Tensor x, Integer axis, boolean keepdims);

    /** Like {@link #argmax}, for the minimum. */
    Tensor argmin(Tensor x, Integer axis, boolean keepdims);

    /**
     * Sums {@code x} down to {@code shape}, the shape it was broadcast from: the adjoint of
     * broadcasting. {@code shape} must broadcast to {@code x}'s shape.
     */
    Tensor sumTo(Tensor x, Shape shape);

    /** {@code exp(x - max) / sum(exp(x - max))} along {@code axis}. */
    Tensor softmax(Tensor x, int axis);

    /** {@code x - max - log(sum(exp(x - max)))} along {@code axis}. */
    Tensor logSoftmax(Tensor x, int axis);

    // ---- linear algebra ----

    /**
     * NumPy matmul: 1-D by 1-D is a dot product (a scalar), 2-D by 1-D a matrix-vector
     * product, and with more dimensions a batch of matrix products whose batch dimensions
     * broadcast.
     */
    Tensor matmul(Tensor a, Tensor b);

    // ---- convolutional nets (NCHW) ----

    /**
     * 2-D cross-correlation: {@code x [N, C, H, W]}, {@code w [O, C, KH, KW]} gives
     * {@code [N, O, (H + 2 padH - KH) / strideH + 1, (W + 2 padW - KW) / strideW + 1]}.
     */
    Tensor conv2d(Tensor x, Tensor w, int strideH, int strideW, int padH, int padW);

    /** The gradient of {@link #conv2d} with respect to its input, of shape {@code xShape}. */
    Tensor conv2dInputGrad(Tensor gy, Tensor w, Shape xShape, int strideH, int strideW, int padH, int padW);

    /** The gradient of {@link #conv2d} with respect to its weight, of shape {@code wShape}. */
    Tensor conv2dWeightGrad(Tensor x, Tensor gy, Shape wShape, int strideH, int strideW, int padH, int padW);

    /** Max pooling over {@code [KH, KW]} windows of {@code x [N, C, H, W]}; padding counts as -infinity. */
    Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW);

    /** The gradient of {@link #maxPool2d}: each window's {@code gy} goes to its (first) maximum in {@code x}. */
    Tensor maxPool2dGrad(Tensor x, Tensor gy, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW);

    // ---- indexing and joining ----

    /**
     * PyTorch gather: {@code out[i][j][k] = x[i][indices[i][j][k]][k]} for axis 1. Indices have
     * the rank of {@code x} and no larger dimensions except along {@code axis}; the result has
     * their shape.
     */
    Tensor gather(Tensor x, int axis, Tensor indices);

    /** The adjoint of {@link #gather}: zeros of {@code shape}, then {@code out[i][indices[i][j][k]][k] += src[i][j][k]}. */
    Tensor scatterAdd(Shape shape, int axis, Tensor indices, Tensor src);

    /**
     * NumPy take / PyTorch index_select generalised to n-d indices: the result's shape is
     * {@code x.shape[:axis] + indices.shape + x.shape[axis+1:]} (embedding lookups, {@code t[idx]}).
     */
    Tensor indexSelect(Tensor x, int axis, Tensor indices);

    /** The adjoint of {@link #indexSelect}: zeros of {@code shape}, with {@code src} slices added at {@code indices}. */
    Tensor indexAdd(Shape shape, int axis, Tensor indices, Tensor src);

    /** {@code indices.shape + [numClasses]}, 1 where the last index equals the class. */
    Tensor oneHot(Tensor indices, int numClasses, DType dtype);

    /** Joins along an existing axis; other dimensions must match. Dtypes promote. */
    Tensor concat(List<Tensor> tensors, int axis);

    /** Joins along a new axis; shapes must be equal. */
    default Tensor stack(List<Tensor> tensors, int axis) {
        // The same on every device: a new axis of size 1 on each operand, then concat.
        if (tensors.isEmpty()) {
            throw new TensorError("stack", "needs at least one tensor");
        }
        Shape s = tensors.get(0).shape();
        int ax = Shape.of(new int[s.rank() + 1]).axis("stack", axis);
        List<Tensor> expanded = new java.util.ArrayList<>();
        for (Tensor t : tensors) {
            if (!t.shape().equals(s)) {
                throw new TensorError("stack", "shapes " + s + " and " + t.shape() + " differ (stack needs equal shapes)");
            }
            expanded.add(t.expandDims(ax));
        }
        return concat(expanded, ax);
    }

    // ---- building a result in place ----

    /**
     * Writes {@code src} (any view of {@code dst}'s shape, converted to {@code dst}'s dtype) into
     * {@code dst}: a copy, or added to what {@code dst} holds when {@code accumulate}. The one
     * operation that changes a tensor, so only for building a result: {@code dst} must be a view
     * (with no element repeated) of a tensor the caller has just allocated and not yet shared,
     * because tensors are otherwise immutable values whose views share storage. It lets the adjoint
     * of {@code x[key]} write into the view {@code key} of one fresh gradient instead of building
     * a scattered copy of the adjoint and adding that.
     */
    void writeInto(Tensor dst, Tensor src, boolean accumulate);

    // ---- conveniences over the primitives above ----

    /** Cumulative sums along {@code axis} (from the end when {@code reverse}: the adjoint of the forward scan). */
    default Tensor cumsum(Tensor x, int axis, boolean reverse) {
        return Scans.cumsum(this, x, axis, reverse);
    }

    /** The product along {@code axis} (all elements when null); with {@code others}, each element's product of the rest of its line (prod's gradient). */
    default Tensor product(Tensor x, Integer axis, boolean keepdims, boolean others) {
        return Scans.product(this, x, axis, keepdims, others);
    }

    /** The positions that sort each line along {@code axis}, as i64: stable, ascending, nan last (NumPy's argsort). */
    default Tensor argsort(Tensor x, int axis) {
        return Orderings.argsort(this, x, axis);
    }

    default Tensor scalar(double value, DType dtype) {
        return full(Shape.SCALAR, dtype, value);
    }

    default Tensor add(Tensor a, Tensor b) {
        return binary(BinaryOp.ADD, a, b);
    }

    default Tensor sub(Tensor a, Tensor b) {
        return binary(BinaryOp.SUB, a, b);
    }

    default Tensor mul(Tensor a, Tensor b) {
        return binary(BinaryOp.MUL, a, b);
    }

    default Tensor div(Tensor a, Tensor b) {
        return binary(BinaryOp.DIV, a, b);
    }

    default Tensor pow(Tensor a, Tensor b) {
        return binary(BinaryOp.POW, a, b);
    }

    default Tensor maximum(Tensor a, Tensor b) {
        return binary(BinaryOp.MAXIMUM, a, b);
    }

    default Tensor minimum(Tensor a, Tensor b) {
        return binary(BinaryOp.MINIMUM, a, b);
    }

    default Tensor neg(Tensor x) {
        return unary(UnaryOp.NEG, x);
    }

    default Tensor exp(Tensor x) {
        return unary(UnaryOp.EXP, x);
    }

    default Tensor log(Tensor x) {
        return unary(UnaryOp.LOG, x);
    }

    default Tensor sum(Tensor x) {
        return reduce(ReduceOp.SUM, x, null, false);
    }

    default Tensor sum(Tensor x, int axis, boolean keepdims) {
        return reduce(ReduceOp.SUM, x, new int[] {axis}, keepdims);
    }

    default Tensor mean(Tensor x) {
        return reduce(ReduceOp.MEAN, x, null, false);
    }

    default Tensor max(Tensor x, int axis, boolean keepdims) {
        return reduce(ReduceOp.MAX, x, new int[] {axis}, keepdims);
    }

    default Tensor logsumexp(Tensor x, int axis, boolean keepdims) {
        return reduce(ReduceOp.LOGSUMEXP, x, new int[] {axis}, keepdims);
    }
}
