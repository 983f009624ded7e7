package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;

/**
 * conv2d (NCHW, cross-correlation as in PyTorch) and its two gradients, by im2col and
 * {@link Gemm}: each image becomes a [C*KH*KW, OH*OW] column matrix, so that
 * forward is {@code W[O, CKK] @ cols}, the weight gradient {@code gy[O, L] @ cols^T} summed
 * over the batch, and the input gradient {@code W^T @ gy} scattered back by col2im.
 * A 1x1 kernel with stride 1 and no padding uses the image itself as its column matrix.
 */
public final class Conv2d {
    private Conv2d() {
    }

    /** The sizes of one convolution, checked. */
    record Geometry(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow) {
        int ckk() {
            return c * kh * kw;
        }

        int l() {
            return oh * ow;
        }

        boolean identityCols() {
            return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0;
        }
    }

    static Geometry geometry(String op, Shape x, Shape w, int sh, int sw, int ph, int pw) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new TensorError(op, "expected input [N, C, H, W] and weight [O, C, KH, KW], got shapes " + x + " and " + w);
        }
        if (x.dim(1) != w.dim(1)) {
            throw new TensorError(op, "input shape " + x + " has " + x.dim(1) + " channels but weight shape " + w
                    + " expects " + w.dim(1));
        }
        if (sh < 1 || sw < 1 || ph < 0 || pw < 0) {
            throw new TensorError(op, "stride must be positive and padding non-negative, got stride [" + sh + ", " + sw
                    + "] and padding [" + ph + ", " + pw + "]");
        }
        int hp = x.dim(2) + 2 * ph, wp = x.dim(3) + 2 * pw;
        if (w.dim(2) > hp || w.dim(3) > wp) {
            throw new TensorError(op, "kernel [" + w.dim(2) + ", " + w.dim(3) + "] is larger than the padded input ["
                    + hp + ", " + wp + "] (input shape " + x + ", weight shape " + w + ")");
        }
        return new Geometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(2), w.dim(3), sh, sw, ph, pw,
                (hp - w.dim(2)) / sh + 1, (wp - w.dim(3)) / sw + 1);
    }

    /** {@code t} as a contiguous array of {@code dtype} (a copy only when needed). */
    static Object array(String op, Tensor t, DType dtype) {
        CpuStorage.of(op, t);
        Tensor c = t.dtype() == dtype && t.isContiguous() && t.offset() == 0 && t.storage().length() == t.size() ? t
                : Elementwise.convert(op, t, dtype);
        return ((CpuStorage) c.storage()).data();
    }

    public static Tensor forward(Tensor x, Tensor w, int sh, int sw, int ph, int pw) {
        Geometry g = geometry("conv2d", x.shape(), w.shape(), sh, sw, ph, pw);
        DType dtype = DType.promote(x.dtype(), w.dtype());
        Object xa = array("conv2d", x, dtype), wa = array("conv2d", w, dtype);
        CpuStorage ys = CpuStorage.allocate(dtype, g.n * g.o * g.l());
        Object ya = ys.data();
        int ckk = g.ckk(), l = g.l();
        perImage(g, (i, inside) -> {
            Object cols = g.identityCols() ? xa : im2col(g, xa, i, scratch(dtype, ckk * l));
            int colOff = g.identityCols() ? i * g.c * g.h * g.w : 0;
            gemm(g.o, l, ckk, wa, 0, ckk, 1, cols, colOff, l, 1, ya, i * g.o * l, l, inside);
        });
        return Tensor.contiguous(ys, Shape.of(g.n, g.o, g.oh, g.ow));
    }

    public static Tensor inputGrad(Tensor gy, Tensor w, Shape xShape, int sh, int sw, int ph, int pw) {
        Geometry g = geometry("conv2d_input_grad", xShape, w.shape(), sh, sw, ph, pw);
        checkGy("conv2d_input_grad", gy, g);
        DType dtype = DType.promote(gy.dtype(), w.dtype());
        Object ga = array("conv2d_input_grad", gy, dtype), wa = array("conv2d_input_grad", w, dtype);
        CpuStorage xs = CpuStorage.allocate(dtype, xShape.size());
        int ckk = g.ckk(), l = g.l();
        perImage(g, (i, inside) -> {
            if (g.identityCols()) {
                gemm(ckk, l, g.o, wa, 0, 1, ckk, ga, i * g.o * l, l, 1, xs.data(), i * g.c * g.h * g.w, l, inside);
            } else {
                Object cols = scratch(dtype, ckk * l);
                if (cols instanceof double[] d) {
                    java.util.Arrays.fill(d, 0, ckk * l, 0);
                } else {
                    java.util.Arrays.fill((float[]) cols, 0, ckk * l, 0);
                }
                gemm(ckk, l, g.o, wa, 0, 1, ckk, ga, i * g.o * l, l, 1, cols, 0, l, inside);
                col2im(g, cols, xs.data(), i);
            }
        });
        return Tensor.contiguous(xs, xShape);
    }

    public static Tensor weightGrad(Tensor x, Tensor gy, Shape wShape, int sh, int sw, int ph, int pw) {
        Geometry g = geometry("conv2d_weight_grad", x.shape(), wShape, sh, sw, ph, pw);
        checkGy("conv2d_weight_grad", gy, g);
        DType dtype = DType.promote(x.dtype(), gy.dtype());
        Object xa = array("conv2d_weight_grad", x, dtype), ga = array("conv2d_weight_grad", gy, dtype);
        CpuStorage ws = CpuStorage.allocate(dtype, wShape.size());
        int ckk = g.ckk(), l = g.l();
        // Every image adds into the same gradient: with several images, each chunk of images
        // accumulates its own copy (small: O x C x KH x KW) and the copies are summed.
        long work = (long) g.o * ckk * l;
        int chunks = g.n == 1 ? 1 : Parallel.chunks(work * g.n, Math.min(g.n, Parallel.threads()));
        Object[] partial = new Object[chunks];
        Parallel.run(chunks, t -> {
            Object acc = t == 0 ? ws.data() : (dtype == DType.F64 ? new double[wShape.size()] : new float[wShape.size()]);
            for (int i = (int) ((long) g.n * t / chunks); i < (int) ((long) g.n * (t + 1) / chunks); i++) {
                Object cols = g.identityCols() ? xa : im2col(g, xa, i, scratch(dtype, ckk * l));
                int colOff = g.identityCols() ? i * g.c * g.h * g.w : 0;
                gemm(g.o, ckk, l, ga, i * g.o * l, l, 1, cols, colOff, 1, l, acc, 0, ckk, chunks == 1);
            }
            partial[t] = acc;
        });
        for (int t = 1; t < chunks; t++) {
            if (dtype == DType.F64) {
                double[] a = ws.f64(), p = (double[]) partial[t];
                for (int j = 0; j < a.length; j++) {
                    a[j] += p[j];
                }
            } else {
                float[] a = ws.f32(), p = (float[]) partial[t];
                for (int j = 0; j < a.length; j++) {
                    a[j] += p[j];
                }
            }
        }
        return Tensor.contiguous(ws, wShape);
    }

    private static void checkGy(String op, Tensor gy, Geometry g) {
        Shape expected = Shape.of(g.n, g.o, g.oh, g.ow);
        if (!gy.shape().equals(expected)) {
            throw new TensorError(op, "gradient shape " + gy.shape() + " does not match the output shape " + expected);
        }
    }

    @FunctionalInterface
    interface ImageBody {
        void run(int image, boolean parallelInside);
    }

    /** Runs each image; a batch of several is spread over the cores, a single image parallelises its product. */
    static void perImage(Geometry g, ImageBody body) {
        long work = (long) g.o * g.ckk() * g.l();
        if (g.n == 1 || Parallel.threads() == 1) {
            for (int i = 0; i < g.n; i++) {
                body.run(i, true);
            }
        } else {
            int chunks = Parallel.chunks(work * g.n, g.n);
            Parallel.forRange(g.n, chunks, (from, to) -> {
                for (int i = from; i < to; i++) {
                    body.run(i, chunks == 1);
                }
            });
        }
    }

    static void gemm(int m, int n, int k, Object a, int ao, int ars, int acs, Object b, int bo, int brs, int bcs, Object c,
            int co, int ldc, boolean parallel) {
        if (c instanceof double[] cd) {
            Gemm.f64(m, n, k, (double[]) a, ao, ars, acs, (double[]) b, bo, brs, bcs, cd, co, ldc, parallel);
        } else {
            Gemm.f32(m, n, k, (float[]) a, ao, ars, acs, (float[]) b, bo, brs, bcs, (float[]) c, co, ldc, parallel);
        }
    }

    /** This thread's scratch array of at least {@code n} elements of {@code dtype}. */
    private static Object scratch(DType dtype, int n) {
        return dtype == DType.F64 ? PackBuffers.get().c64(n) : PackBuffers.get().c32(n);
    }

    /**
     * Fills {@code cols} with the [C*KH*KW, OH*OW] column matrix of image {@code i}: row
     * (c, kh, kw) holds the input pixel each output position sees through that tap, 0 where the
     * tap falls in the padding. Every element is written (the buffer is reused).
     */
    static Object im2col(Geometry g, Object x, int i, Object cols) {
        int l = g.l();
        int ckk = g.ckk();
        for (int row = 0; row < ckk; row++) {
            int c = row / (g.kh * g.kw), kh = row / g.kw % g.kh, kw = row % g.kw;
            int plane = (i * g.c + c) * g.h * g.w;
            // Output columns whose tap lands inside the image: ow in [lo, hi).
            int lo = Math.max(0, ceilDiv(g.pw - kw, g.sw)), hi = Math.min(g.ow, ceilDiv(g.w + g.pw - kw, g.sw));
            for (int oh = 0; oh < g.oh; oh++) {
                int ih = oh * g.sh - g.ph + kh;
                int dst = row * l + oh * g.ow;
                boolean inside = ih >= 0 && ih < g.h && lo < hi;
                int src = plane + ih * g.w - g.pw + kw;
                if (cols instanceof double[] cd) {
                    double[] xd = (double[]) x;
                    if (!inside) {
                        java.util.Arrays.fill(cd, dst, dst + g.ow, 0);
                        continue;
                    }
                    java.util.Arrays.fill(cd, dst, dst + lo, 0);
                    if (g.sw == 1) {
                        System.arraycopy(xd, src + lo, cd, dst + lo, hi - lo);
                    } else {
                        for (int ow = lo; ow < hi; ow++) {
                            cd[dst + ow] = xd[src + ow * g.sw];
                        }
                    }
                    java.util.Arrays.fill(cd, dst + hi, dst + g.ow, 0);
                } else {
                    float[] cf = (float[]) cols, xf = (float[]) x;
                    if (!inside) {
                        java.util.Arrays.fill(cf, dst, dst + g.ow, 0);
                        continue;
                    }
                    java.util.Arrays.fill(cf, dst, dst + lo, 0);
                    if (g.sw == 1) {
                        System.arraycopy(xf, src + lo, cf, dst + lo, hi - lo);
                    } else {
                        for (int ow = lo; ow < hi; ow++) {
                            cf[dst + ow] = xf[src + ow * g.sw];
                        }
                    }
                    java.util.Arrays.fill(cf, dst + hi, dst + g.ow, 0);
                }
            }
        }
        return cols;
    }

    private static int ceilDiv(int a, int b) {
        return Math.floorDiv(a + b - 1, b);
    }

    /** Adds the column matrix of image {@code i} back onto the image: the adjoint of im2col. */
    static void col2im(Geometry g, Object cols, Object x, int i) {
        int l = g.l();
        int ckk = g.ckk();
        for (int row = 0; row < ckk; row++) {
            int c = row / (g.kh * g.kw), kh = row / g.kw % g.kh, kw = row % g.kw;
            int plane = (i * g.c + c) * g.h * g.w;
            for (int oh = 0; oh < g.oh; oh++) {
                int ih = oh * g.sh - g.ph + kh;
                if (ih < 0 || ih >= g.h) {
                    continue;
                }
                int src = row * l + oh * g.ow;
                int dst = plane + ih * g.w;
                if (x instanceof double[] xd) {
                    double[] cd = (double[]) cols;
                    for (int ow = 0; ow < g.ow; ow++) {
                        int iw = ow * g.sw - g.pw + kw;
                        if (iw >= 0 && iw < g.w) {
                            xd[dst + iw] += cd[src + ow];
                        }
                    }
                } else {
                    float[] xf = (float[]) x, cf = (float[]) cols;
                    for (int ow = 0; ow < g.ow; ow++) {
                        int iw = ow * g.sw - g.pw + kw;
                        if (iw >= 0 && iw < g.w) {
                            xf[dst + iw] += cf[src + ow];
                        }
                    }
                }
            }
        }
    }
}
