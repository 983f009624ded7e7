package delta.tensor;

import java.util.List;

/**
 * The vectorised Rosenbrock function and its hand-written gradient through the backend, the
 * kernel-level part of bench workload W4 (the language adds interpretation and autodiff on
 * top). Prints the best time of value + gradient at n = 10^4 and 10^6. Not a test; run like
 * {@link MatmulBench}. The NumPy equivalent is in the comment at the end of this file.
 */
public final class RosenbrockBench {
    private RosenbrockBench() {
    }

    static double valueAndGrad(Backend be, Tensor x, Tensor[] grad) {
        int n = x.size();
        DType dt = x.dtype();
        Tensor a = x.slice(0, 0, n - 1, 1), b = x.slice(0, 1, n, 1);
        Tensor two = be.scalar(2, dt);
        Tensor d = be.sub(b, be.pow(a, two));
        Tensor oneMinusA = be.sub(be.scalar(1, dt), a);
        Tensor f = be.sum(be.add(be.mul(be.scalar(100, dt), be.pow(d, two)), be.pow(oneMinusA, two)));
        Tensor ga = be.sub(be.mul(be.scalar(-400, dt), be.mul(a, d)), be.mul(two, oneMinusA));
        Tensor gb = be.mul(be.scalar(200, dt), d);
        Tensor zero = be.zeros(Shape.of(1), dt);
        grad[0] = be.add(be.concat(List.of(ga, zero), 0), be.concat(List.of(zero, gb), 0));
        return be.item(f);
    }

    public static void main(String[] args) {
        Backend be = CpuBackend.INSTANCE;
        System.out.println("kernels: " + CpuBackend.kernels());
        for (DType dt : new DType[] {DType.F64, DType.F32}) {
            for (int n : new int[] {10_000, 1_000_000}) {
                Tensor x = be.arange(0, n, 1, dt);
                x = be.mul(x, be.scalar(1.0 / n, dt));
                Tensor[] g = new Tensor[1];
                long end = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < end) {
                    valueAndGrad(be, x, g);
                }
                double best = Double.MAX_VALUE;
                for (int i = 0; i < 30; i++) {
                    long t0 = System.nanoTime();
                    valueAndGrad(be, x, g);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                System.out.printf("rosenbrock value+grad %s n=%-8d %9.1f us%n", dt, n, best * 1e6);
            }
        }
    }
}
// NumPy, same operations:
//   a, b = x[:-1], x[1:]; d = b - a**2; om = 1 - a
//   f = (100 * d**2 + om**2).sum()
//   ga = -400 * (a * d) - 2 * om; gb = 200 * d
//   g = np.concatenate([ga, [0]]) + np.concatenate([[0], gb])
