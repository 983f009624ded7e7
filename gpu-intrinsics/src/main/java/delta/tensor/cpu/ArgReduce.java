package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;

/**
 * argmax and argmin along one axis: each output scans one line of the input. Ties go to the
 * first index and NaN counts as the extreme (NumPy's rules), so the result is deterministic.
 */
public final class ArgReduce {
    private ArgReduce() {
    }

    public static Tensor argExtreme(String op, boolean max, Tensor x, Integer axis, boolean keepdims) {
        CpuStorage.of(op, x);
        if (axis == null) {
            Tensor flat = x.tryView(Shape.of(x.size()));
            if (flat == null) {
                flat = Elementwise.convert(op, x, x.dtype()).view(Shape.of(x.size()));
            }
            Tensor r = argExtreme(op, max, flat, 0, false);
            if (keepdims) {
                int[] ones = new int[x.rank()];
                java.util.Arrays.fill(ones, 1);
                return r.view(Shape.of(ones));
            }
            return r;
        }
        Shape shape = x.shape();
        int ax = shape.axis(op, axis);
        int n = shape.dim(ax);
        if (n == 0) {
            throw new TensorError(op, "cannot take " + op + " of an empty axis (shape " + shape + ")");
        }
        Shape outShape = shape.remove(ax);
        CpuStorage xs = (CpuStorage) x.storage();
        long[] out = new long[outShape.size()];
        int step = x.stride(ax);
        int[] xStrides = new int[shape.rank() - 1];
        for (int i = 0, j = 0; i < shape.rank(); i++) {
            if (i != ax) {
                xStrides[j++] = x.stride(i);
            }
        }
        Loop loop = Loop.of(outShape, new int[][] {outShape.strides(), xStrides}, new int[] {0, x.offset()});
        loop.runParallel(Integer.MAX_VALUE, n, () -> (base, len) -> {
            for (int i = 0; i < len; i++) {
                out[base[0] + i * loop.inner[0]] = scan(xs, base[1] + i * loop.inner[1], step, n, max);
            }
        });
        Tensor r = Tensor.contiguous(CpuStorage.of(out), outShape);
        return keepdims ? r.view(shape.with(ax, 1)) : r;
    }

    private static long scan(CpuStorage xs, int p, int step, int n, boolean max) {
        int best = 0;
        if (xs.dtype() == DType.F32) {
            float[] a = xs.f32();
            float bv = a[p];
            for (int j = 1; j < n && bv == bv; j++) {
                float v = a[p + j * step];
                if (v != v || (max ? v > bv : v < bv)) {
                    bv = v;
                    best = j;
                }
            }
        } else if (xs.dtype() == DType.F64) {
            double[] a = xs.f64();
            double bv = a[p];
            for (int j = 1; j < n && bv == bv; j++) {
                double v = a[p + j * step];
                if (v != v || (max ? v > bv : v < bv)) {
                    bv = v;
                    best = j;
                }
            }
        } else {
            double bv = xs.get(p);
            for (int j = 1; j < n; j++) {
                double v = xs.get(p + j * step);
                if (max ? v > bv : v < bv) {
                    bv = v;
                    best = j;
                }
            }
        }
        return best;
    }
}
