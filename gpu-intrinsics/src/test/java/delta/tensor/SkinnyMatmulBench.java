package delta.tensor;

import java.util.Random;

/**
 * Matrix-product times of the CPU backend on the skinny shapes of a neural-network training
 * step (batch 128, 784 -> 256 layer) and on square sizes, f32 and f64, best of many runs after a
 * warm-up. Not a test.
 *
 * <pre>
 * ./mvnw -q -o test-compile -pl gpu-intrinsics
 * java --add-modules jdk.incubator.vector -cp gpu-intrinsics/target/classes:gpu-intrinsics/target/test-classes \
 *      delta.tensor.SkinnyMatmulBench
 * </pre>
 */
public final class SkinnyMatmulBench {
    private SkinnyMatmulBench() {
    }

    private static Tensor random(Backend be, int rows, int cols, DType dtype, long seed) {
        Random r = new Random(seed);
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return be.fromArray(x, Shape.of(rows, cols), dtype);
    }

    private static void time(Backend be, String name, Tensor a, Tensor b, double flops) {
        long warmEnd = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < warmEnd) {
            be.matmul(a, b);
        }
        int runs = Math.max(20, (int) (3e10 / flops));
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            be.matmul(a, b);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("%-28s %-4s %9.3f ms %8.1f GFLOP/s%n", name, a.dtype(), best * 1e3, flops / best / 1e9);
    }

    public static void main(String[] args) {
        Backend be = CpuBackend.INSTANCE;
        System.out.println("kernels: " + CpuBackend.kernels() + "; " + Runtime.version());
        boolean squares = args.length == 0 || !args[0].equals("skinny");
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Tensor x = random(be, 128, 784, dtype, 1), w = random(be, 784, 256, dtype, 2);
            Tensor g = random(be, 128, 256, dtype, 3), w2 = random(be, 784, 256, dtype, 4);
            double f = 2.0 * 128 * 784 * 256;
            time(be, "x@w [128,784]@[784,256]", x, w, f);
            time(be, "x.T@g [784,128]@[128,256]", x.mT(), g, f);
            time(be, "g@w.T [128,256]@[256,784]", g, w2.mT(), f);
            if (squares) {
                for (int n : new int[] {256, 512, 1024}) {
                    time(be, "square " + n, random(be, n, n, dtype, n), random(be, n, n, dtype, n + 1), 2.0 * n * n * n);
                }
            }
        }
    }
}
