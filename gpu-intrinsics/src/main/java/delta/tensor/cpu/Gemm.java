package delta.tensor.cpu;

/**
 * Chooses the kernel for one matrix product {@code C += A B} and splits it across cores.
 * Operands are strided views into arrays: A[i][p] = {@code a[ao + i*ars + p*acs]},
 * B[p][j] = {@code b[bo + p*brs + j*bcs]}, C[i][j] = {@code c[co + i*ldc + j]}.
 *
 * <p>Kernels: matrix-vector shapes go to dot-product or axpy loops (memory bound, no packing,
 * one thread);
 * small products to the plain-Java loop; the rest to the packed Vector API kernels when the
 * JVM has jdk.incubator.vector ({@code --add-modules jdk.incubator.vector}) and the system
 * property {@code delta.tensor.vector} is not {@code false}, otherwise to the plain-Java loop.
 */
public final class Gemm {
    /** Whether the Vector API kernels are in use. */
    public static final boolean VECTOR = Simd.AVAILABLE;

    /** Below this many multiply-adds a product stays on one thread. */
    static final long PARALLEL_WORK = 1L << 18;

    /** Below this many multiply-adds packing costs more than it saves. */
    private static final long SMALL_WORK = 1L << 13;

    private Gemm() {
    }

    /** A short description of the kernels in use, for benchmarks and diagnostics. */
    public static String describe() {
        return VECTOR ? "Vector API (" + GemmF64Vector.bits() + "-bit), "
                + Parallel.threads() + " threads" : "plain Java (no jdk.incubator.vector), " + Parallel.threads() + " threads";
    }

    static void f64(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
            double[] c, int co, int ldc, boolean parallel) {
        f64(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, parallel, false);
    }

    /** As above; with {@code overwrite} C's block may hold anything (an unzeroed new array) and receives A B. */
    static void f64(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
            double[] c, int co, int ldc, boolean parallel, boolean overwrite) {
        if (m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        boolean vector = VECTOR && work >= SMALL_WORK && m > 1;
        boolean store = overwrite && packed(vector, n, k, acs);
        if (overwrite && !store) {
            // Only the packed kernels can store their first slice; the others add to a zeroed C.
            zero(c, co, ldc, m, n);
        }
        if (k == 0) {
            return;
        }
        if (VECTOR && n == 1 && acs == 1 && brs == 1) {
            for (int i = 0; i < m; i++) {
                c[co + i * ldc] += VectorMath.dotF64(a, ao + i * ars, b, bo, k);
            }
            return;
        }
        if (VECTOR && m == 1 && bcs == 1) {
            for (int p = 0; p < k; p++) {
                VectorMath.axpyF64(a[ao + p * acs], b, bo + p * brs, c, co, n);
            }
            return;
        }
        if (n == 1 && acs == 1) {
            GemmScalar.gemvF64(m, k, a, ao, ars, acs, b, bo, brs, c, co, ldc);
            return;
        }
        int chunks = parallel && work >= PARALLEL_WORK ? Parallel.threads() : 1;
        if (chunks == 1) {
            f64Block(vector, m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, store);
        } else if (m >= n || m >= 64) {
            // Split the rows; each chunk packs B itself (cheap next to its share of the work).
            int unit = vector ? GemmF64Vector.MR : 1;
            int blocks = (m + unit - 1) / unit;
            Parallel.forRange(blocks, chunks, (b0, b1) -> {
                int i0 = b0 * unit, i1 = Math.min(m, b1 * unit);
                f64Block(vector, i1 - i0, n, k, a, ao + i0 * ars, ars, acs, b, bo, brs, bcs, c, co + i0 * ldc, ldc, store);
            });
        } else {
            int unit = vector ? GemmF64Vector.NR : 16;
            int blocks = (n + unit - 1) / unit;
            Parallel.forRange(blocks, chunks, (b0, b1) -> {
                int j0 = b0 * unit, j1 = Math.min(n, b1 * unit);
                f64Block(vector, m, j1 - j0, k, a, ao, ars, acs, b, bo + j0 * bcs, brs, bcs, c, co + j0, ldc, store);
            });
        }
    }

    private static void zero(double[] c, int co, int ldc, int m, int n) {
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0);
        }
    }

    /**
     * Whether a product goes to the packed Vector API kernels, as the dispatch of f64 and f32 below
     * decides: {@code vector} (which implies m > 1, so never the axpy path) and not a dot or gemv.
     */
    private static boolean packed(boolean vector, int n, int k, int acs) {
        return vector && k > 0 && !(n == 1 && acs == 1);
    }

    private static void f64Block(boolean vector, int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b,
            int bo, int brs, int bcs, double[] c, int co, int ldc, boolean overwrite) {
        if (vector) {
            GemmF64Vector.gemm(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, overwrite);
        } else {
            GemmScalar.f64(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
        }
    }

    static void f32(int m, int n, int k, float[] a, int ao, int ars, int acs, float[] b, int bo, int brs, int bcs,
            float[] c, int co, int ldc, boolean parallel) {
        f32(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, parallel, false);
    }

    /** As above; with {@code overwrite} C's block may hold anything (an unzeroed new array) and receives A B. */
    static void f32(int m, int n, int k, float[] a, int ao, int ars, int acs, float[] b, int bo, int brs, int bcs,
            float[] c, int co, int ldc, boolean parallel, boolean overwrite) {
        if (m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        boolean vector = VECTOR && work >= SMALL_WORK && m > 1;
        boolean store = overwrite && packed(vector, n, k, acs);
        if (overwrite && !store) {
            // Only the packed kernels can store their first slice; the others add to a zeroed C.
            zero(c, co, ldc, m, n);
        }
        if (k == 0) {
            return;
        }
        if (VECTOR && n == 1 && acs == 1 && brs == 1) {
            for (int i = 0; i < m; i++) {
                c[co + i * ldc] += VectorMath.dotF32(a, ao + i * ars, b, bo, k);
            }
            return;
        }
        if (VECTOR && m == 1 && bcs == 1) {
            for (int p = 0; p < k; p++) {
                VectorMath.axpyF32(a[ao + p * acs], b, bo + p * brs, c, co, n);
            }
            return;
        }
        if (n == 1 && acs == 1) {
            GemmScalar.gemvF32(m, k, a, ao, ars, acs, b, bo, brs, c, co, ldc);
            return;
        }
        int chunks = parallel && work >= PARALLEL_WORK ? Parallel.threads() : 1;
        if (chunks == 1) {
            f32Block(vector, m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, store);
        } else if (m >= n || m >= 64) {
            int unit = vector ? GemmF32Vector.MR : 1;
            int blocks = (m + unit - 1) / unit;
            Parallel.forRange(blocks, chunks, (b0, b1) -> {
                int i0 = b0 * unit, i1 = Math.min(m, b1 * unit);
                f32Block(vector, i1 - i0, n, k, a, ao + i0 * ars, ars, acs, b, bo, brs, bcs, c, co + i0 * ldc, ldc, store);
            });
        } else {
            int unit = vector ? GemmF32Vector.NR : 16;
            int blocks = (n + unit - 1) / unit;
            Parallel.forRange(blocks, chunks, (b0, b1) -> {
                int j0 = b0 * unit, j1 = Math.min(n, b1 * unit);
                f32Block(vector, m, j1 - j0, k, a, ao, ars, acs, b, bo + j0 * bcs, brs, bcs, c, co + j0, ldc, store);
            });
        }
    }

    private static void zero(float[] c, int co, int ldc, int m, int n) {
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0);
        }
    }

    private static void f32Block(boolean vector, int m, int n, int k, float[] a, int ao, int ars, int acs, float[] b,
            int bo, int brs, int bcs, float[] c, int co, int ldc, boolean overwrite) {
        if (vector) {
            GemmF32Vector.gemm(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, overwrite);
        } else {
            GemmScalar.f32(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
        }
    }
}
