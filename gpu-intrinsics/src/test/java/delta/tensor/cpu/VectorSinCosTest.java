package delta.tensor.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import delta.tensor.UnaryOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector sin and cos (VectorSinCos) through their kernels: within 2 ulps of Math.sin/Math.cos
 * (f32: 1 ulp of their values rounded to float) at random points near zero, around the quadrant
 * boundaries, up to the end of the reduction's range and beyond it (where Math's answers are
 * used), at signed zeros, infinities and NaN; and the same bits cold and compiled.
 */
class VectorSinCosTest {
    private static final Random RANDOM = new Random(22112026);

    private static double[] inputs() {
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, Math.PI / 4, Math.PI / 2, Math.PI, -Math.PI,
                3 * Math.PI / 2, 2 * Math.PI, 1e5, 823549.6, 823550.0, 1e6, 1e22, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        double[] x = new double[edges.length + 40_000];
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = edges.length; i < x.length; i++) {
            double sign = RANDOM.nextBoolean() ? 1 : -1;
            x[i] = sign * switch (i % 5) {
                case 0 -> RANDOM.nextDouble();
                case 1 -> RANDOM.nextDouble() * 10;
                case 2 -> RANDOM.nextDouble() * 1e5;
                case 3 -> (RANDOM.nextInt(1000) + (RANDOM.nextDouble() - 0.5) * 1e-6) * Math.PI / 2;  // near k pi/2
                default -> Math.pow(10, -RANDOM.nextInt(20)) * RANDOM.nextDouble();
            };
        }
        return x;
    }

    @Test
    void f64WithinTwoUlpsOfMath() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = inputs();
        double[] y = new double[x.length];
        VectorMath.unaryF64(UnaryOp.SIN, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("sin", x, y, Math::sin, 2);
        VectorMath.unaryF64(UnaryOp.COS, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("cos", x, y, Math::cos, 2);
    }

    @Test
    void f32WithinOneUlpOfMath() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] wide = inputs();
        float[] x = new float[wide.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) wide[i];
        }
        float[] y = new float[x.length];
        VectorMath.unaryF32(UnaryOp.SIN, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("sin", x, y, Math::sin, 1f);
        VectorMath.unaryF32(UnaryOp.COS, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("cos", x, y, Math::cos, 1f);
    }

    @Test
    void sameBitsBeforeAndAfterTheKernelsAreCompiled() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = RANDOM.nextGaussian() * 100;
        }
        KernelChecks.assertSameBitsColdAndCompiled(UnaryOp.SIN, x);
        KernelChecks.assertSameBitsColdAndCompiled(UnaryOp.COS, x);
    }
}
