package delta.tensor;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** conv2d, max_pool2d and their gradients against the defining sums, with strides and padding. */
class ConvPoolTest {
    private final Backend b = Nd.B;
    private final Random r = new Random(29);

    /** y[n][o][i][j] = sum_{c,u,v} x[n][c][i*sh - ph + u][j*sw - pw + v] w[o][c][u][v], outside taps are 0. */
    static Nd conv(Nd x, Nd w, int sh, int sw, int ph, int pw) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3];
        int o = w.shape[0], kh = w.shape[2], kw = w.shape[3];
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (wd + 2 * pw - kw) / sw + 1;
        Nd y = new Nd(n, o, oh, ow);
        Nd.forEach(y.shape, i -> {
            double s = 0;
            for (int ci = 0; ci < c; ci++) {
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++) {
                        int ih = i[2] * sh - ph + u, iw = i[3] * sw - pw + v;
                        if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                            s += x.get(i[0], ci, ih, iw) * w.get(i[1], ci, u, v);
                        }
                    }
                }
            }
            y.set(s, i);
        });
        return y;
    }

    /** The gradients by the chain rule on the same sum: each tap sends gy * w to x and gy * x to w. */
    static Nd[] convGrads(Nd x, Nd w, Nd gy, int sh, int sw, int ph, int pw) {
        Nd gx = new Nd(x.shape), gw = new Nd(w.shape);
        int c = x.shape[1], h = x.shape[2], wd = x.shape[3], kh = w.shape[2], kw = w.shape[3];
        Nd.forEach(gy.shape, i -> {
            double g = gy.get(i);
            for (int ci = 0; ci < c; ci++) {
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++) {
                        int ih = i[2] * sh - ph + u, iw = i[3] * sw - pw + v;
                        if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                            gx.set(gx.get(i[0], ci, ih, iw) + g * w.get(i[1], ci, u, v), i[0], ci, ih, iw);
                            gw.set(gw.get(i[1], ci, u, v) + g * x.get(i[0], ci, ih, iw), i[1], ci, u, v);
                        }
                    }
                }
            }
        });
        return new Nd[] {gx, gw};
    }

    @Test
    void conv2dAndGradients() {
        int[][] configs = {
            // n, c, h, w, o, kh, kw, sh, sw, ph, pw
            {2, 3, 7, 6, 4, 3, 3, 1, 1, 0, 0},
            {1, 2, 8, 8, 3, 3, 3, 2, 2, 1, 1},
            {3, 1, 5, 9, 2, 2, 4, 1, 2, 1, 0},
            {2, 4, 6, 6, 5, 1, 1, 1, 1, 0, 0},   // 1x1: the image is its own column matrix
            {4, 3, 10, 10, 8, 5, 5, 2, 1, 2, 2},
            {1, 1, 3, 3, 1, 3, 3, 1, 1, 0, 0},
            {5, 6, 12, 12, 16, 3, 3, 1, 1, 1, 1}, // big enough to use both cores
        };
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int[] g : configs) {
                Nd x = Nd.of(Nd.random(r, g[0], g[1], g[2], g[3]).tensor(dtype));
                Nd w = Nd.of(Nd.random(r, g[4], g[1], g[5], g[6]).tensor(dtype));
                Tensor tx = Nd.strided(x, dtype), tw = w.tensor(dtype);
                Nd e = conv(x, w, g[7], g[8], g[9], g[10]);
                Tensor y = b.conv2d(tx, tw, g[7], g[8], g[9], g[10]);
                int k = g[1] * g[5] * g[6];
                MatmulTest.assertProduct(e, y, dtype, k);
                Nd gy = Nd.of(Nd.random(r, e.shape).tensor(dtype));
                Nd[] grads = convGrads(x, w, gy, g[7], g[8], g[9], g[10]);
                Tensor gx = b.conv2dInputGrad(Nd.strided(gy, dtype), tw, tx.shape(), g[7], g[8], g[9], g[10]);
                Tensor gw = b.conv2dWeightGrad(tx, gy.tensor(dtype), tw.shape(), g[7], g[8], g[9], g[10]);
                MatmulTest.assertProduct(grads[0], gx, dtype, g[4] * g[5] * g[6]);
                MatmulTest.assertProduct(grads[1], gw, dtype, g[0] * e.shape[2] * e.shape[3]);
            }
        }
    }

    @Test
    void conv2dErrors() {
        Tensor x = b.zeros(Shape.of(1, 3, 8, 8), DType.F64);
        TensorError e = assertThrows(TensorError.class, () -> b.conv2d(x, b.zeros(Shape.of(4, 2, 3, 3), DType.F64), 1, 1, 0, 0));
        assertEquals("conv2d: input shape [1, 3, 8, 8] has 3 channels but weight shape [4, 2, 3, 3] expects 2", e.getMessage());
        e = assertThrows(TensorError.class, () -> b.conv2d(x, b.zeros(Shape.of(4, 3, 9, 9), DType.F64), 1, 1, 0, 0));
        assertEquals("conv2d: kernel [9, 9] is larger than the padded input [8, 8] (input shape [1, 3, 8, 8], weight shape "
                + "[4, 3, 9, 9])", e.getMessage());
        e = assertThrows(TensorError.class, () -> b.conv2d(b.zeros(Shape.of(3, 8, 8), DType.F64),
                b.zeros(Shape.of(4, 3, 3, 3), DType.F64), 1, 1, 0, 0));
        assertEquals("conv2d: expected input [N, C, H, W] and weight [O, C, KH, KW], got shapes [3, 8, 8] and [4, 3, 3, 3]",
                e.getMessage());
        assertThrows(TensorError.class, () -> b.conv2d(x, b.zeros(Shape.of(4, 3, 3, 3), DType.F64), 0, 1, 0, 0));
        e = assertThrows(TensorError.class, () -> b.conv2dInputGrad(b.zeros(Shape.of(1, 4, 5, 5), DType.F64),
                b.zeros(Shape.of(4, 3, 3, 3), DType.F64), x.shape(), 1, 1, 0, 0));
        assertEquals("conv2d_input_grad: gradient shape [1, 4, 5, 5] does not match the output shape [1, 4, 6, 6]",
                e.getMessage());
    }

    static Nd pool(Nd x, int kh, int kw, int sh, int sw, int ph, int pw, Nd gy, Nd gx) {
        int h = x.shape[2], wd = x.shape[3];
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (wd + 2 * pw - kw) / sw + 1;
        Nd y = new Nd(x.shape[0], x.shape[1], oh, ow);
        Nd.forEach(y.shape, i -> {
            double m = Double.NEGATIVE_INFINITY;
            int[] at = null;
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    int ih = i[2] * sh - ph + u, iw = i[3] * sw - pw + v;
                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd && (at == null || x.get(i[0], i[1], ih, iw) > m)) {
                        m = x.get(i[0], i[1], ih, iw);
                        at = new int[] {i[0], i[1], ih, iw};
                    }
                }
            }
            y.set(m, i);
            if (gy != null) {
                gx.set(gx.get(at) + gy.get(i), at);
            }
        });
        return y;
    }

    @Test
    void maxPoolAndGradient() {
        int[][] configs = {
            // n, c, h, w, kh, kw, sh, sw, ph, pw
            {2, 3, 8, 8, 2, 2, 2, 2, 0, 0},
            {1, 2, 7, 5, 3, 3, 2, 1, 1, 1},
            {3, 1, 6, 6, 3, 2, 3, 2, 0, 1},
            {8, 16, 32, 32, 2, 2, 2, 2, 0, 0},
        };
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int[] g : configs) {
                Nd x0 = Nd.random(r, g[0], g[1], g[2], g[3]);
                for (int i = 0; i < x0.data.length; i++) {
                    x0.data[i] = Math.round(x0.data[i] * 3); // ties: the first maximum takes the gradient
                }
                Tensor tx = Nd.strided(x0, dtype);
                Nd x = Nd.of(tx);
                Nd e = pool(x, g[4], g[5], g[6], g[7], g[8], g[9], null, null);
                Nd.assertClose(e, b.maxPool2d(tx, g[4], g[5], g[6], g[7], g[8], g[9]), 0, 0);
                Nd gy = Nd.of(Nd.random(r, e.shape).tensor(dtype));
                Nd gx = new Nd(x.shape);
                pool(x, g[4], g[5], g[6], g[7], g[8], g[9], gy, gx);
                Nd.assertClose(gx, b.maxPool2dGrad(tx, gy.tensor(dtype), g[4], g[5], g[6], g[7], g[8], g[9]), dtype);
            }
        }
        TensorError e = assertThrows(TensorError.class,
                () -> b.maxPool2d(b.zeros(Shape.of(1, 1, 4, 4), DType.F64), 2, 2, 2, 2, 2, 0));
        assertEquals("max_pool2d: padding [2, 0] must be between 0 and half the kernel [2, 2]", e.getMessage());
        e = assertThrows(TensorError.class, () -> b.maxPool2d(b.zeros(Shape.of(4, 4), DType.F64), 2, 2, 2, 2, 0, 0));
        assertEquals("max_pool2d: expected input [N, C, H, W], got shape [4, 4]", e.getMessage());
    }
}
