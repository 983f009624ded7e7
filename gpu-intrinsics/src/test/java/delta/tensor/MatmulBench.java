package delta.tensor;

import java.util.Random;

/**
 * Matrix-product throughput of the CPU backend: square n x n at n = 256, 512, 1024, f32 and
 * f64, printed as GFLOP/s (2 n^3 / seconds, best of several runs after a warm-up). Not a test.
 *
 * <pre>
 * ./mvnw -q -o test-compile -pl gpu-intrinsics
 * java --add-modules jdk.incubator.vector -cp gpu-intrinsics/target/classes:gpu-intrinsics/target/test-classes \
 *      delta.tensor.MatmulBench [n ...]
 * </pre>
 * Without {@code --add-modules jdk.incubator.vector} it measures the plain-Java kernel.
 */
public final class MatmulBench {
    private MatmulBench() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {256, 512, 1024} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Backend be = CpuBackend.INSTANCE;
        System.out.println("kernels: " + CpuBackend.kernels() + "; " + Runtime.version());
        System.out.printf("%-6s %6s %10s %10s%n", "dtype", "n", "ms", "GFLOP/s");
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int n : sizes) {
                Random r = new Random(n);
                double[] x = new double[n * n], y = new double[n * n];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextGaussian();
                    y[i] = r.nextGaussian();
                }
                Tensor a = be.fromArray(x, Shape.of(n, n), dtype), b = be.fromArray(y, Shape.of(n, n), dtype);
                double flops = 2.0 * n * n * n;
                // Warm up long enough for C2 to compile the kernels, then take the best of the timed runs.
                long warmEnd = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < warmEnd) {
                    be.matmul(a, b);
                }
                int runs = Math.max(5, (int) (5e10 / flops));
                double best = Double.MAX_VALUE;
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    be.matmul(a, b);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                System.out.printf("%-6s %6d %10.3f %10.1f%n", dtype, n, best * 1e3, flops / best / 1e9);
            }
        }
    }
}
