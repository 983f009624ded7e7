package delta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import delta.tensor.UnaryOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector e^x (VectorExp) through the kernels that use it: within 1 ulp of Math.exp at
 * random points of every magnitude and at the edges (overflow, the subnormal range, infinities,
 * NaN, signed zeros), and the same bits whether C2 has compiled the kernel or not, which the Vector
 * API's own EXP does not give; likewise the sums of vector lanes (LaneSums) in every kernel that
 * reduces with them.
 */
class VectorExpTest {
    private static final Random RANDOM = new Random(20261122);

    private static double[] inputs() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 1e-10, 0.5 * Math.log(2), -0.5 * Math.log(2),
                709.7, 709.78, 709.8, 710.0, 1000.0, -700.0, -708.4, -708.5, -740.0, -745.1, -745.2, -746.0, -1000.0,
                88.7, 88.8, 89.0, -87.3, -87.4, -100.0, -103.9, -104.0, -110.0,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] x = new double[edges.length + 30_000];
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = edges.length; i < x.length; i++) {
            double scale = switch (i % 5) {
                case 0 -> 1e-6;
                case 1 -> 1;
                case 2 -> 10;
                case 3 -> 100;
                default -> 700;
            };
            x[i] = (RANDOM.nextDouble() * 2 - 1) * scale;
        }
        return x;
    }

    @Test
    void f64WithinOneUlpOfMathExp() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = inputs();
        double[] y = new double[x.length];
        VectorMath.unaryF64(UnaryOp.EXP, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("exp", x, y, Math::exp, 1);
        double[] s = new double[x.length];
        VectorMath.unaryF64(UnaryOp.SIGMOID, x, 0, s, 0, x.length);
        KernelChecks.assertWithinUlps("sigmoid", x, s, v -> 1 / (1 + Math.exp(-v)), 2);
    }

    @Test
    void f32WithinOneUlpOfMathExp() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] wide = inputs();
        float[] x = new float[wide.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (Math.abs(wide[i]) > 150 && Double.isFinite(wide[i]) ? wide[i] / 7 : wide[i]);
        }
        float[] y = new float[x.length];
        VectorMath.unaryF32(UnaryOp.EXP, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("exp", x, y, Math::exp, 1f);
    }

    @Test
    void sameBitsBeforeAndAfterTheKernelsAreCompiled() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = RANDOM.nextGaussian() * 20;
        }
        KernelChecks.assertSameBitsColdAndCompiled(UnaryOp.EXP, x);
    }

    @Test
    void sumsAddTheLanesInTheSameOrderBeforeAndAfterCompilation() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        // Magnitudes far apart, so that the order of the additions shows in the last bits.
        double[] x = new double[1000];
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = RANDOM.nextGaussian() * Math.pow(10, RANDOM.nextInt(12) - 6);
            xf[i] = (float) x[i];
        }
        double[] first = sums(x, xf);
        double[] later = first;
        for (int round = 0; round < 20_000; round++) {
            later = sums(x, xf);
        }
        assertArrayEquals(first, later);
    }

    /** Every lane-summing kernel once, at lengths with and without a masked tail. */
    private static double[] sums(double[] x, float[] xf) {
        double[] y = new double[x.length];
        float[] yf = new float[x.length];
        return new double[] {
            VectorReduce.sumF64(x, 0, 1000), VectorReduce.sumF64(x, 3, 997),
            VectorReduce.sumF32(xf, 0, 1000), VectorReduce.sumF32(xf, 5, 990),
            VectorMath.dotF64(x, 0, x, 0, 1000), VectorMath.dotF32(xf, 0, xf, 0, 999),
            VectorReduce.expShiftedF64(x, 0, y, 0, 999, 1.0), VectorReduce.expShiftedF32(xf, 0, yf, 0, 999, 1f)};
    }
}
