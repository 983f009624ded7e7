package delta.tensor;

import java.util.Random;
import java.util.function.Supplier;

/**
 * Throughput of element-wise operations and reductions on 10^6 elements (and a broadcast and a
 * strided case), printed as GB/s of data read plus written, best of several runs. Not a test;
 * run like {@link MatmulBench}.
 */
public final class ElementwiseBench {
    private ElementwiseBench() {
    }

    private static void time(String name, DType dtype, double bytes, Supplier<Tensor> op) {
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            op.get();
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            long t0 = System.nanoTime();
            op.get();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("%-28s %-4s %9.1f us %8.1f GB/s%n", name, dtype, best * 1e6, bytes / best / 1e9);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Backend be = CpuBackend.INSTANCE;
        System.out.println("kernels: " + CpuBackend.kernels() + "; n = " + n);
        Random r = new Random(1);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            y[i] = r.nextGaussian();
        }
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            int es = dtype.byteSize();
            Tensor a = be.fromArray(x, Shape.of(n), dtype), b = be.fromArray(y, Shape.of(n), dtype);
            Tensor s = be.scalar(2, dtype);
            Tensor m = be.reshape(a, 1000, n / 1000), row = be.fromArray(new double[n / 1000], Shape.of(n / 1000), dtype);
            time("add", dtype, 3.0 * n * es, () -> be.add(a, b));
            time("mul by scalar", dtype, 2.0 * n * es, () -> be.mul(a, s));
            time("add row broadcast", dtype, 2.0 * n * es, () -> be.add(m, row));
            time("add transposed", dtype, 3.0 * n * es, () -> be.add(m.mT(), m.mT()));
            time("exp", dtype, 2.0 * n * es, () -> be.exp(a));
            time("tanh", dtype, 2.0 * n * es, () -> be.unary(UnaryOp.TANH, a));
            time("sigmoid", dtype, 2.0 * n * es, () -> be.unary(UnaryOp.SIGMOID, a));
            time("relu", dtype, 2.0 * n * es, () -> be.unary(UnaryOp.RELU, a));
            time("pow", dtype, 3.0 * n * es, () -> be.pow(a, s));
            time("sum", dtype, 1.0 * n * es, () -> be.sum(a));
            time("sum axis 0 of [1000, n/1000]", dtype, 1.0 * n * es, () -> be.sum(m, 0, false));
            time("sum axis 1 of [1000, n/1000]", dtype, 1.0 * n * es, () -> be.sum(m, 1, false));
            time("softmax rows", dtype, 2.0 * n * es, () -> be.softmax(m, 1));
        }
    }
}
