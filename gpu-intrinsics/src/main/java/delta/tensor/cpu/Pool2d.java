package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;

/**
 * max_pool2d over NCHW and its gradient. The gradient recomputes each window's (first)
 * maximum rather than storing indices, so the forward result is a plain tensor and the
 * language's adjoint rule needs only x and the output gradient. Planes (n, c) are independent
 * and spread over the cores. Windows that would lie entirely in the padding cannot occur:
 * padding is at most half the kernel.
 */
public final class Pool2d {
    private Pool2d() {
    }

    /** A pooling's sizes: planes (N * C), input, kernel, stride, padding and output (shared with the CUDA backend). */
    public record Geometry(int planes, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow) {
    }

    public static Geometry geometry(String op, Shape x, int kh, int kw, int sh, int sw, int ph, int pw) {
        if (x.rank() != 4) {
            throw new TensorError(op, "expected input [N, C, H, W], got shape " + x);
        }
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1) {
            throw new TensorError(op, "kernel and stride must be positive, got kernel [" + kh + ", " + kw + "] and stride ["
                    + sh + ", " + sw + "]");
        }
        if (ph < 0 || pw < 0 || 2 * ph > kh || 2 * pw > kw) {
            throw new TensorError(op, "padding [" + ph + ", " + pw + "] must be between 0 and half the kernel [" + kh
                    + ", " + kw + "]");
        }
        int hp = x.dim(2) + 2 * ph, wp = x.dim(3) + 2 * pw;
        if (kh > hp || kw > wp) {
            throw new TensorError(op, "kernel [" + kh + ", " + kw + "] is larger than the padded input [" + hp + ", " + wp
                    + "] (input shape " + x + ")");
        }
        return new Geometry(x.dim(0) * x.dim(1), x.dim(2), x.dim(3), kh, kw, sh, sw, ph, pw, (hp - kh) / sh + 1,
                (wp - kw) / sw + 1);
    }

    /** Checks that an output gradient has the shape of the pooling's output (shared with the CUDA backend). */
    public static void checkGradient(Shape x, Geometry g, Shape gy) {
        Shape out = Shape.of(x.dim(0), x.dim(1), g.oh, g.ow);
        if (!gy.equals(out)) {
            throw new TensorError("max_pool2d_grad", "gradient shape " + gy + " does not match the output shape " + out);
        }
    }

    public static Tensor forward(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw) {
        Geometry g = geometry("max_pool2d", x.shape(), kh, kw, sh, sw, ph, pw);
        DType dtype = DType.floating(x.dtype());
        Object xa = Conv2d.array("max_pool2d", x, dtype);
        CpuStorage ys = CpuStorage.allocate(dtype, g.planes * g.oh * g.ow);
        forPlanes(g, p -> {
            if (xa instanceof double[] xd) {
                planeF64(g, xd, ys.f64(), p);
            } else {
                planeF32(g, (float[]) xa, ys.f32(), p);
            }
        });
        Shape s = x.shape();
        return Tensor.contiguous(ys, Shape.of(s.dim(0), s.dim(1), g.oh, g.ow));
    }

    public static Tensor backward(Tensor x, Tensor gy, int kh, int kw, int sh, int sw, int ph, int pw) {
        Geometry g = geometry("max_pool2d_grad", x.shape(), kh, kw, sh, sw, ph, pw);
        checkGradient(x.shape(), g, gy.shape());
        DType dtype = DType.promote(x.dtype(), gy.dtype());
        Object xa = Conv2d.array("max_pool2d_grad", x, DType.floating(x.dtype()));
        Object ga = Conv2d.array("max_pool2d_grad", gy, dtype);
        CpuStorage gx = CpuStorage.allocate(dtype, x.size());
        forPlanes(g, p -> {
            for (int oh = 0; oh < g.oh; oh++) {
                for (int ow = 0; ow < g.ow; ow++) {
                    int at = xa instanceof double[] xd ? argmaxF64(g, xd, p, oh, ow) : argmaxF32(g, (float[]) xa, p, oh, ow);
                    int o = (p * g.oh + oh) * g.ow + ow;
                    if (dtype == DType.F64) {
                        gx.f64()[at] += ((double[]) ga)[o];
                    } else {
                        gx.f32()[at] += ((float[]) ga)[o];
                    }
                }
            }
        });
        return Tensor.contiguous(gx, x.shape());
    }

    private static void forPlanes(Geometry g, java.util.function.IntConsumer body) {
        long work = (long) g.planes * g.oh * g.ow * g.kh * g.kw;
        Parallel.forRange(g.planes, Parallel.chunks(work, g.planes), (from, to) -> {
            for (int p = from; p < to; p++) {
                body.accept(p);
            }
        });
    }

    /**
     * The maxima of one plane. Only values are needed here (the gradient finds the positions
     * again), so a window is a chain of Math.max, which propagates NaN like max does; the
     * common 2x2 stride-2 unpadded case is unrolled.
     */
    private static void planeF32(Geometry g, float[] x, float[] y, int p) {
        int plane = p * g.h * g.w, o = p * g.oh * g.ow;
        boolean twoByTwo = g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.ph == 0 && g.pw == 0;
        for (int oh = 0; oh < g.oh; oh++) {
            if (twoByTwo) {
                int r0 = plane + 2 * oh * g.w, r1 = r0 + g.w;
                for (int ow = 0; ow < g.ow; ow++) {
                    int c = 2 * ow;
                    y[o++] = Math.max(Math.max(x[r0 + c], x[r0 + c + 1]), Math.max(x[r1 + c], x[r1 + c + 1]));
                }
                continue;
            }
            int h0 = Math.max(oh * g.sh - g.ph, 0), h1 = Math.min(oh * g.sh - g.ph + g.kh, g.h);
            for (int ow = 0; ow < g.ow; ow++) {
                int w0 = Math.max(ow * g.sw - g.pw, 0), w1 = Math.min(ow * g.sw - g.pw + g.kw, g.w);
                float m = Float.NEGATIVE_INFINITY;
                for (int ih = h0; ih < h1; ih++) {
                    for (int at = plane + ih * g.w + w0, end = at + (w1 - w0); at < end; at++) {
                        m = Math.max(m, x[at]);
                    }
                }
                y[o++] = m;
            }
        }
    }

    private static void planeF64(Geometry g, double[] x, double[] y, int p) {
        int plane = p * g.h * g.w, o = p * g.oh * g.ow;
        boolean twoByTwo = g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.ph == 0 && g.pw == 0;
        for (int oh = 0; oh < g.oh; oh++) {
            if (twoByTwo) {
                int r0 = plane + 2 * oh * g.w, r1 = r0 + g.w;
                for (int ow = 0; ow < g.ow; ow++) {
                    int c = 2 * ow;
                    y[o++] = Math.max(Math.max(x[r0 + c], x[r0 + c + 1]), Math.max(x[r1 + c], x[r1 + c + 1]));
                }
                continue;
            }
            int h0 = Math.max(oh * g.sh - g.ph, 0), h1 = Math.min(oh * g.sh - g.ph + g.kh, g.h);
            for (int ow = 0; ow < g.ow; ow++) {
                int w0 = Math.max(ow * g.sw - g.pw, 0), w1 = Math.min(ow * g.sw - g.pw + g.kw, g.w);
                double m = Double.NEGATIVE_INFINITY;
                for (int ih = h0; ih < h1; ih++) {
                    for (int at = plane + ih * g.w + w0, end = at + (w1 - w0); at < end; at++) {
                        m = Math.max(m, x[at]);
                    }
                }
                y[o++] = m;
            }
        }
    }

    /** Flat index in x of the first maximum of window (oh, ow) of plane p; NaN wins, as in max. */
    private static int argmaxF32(Geometry g, float[] x, int p, int oh, int ow) {
        int h0 = oh * g.sh - g.ph, w0 = ow * g.sw - g.pw;
        int h1 = Math.min(h0 + g.kh, g.h), w1 = Math.min(w0 + g.kw, g.w);
        h0 = Math.max(h0, 0);
        w0 = Math.max(w0, 0);
        int plane = p * g.h * g.w;
        int best = plane + h0 * g.w + w0;
        float bv = x[best];
        for (int ih = h0; ih < h1; ih++) {
            for (int at = plane + ih * g.w + w0, end = at + (w1 - w0); at < end; at++) {
                float v = x[at];
                if (v > bv || (v != v && bv == bv)) {
                    bv = v;
                    best = at;
                }
            }
        }
        return best;
    }

    private static int argmaxF64(Geometry g, double[] x, int p, int oh, int ow) {
        int h0 = oh * g.sh - g.ph, w0 = ow * g.sw - g.pw;
        int h1 = Math.min(h0 + g.kh, g.h), w1 = Math.min(w0 + g.kw, g.w);
        h0 = Math.max(h0, 0);
        w0 = Math.max(w0, 0);
        int plane = p * g.h * g.w;
        int best = plane + h0 * g.w + w0;
        double bv = x[best];
        for (int ih = h0; ih < h1; ih++) {
            for (int at = plane + ih * g.w + w0, end = at + (w1 - w0); at < end; at++) {
                double v = x[at];
                if (v > bv || (v != v && bv == bv)) {
                    bv = v;
                    best = at;
                }
            }
        }
        return best;
    }
}
