package delta.tensor.cpu;

/**
 * {@code C += A B} in plain Java, for JVMs started without the Vector API and for small
 * products where packing does not pay. Same operand conventions as {@link GemmF64Vector#gemm}.
 *
 * <p>C2 (JDK 25) vectorizes {@code r[j] += a * b[j]} only when both arrays are indexed from
 * the same offset: with C and B at different offsets of possibly the same array it must
 * assume they overlap and stays scalar (4x slower, measured). So a block of C rows is copied
 * into separate row arrays, each row of B into a row buffer, and the axpy runs on those.
 */
final class GemmScalar {
    /** Rows of C accumulated at once: MC x NC elements stay in L2 while rows of B stream past. */
    private static final int MC = 64;
    private static final int NC = 512;

    private GemmScalar() {
    }

    static void f64(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
            double[] c, int co, int ldc) {
        double[][] rows = new double[Math.min(MC, m)][Math.min(NC, n)];
        double[] brow = new double[Math.min(NC, n)];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                for (int i = 0; i < mc; i++) {
                    System.arraycopy(c, co + (ic + i) * ldc + jc, rows[i], 0, nc);
                }
                for (int p = 0; p < k; p++) {
                    int src = bo + p * brs + jc * bcs;
                    if (bcs == 1) {
                        System.arraycopy(b, src, brow, 0, nc);
                    } else {
                        for (int j = 0; j < nc; j++) {
                            brow[j] = b[src + j * bcs];
                        }
                    }
                    for (int i = 0; i < mc; i++) {
                        double av = a[ao + (ic + i) * ars + p * acs];
                        double[] r = rows[i];
                        // Both arrays indexed from 0: the one shape of this loop that C2 vectorizes.
                        for (int j = 0; j < nc; j++) {
                            r[j] += av * brow[j];
                        }
                    }
                }
                for (int i = 0; i < mc; i++) {
                    System.arraycopy(rows[i], 0, c, co + (ic + i) * ldc + jc, nc);
                }
            }
        }
    }

    static void f32(int m, int n, int k, float[] a, int ao, int ars, int acs, float[] b, int bo, int brs, int bcs,
            float[] c, int co, int ldc) {
        float[][] rows = new float[Math.min(MC, m)][Math.min(NC, n)];
        float[] brow = new float[Math.min(NC, n)];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                for (int i = 0; i < mc; i++) {
                    System.arraycopy(c, co + (ic + i) * ldc + jc, rows[i], 0, nc);
                }
                for (int p = 0; p < k; p++) {
                    int src = bo + p * brs + jc * bcs;
                    if (bcs == 1) {
                        System.arraycopy(b, src, brow, 0, nc);
                    } else {
                        for (int j = 0; j < nc; j++) {
                            brow[j] = b[src + j * bcs];
                        }
                    }
                    for (int i = 0; i < mc; i++) {
                        float av = a[ao + (ic + i) * ars + p * acs];
                        float[] r = rows[i];
                        // Both arrays indexed from 0: the one shape of this loop that C2 vectorizes.
                        for (int j = 0; j < nc; j++) {
                            r[j] += av * brow[j];
                        }
                    }
                }
                for (int i = 0; i < mc; i++) {
                    System.arraycopy(rows[i], 0, c, co + (ic + i) * ldc + jc, nc);
                }
            }
        }
    }

    /** Matrix-vector {@code c[i*ldc] += sum_p A[i][p] x[p]} as dot products (A rows unit-stride). */
    static void gemvF64(int m, int k, double[] a, int ao, int ars, int acs, double[] x, int xo, int xs, double[] c, int co,
            int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = ao + i * ars;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int p = 0;
            if (acs == 1 && xs == 1) {
                for (; p + 3 < k; p += 4) {
                    s0 += a[ai + p] * x[xo + p];
                    s1 += a[ai + p + 1] * x[xo + p + 1];
                    s2 += a[ai + p + 2] * x[xo + p + 2];
                    s3 += a[ai + p + 3] * x[xo + p + 3];
                }
            }
            for (; p < k; p++) {
                s0 += a[ai + p * acs] * x[xo + p * xs];
            }
            c[co + i * ldc] += (s0 + s1) + (s2 + s3);
        }
    }

    static void gemvF32(int m, int k, float[] a, int ao, int ars, int acs, float[] x, int xo, int xs, float[] c, int co,
            int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = ao + i * ars;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int p = 0;
            if (acs == 1 && xs == 1) {
                for (; p + 3 < k; p += 4) {
                    s0 += a[ai + p] * x[xo + p];
                    s1 += a[ai + p + 1] * x[xo + p + 1];
                    s2 += a[ai + p + 2] * x[xo + p + 2];
                    s3 += a[ai + p + 3] * x[xo + p + 3];
                }
            }
            for (; p < k; p++) {
                s0 += a[ai + p * acs] * x[xo + p * xs];
            }
            c[co + i * ldc] += (s0 + s1) + (s2 + s3);
        }
    }
}
