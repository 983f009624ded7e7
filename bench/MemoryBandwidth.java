/**
 * The machine's memory bandwidth, the yardstick for bench/tensors' element-wise rows: the same
 * c = a + b as `ew add`, written as a plain Java loop (which C2 vectorises) split over all cores as
 * Delta's kernels are, and timed on this JVM in the same run. Three settings, each printed as "bw <setting> <dtype> <GB/s>" with bytes counted
 * as the element-wise rows count them (two operands read, the result written):
 *   cache:  10^6 elements into an existing array (the working set stays in cache, as PyTorch's
 *           does when its allocator hands back the block it just freed);
 *   fresh:  10^6 elements into a new array each time, as every tensor operation makes its result;
 *   dram:   5 * 10^7 elements into an existing array (main memory, a STREAM "add").
 */
public class MemoryBandwidth {
    public static void main(String[] args) {
        report("cache", 1_000_000, false, 400);
        report("fresh", 1_000_000, true, 400);
        report("dram", 50_000_000, false, 12);
    }

    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    private static void report(String setting, int n, boolean fresh, int reps) {
        float[] a = new float[n], b = new float[n], c = new float[n];
        double[] x = new double[n], y = new double[n], z = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
            b[i] = 0.5f * i;
            c[i] = 0;
            x[i] = i;
            y[i] = 0.5 * i;
            z[i] = 0;
        }
        long[] t32 = new long[reps], t64 = new long[reps];
        double check = 0;
        for (int pass = 0; pass < 3; pass++) { // the first passes warm up (C2 compiles the loops)
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                float[] out32 = fresh ? new float[n] : c;
                inParallel(n, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        out32[i] = a[i] + b[i];
                    }
                });
                t32[r] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                double[] out64 = fresh ? new double[n] : z;
                inParallel(n, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        out64[i] = x[i] + y[i];
                    }
                });
                t64[r] = System.nanoTime() - t0;
                check += out32[n - 1] + out64[n / 2];
            }
        }
        java.util.Arrays.sort(t32);
        java.util.Arrays.sort(t64);
        System.out.printf("bw %s f32 %.2f%n", setting, 12.0 * n / t32[reps / 2]);
        System.out.printf("bw %s f64 %.2f%n", setting, 24.0 * n / t64[reps / 2]);
        if (check == 42) {
            System.out.println(); // keeps the results alive
        }
    }

    private interface Range {
        void run(int from, int to);
    }

    /** [0, n) in one contiguous range per core, the calling thread taking the first. */
    private static void inParallel(int n, Range body) {
        java.util.stream.IntStream.range(0, THREADS).parallel()
                .forEach(t -> body.run((int) ((long) n * t / THREADS), (int) ((long) n * (t + 1) / THREADS)));
    }
}
