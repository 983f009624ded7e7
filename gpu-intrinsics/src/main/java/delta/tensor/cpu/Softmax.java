package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;

/**
 * softmax and log_softmax along one axis, one line at a time in three passes (max, sum of
 * exp(x - max), write), so that large inputs never overflow. Unit-stride lines of a floating
 * tensor (the last axis of a contiguous one) are computed in place in the result with
 * vectorized exp; other lines go through a double buffer with their stride.
 */
public final class Softmax {
    private Softmax() {
    }

    public static Tensor softmax(String op, Tensor x, int axis, boolean log) {
        CpuStorage xs = CpuStorage.of(op, x);
        Shape shape = x.shape();
        if (shape.rank() == 0) {
            // A scalar is a line of one element.
            return softmax(op, x.expandDims(0), 0, log).view(shape);
        }
        int ax = shape.axis(op, axis);
        int n = shape.dim(ax);
        DType dtype = DType.floating(x.dtype());
        CpuStorage ys = CpuStorage.allocate(dtype, shape.size());
        Shape lines = shape.remove(ax);
        int[] yAll = shape.strides();
        int[] xStrides = new int[shape.rank() - 1], yStrides = new int[shape.rank() - 1];
        for (int i = 0, j = 0; i < shape.rank(); i++) {
            if (i != ax) {
                xStrides[j] = x.stride(i);
                yStrides[j++] = yAll[i];
            }
        }
        int xStep = x.stride(ax), yStep = yAll[ax];
        Loop loop = Loop.of(lines, new int[][] {yStrides, xStrides}, new int[] {0, x.offset()});
        boolean unit = xStep == 1 && yStep == 1 && xs.dtype() == dtype;
        loop.runParallel(Integer.MAX_VALUE, 16L * n, () -> {
            double[] buf = unit ? null : new double[n];
            return (base, len) -> {
                for (int i = 0; i < len; i++) {
                    int xp = base[1] + i * loop.inner[1];
                    int yp = base[0] + i * loop.inner[0];
                    if (unit) {
                        if (dtype == DType.F64) {
                            lineF64(xs.f64(), xp, ys.f64(), yp, n, log);
                        } else {
                            lineF32(xs.f32(), xp, ys.f32(), yp, n, log);
                        }
                        continue;
                    }
                    for (int j = 0; j < n; j++) {
                        buf[j] = xs.get(xp + j * xStep);
                    }
                    line(buf, n, log);
                    for (int j = 0; j < n; j++) {
                        ys.set(yp + j * yStep, buf[j]);
                    }
                }
            };
        });
        return Tensor.contiguous(ys, shape);
    }

    /** A unit-stride f32 line: max, then exp(x - max) into y with its sum, then scale (or log form). */
    static void lineF32(float[] x, int xo, float[] y, int yo, int n, boolean log) {
        double m = ReduceKernels.rowF32(delta.tensor.ReduceOp.MAX, x, xo, n);
        float shift = (float) (Double.isFinite(m) ? m : 0);
        double s;
        if (Simd.AVAILABLE) {
            s = VectorReduce.expShiftedF32(x, xo, y, yo, n, shift);
        } else {
            s = 0;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(x[xo + j] - shift);
                y[yo + j] = e;
                s += e;
            }
        }
        if (log) {
            float lse = (float) (shift + Math.log(s));
            for (int j = 0; j < n; j++) {
                y[yo + j] = x[xo + j] - lse;
            }
        } else {
            float inv = (float) (1.0 / s);
            for (int j = 0; j < n; j++) {
                y[yo + j] *= inv;
            }
        }
    }

    static void lineF64(double[] x, int xo, double[] y, int yo, int n, boolean log) {
        double m = ReduceKernels.rowF64(delta.tensor.ReduceOp.MAX, x, xo, n);
        double shift = Double.isFinite(m) ? m : 0;
        double s;
        if (Simd.AVAILABLE) {
            s = VectorReduce.expShiftedF64(x, xo, y, yo, n, shift);
        } else {
            s = 0;
            for (int j = 0; j < n; j++) {
                double e = Math.exp(x[xo + j] - shift);
                y[yo + j] = e;
                s += e;
            }
        }
        if (log) {
            double lse = shift + Math.log(s);
            for (int j = 0; j < n; j++) {
                y[yo + j] = x[xo + j] - lse;
            }
        } else {
            double inv = 1.0 / s;
            for (int j = 0; j < n; j++) {
                y[yo + j] *= inv;
            }
        }
    }

    /** Softmax (or log-softmax) of {@code v[0..n)} in place, for lines that are strided or change dtype. */
    static void line(double[] v, int n, boolean log) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            m = Math.max(m, v[j]);
        }
        // An infinite maximum would make x - max NaN; shifting by 0 keeps inf/-inf meaningful.
        double shift = Double.isFinite(m) ? m : 0;
        double s = 0;
        if (log) {
            for (int j = 0; j < n; j++) {
                s += Math.exp(v[j] - shift);
            }
            double lse = shift + Math.log(s);
            for (int j = 0; j < n; j++) {
                v[j] -= lse;
            }
        } else {
            for (int j = 0; j < n; j++) {
                double e = Math.exp(v[j] - shift);
                v[j] = e;
                s += e;
            }
            double inv = 1.0 / s;
            for (int j = 0; j < n; j++) {
                v[j] *= inv;
            }
        }
    }
}
