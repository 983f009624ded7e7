package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.ReduceOp;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;

/**
 * sum, mean, max, min and logsumexp over any set of axes. The input is walked in its own
 * order and folded into an accumulator array of the kept shape whose strides are 0 along the
 * reduced axes: reducing the inner axis becomes a row reduction, reducing an outer axis a
 * vectorizable row-into-row accumulation. Large inputs are split across cores either with one
 * private accumulator per chunk (when the result is small) or by ranges of outputs.
 */
public final class Reductions {
    private Reductions() {
    }


    /** The shape with reduced axes set to 1 (keepdims), or removed. */
    static Shape resultShape(Shape shape, boolean[] red, boolean keepdims) {
        int[] d = new int[shape.rank()];
        int m = 0;
        for (int i = 0; i < shape.rank(); i++) {
            if (!red[i]) {
                d[m++] = shape.dim(i);
            } else if (keepdims) {
                d[m++] = 1;
            }
        }
        return Shape.of(java.util.Arrays.copyOf(d, m));
    }

    public static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepdims) {
        CpuStorage xs = CpuStorage.of(op.label(), x);
        Shape shape = x.shape();
        boolean[] red = shape.reducedAxes(op.label(), axes);
        Shape kept = resultShape(shape, red, true);
        int count = 1;
        for (int i = 0; i < shape.rank(); i++) {
            if (red[i]) {
                count *= shape.dim(i);
            }
        }
        if (count == 0 && (op == ReduceOp.MAX || op == ReduceOp.MIN)) {
            throw new TensorError(op.label(), "cannot reduce an empty axis of shape " + shape + " (no identity)");
        }
        double[] acc;
        switch (op) {
            case SUM, MAX, MIN -> acc = accumulate(op, x, xs, red, kept, null);
            case MEAN -> {
                acc = accumulate(ReduceOp.SUM, x, xs, red, kept, null);
                for (int i = 0; i < acc.length; i++) {
                    acc[i] /= count;
                }
            }
            case LOGSUMEXP -> {
                double[] shift = count == 0 ? new double[kept.size()] : accumulate(ReduceOp.MAX, x, xs, red, kept, null);
                for (int i = 0; i < shift.length; i++) {
                    // An infinite or NaN maximum shifts by 0: the sum then gives inf, 0 (log: -inf) or NaN itself.
                    if (!Double.isFinite(shift[i])) {
                        shift[i] = 0;
                    }
                }
                acc = accumulate(ReduceOp.SUM, x, xs, red, kept, shift);
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = Math.log(acc[i]) + shift[i];
                }
            }
            default -> throw new IllegalStateException();
        }
        Tensor out = fromDoubles(acc, kept, DType.floating(x.dtype()));
        return keepdims ? out : out.view(resultShape(shape, red, false));
    }

    static Tensor fromDoubles(double[] acc, Shape shape, DType dtype) {
        if (dtype == DType.F64) {
            return Tensor.contiguous(CpuStorage.of(acc), shape);
        }
        float[] f = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            f[i] = (float) acc[i];
        }
        return Tensor.contiguous(CpuStorage.of(f), shape);
    }

    /**
     * Folds {@code x} into an array of the kept shape. With {@code shift}, sums
     * {@code exp(x - shift[out])} instead (the second pass of logsumexp).
     */
    private static double[] accumulate(ReduceOp op, Tensor x, CpuStorage xs, boolean[] red, Shape kept, double[] shift) {
        int outSize = kept.size();
        int[] outStrides = kept.strides();
        for (int i = 0; i < red.length; i++) {
            if (red[i]) {
                outStrides[i] = 0;
            }
        }
        DType compute = DType.floating(x.dtype());
        long cost = shift != null ? 16 : 1;
        int chunks = Parallel.chunks(x.size() * cost, Integer.MAX_VALUE);
        if (chunks == 1 || (long) outSize * chunks * 4 <= x.size()) {
            // Natural order; with several chunks, each folds into its own accumulator.
            Loop loop = Loop.of(x.shape(), new int[][] {outStrides, x.strides()}, new int[] {0, x.offset()});
            int maxLen = Operand.needsCopy(xs, loop.inner[1], compute) ? Rows.BUFFER : Integer.MAX_VALUE;
            double[][] partial = new double[chunks][];
            int size = x.size();
            Parallel.run(chunks, c -> {
                double[] acc = new double[outSize];
                java.util.Arrays.fill(acc, ReduceKernels.identity(op));
                int from = (int) ((long) size * c / chunks), to = (int) ((long) size * (c + 1) / chunks);
                loop.run(from, to, maxLen, row(op, xs, loop, compute, acc, shift));
                partial[c] = acc;
            });
            double[] acc = partial[0];
            for (int c = 1; c < chunks; c++) {
                for (int i = 0; i < outSize; i++) {
                    acc[i] = ReduceKernels.combine(op, acc[i], partial[c][i]);
                }
            }
            return acc;
        }
        // Many outputs: put the reduced axes last and give each chunk a range of outputs.
        int rank = red.length;
        int[] perm = new int[rank];
        int m = 0;
        for (int i = 0; i < rank; i++) {
            if (!red[i]) {
                perm[m++] = i;
            }
        }
        for (int i = 0; i < rank; i++) {
            if (red[i]) {
                perm[m++] = i;
            }
        }
        Tensor xp = x.permute(perm);
        int[] ps = new int[rank];
        for (int i = 0; i < rank; i++) {
            ps[i] = outStrides[perm[i]];
        }
        int count = x.size() / Math.max(1, outSize);
        Loop loop = Loop.of(xp.shape(), new int[][] {ps, xp.strides()}, new int[] {0, xp.offset()});
        int maxLen = Operand.needsCopy(xs, loop.inner[1], compute) ? Rows.BUFFER : Integer.MAX_VALUE;
        double[] acc = new double[outSize];
        java.util.Arrays.fill(acc, ReduceKernels.identity(op));
        Parallel.forRange(outSize, chunks,
                (o0, o1) -> loop.run(o0 * count, o1 * count, maxLen, row(op, xs, loop, compute, acc, shift)));
        return acc;
    }

    private static Loop.Row row(ReduceOp op, CpuStorage xs, Loop loop, DType compute, double[] acc, double[] shift) {
        Operand src = new Operand(xs, loop.inner[1], compute, 0);
        int os = loop.inner[0];
        return (base, len) -> {
            src.load(base[1], len);
            int o = base[0];
            if (shift != null) {
                if (os == 0) {
                    double s = 0, sh = shift[o];
                    for (int i = 0; i < len; i++) {
                        s += Math.exp((compute == DType.F32 ? src.f32[src.off + i] : src.f64[src.off + i]) - sh);
                    }
                    acc[o] += s;
                } else {
                    for (int i = 0; i < len; i++) {
                        int p = o + i * os;
                        acc[p] += Math.exp((compute == DType.F32 ? src.f32[src.off + i] : src.f64[src.off + i]) - shift[p]);
                    }
                }
            } else if (os == 0) {
                double r = compute == DType.F32 ? ReduceKernels.rowF32(op, src.f32, src.off, len)
                        : ReduceKernels.rowF64(op, src.f64, src.off, len);
                acc[o] = ReduceKernels.combine(op, acc[o], r);
            } else if (compute == DType.F32) {
                ReduceKernels.accumulateF32(op, acc, o, os, src.f32, src.off, len);
            } else {
                ReduceKernels.accumulateF64(op, acc, o, os, src.f64, src.off, len);
            }
        };
    }

    /** The adjoint of broadcasting: sums {@code x} over the axes that broadcasting to its shape added or stretched. */
    public static Tensor sumTo(Tensor x, Shape target) {
        Shape shape = x.shape();
        if (!target.broadcastsTo(shape)) {
            throw new TensorError("sum_to", "cannot reduce shape " + shape + " to " + target
                    + " (it does not broadcast to " + shape + ")");
        }
        int lead = shape.rank() - target.rank();
        int[] axes = new int[shape.rank()];
        int n = 0;
        for (int i = 0; i < shape.rank(); i++) {
            if (i < lead || (target.dim(i - lead) == 1 && shape.dim(i) != 1)) {
                axes[n++] = i;
            }
        }
        if (n == 0 && lead == 0) {
            return x.dtype().isFloating() ? x : Elementwise.convert("sum_to", x, DType.floating(x.dtype()));
        }
        Tensor r = reduce(ReduceOp.SUM, x, java.util.Arrays.copyOf(axes, n), true);
        return r.view(target);
    }
}
