package delta.tensor.cpu;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernels behind {@link Gemm} one by one, on raw strided arrays with offsets, C += A B
 * semantics, including the plain-Java kernel that runs when the Vector API is absent.
 */
class GemmKernelTest {
    private final Random r = new Random(23);

    @Test
    void vectorApiIsUsedExactlyWhenTheModuleIsThere() {
        // The pom runs the tests twice: with --add-modules jdk.incubator.vector and without.
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(present, Gemm.VECTOR, Gemm.describe());
        System.out.println("GemmKernelTest: " + Gemm.describe() + "; module " + Gemm.class.getModule());
    }

    private interface Kernel {
        void run(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs, double[] c,
                int co, int ldc);
    }

    private void check(Kernel kernel, boolean f32) {
        check(kernel, f32, false);
    }

    /** With {@code overwrite}, C's block starts as NaN (an unzeroed array) and must end as A B exactly, its padding untouched. */
    private void check(Kernel kernel, boolean f32, boolean overwrite) {
        for (int trial = 0; trial < 60; trial++) {
            // Every tenth trial is a vector-matrix (m = 1) or matrix-vector (n = 1) product.
            int m = trial % 10 == 0 ? 1 : 1 + r.nextInt(70), n = trial % 10 == 1 ? 1 : 1 + r.nextInt(70);
            int k = 1 + r.nextInt(300);
            boolean ta = r.nextBoolean(), tb = r.nextBoolean();
            int ao = r.nextInt(5), bo = r.nextInt(5), co = r.nextInt(5), ldc = n + r.nextInt(3);
            // A stored row-major (ars = k + pad) or transposed (acs = m + pad).
            int lda = (ta ? m : k) + r.nextInt(3), ldb = (tb ? k : n) + r.nextInt(3);
            double[] a = new double[ao + lda * (ta ? k : m)], b = new double[bo + ldb * (tb ? n : k)];
            double[] c = new double[co + ldc * m];
            for (int i = 0; i < a.length; i++) {
                a[i] = f32 ? (float) r.nextGaussian() : r.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = f32 ? (float) r.nextGaussian() : r.nextGaussian();
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = f32 ? (float) r.nextGaussian() : r.nextGaussian();
            }
            int ars = ta ? 1 : lda, acs = ta ? lda : 1, brs = tb ? 1 : ldb, bcs = tb ? ldb : 1;
            if (overwrite) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0.0);
                }
            }
            double[] expected = c.clone();
            if (overwrite) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, co + i * ldc, co + i * ldc + n, Double.NaN);
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a[ao + i * ars + p * acs] * b[bo + p * brs + j * bcs];
                    }
                    expected[co + i * ldc + j] += s;
                }
            }
            kernel.run(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
            for (int i = 0; i < c.length; i++) {
                boolean inside = i >= co && (i - co) % ldc < n;
                double tol = f32 ? 1e-4 * Math.sqrt(k) : 1e-11;
                if (!inside) {
                    tol = 0; // padding between rows of C must be left alone
                }
                assertEquals(expected[i], c[i], tol, "m=" + m + " n=" + n + " k=" + k + " element " + i);
            }
        }
    }

    private static float[] f(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) x[i];
        }
        return y;
    }

    private static void back(float[] y, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = y[i];
        }
    }

    @Test
    void vectorKernelF64() {
        assumeTrue(Gemm.VECTOR, "no jdk.incubator.vector in this JVM");
        check(GemmF64Vector::gemm, false);
    }

    @Test
    void vectorKernelF32() {
        assumeTrue(Gemm.VECTOR, "no jdk.incubator.vector in this JVM");
        check((m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) -> {
            float[] cf = f(c);
            GemmF32Vector.gemm(m, n, k, f(a), ao, ars, acs, f(b), bo, brs, bcs, cf, co, ldc);
            back(cf, c);
        }, true);
    }

    @Test
    void plainJavaKernels() {
        check(GemmScalar::f64, false);
        check((m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) -> {
            float[] cf = f(c);
            GemmScalar.f32(m, n, k, f(a), ao, ars, acs, f(b), bo, brs, bcs, cf, co, ldc);
            back(cf, c);
        }, true);
    }

    @Test
    void dispatcherWithThreads() {
        check((m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) ->
                Gemm.f64(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, true), false);
        check((m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) -> {
            float[] cf = f(c);
            Gemm.f32(m, n, k, f(a), ao, ars, acs, f(b), bo, brs, bcs, cf, co, ldc, true);
            back(cf, c);
        }, true);
    }

    @Test
    void overwritingKernelsIgnoreWhatCHeld() {
        if (Gemm.VECTOR) {
            check((m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) -> GemmF64Vector.gemm(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, true),
                    false, true);
            check((m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) -> {
                float[] cf = f(c);
                GemmF32Vector.gemm(m, n, k, f(a), ao, ars, acs, f(b), bo, brs, bcs, cf, co, ldc, true);
                back(cf, c);
            }, true, true);
        }
        // The dispatcher's other kernels (dot, axpy, plain Java) zero C's block first.
        check((m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) ->
                Gemm.f64(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, true, true), false, true);
        check((m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) -> {
            float[] cf = f(c);
            Gemm.f32(m, n, k, f(a), ao, ars, acs, f(b), bo, brs, bcs, cf, co, ldc, true, true);
            back(cf, c);
        }, true, true);
        // k = 0: the product is all zeros.
        double[] c = {Double.NaN, Double.NaN, 7.0, Double.NaN, Double.NaN};
        Gemm.f64(2, 2, 0, new double[0], 0, 0, 1, new double[0], 0, 2, 1, c, 0, 3, true, true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0.0, 0.0, 7.0, 0.0, 0.0}, c);
    }

    /** Deep and wide products (several packed slices of k, edge panels, gathers of transposed views), f32 and f64. */
    @Test
    void vectorKernelsLargeShapes() {
        assumeTrue(Gemm.VECTOR, "no jdk.incubator.vector in this JVM");
        int[][] shapes = {{40, 72, 784}, {50, 200, 130}, {24, 65, 600}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                int m = s[0], n = s[1], k = s[2];
                double[] a = new double[m * k], b = new double[k * n], c = new double[m * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) r.nextGaussian();
                }
                int ars = ta ? 1 : k, acs = ta ? m : 1, brs = tb ? 1 : n, bcs = tb ? k : 1;
                double[] expected = new double[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int p = 0; p < k; p++) {
                            sum += a[i * ars + p * acs] * b[p * brs + j * bcs];
                        }
                        expected[i * n + j] = sum;
                    }
                }
                GemmF64Vector.gemm(m, n, k, a, 0, ars, acs, b, 0, brs, bcs, c, 0, n);
                float[] cf = new float[m * n];
                GemmF32Vector.gemm(m, n, k, f(a), 0, ars, acs, f(b), 0, brs, bcs, cf, 0, n);
                for (int i = 0; i < c.length; i++) {
                    assertEquals(expected[i], c[i], 1e-10, "f64 m=" + m + " n=" + n + " k=" + k + " t=" + t + " at " + i);
                    assertEquals(expected[i], cf[i], 1e-4 * Math.sqrt(k), "f32 m=" + m + " n=" + n + " k=" + k + " t=" + t + " at " + i);
                }
            }
        }
    }
}
