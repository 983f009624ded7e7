package delta.tensor.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import delta.tensor.UnaryOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector tanh (VectorTanh) through the tanh kernels: within 2 ulps of Math.tanh (f32: of its
 * value rounded to float) at random points
 * of every magnitude, tiny and subnormal ones included (where a formula through e^(2x) would
 * cancel), and at the edges (signed zeros, infinities, NaN, where it reaches 1); and the same bits
 * cold and compiled.
 */
class VectorTanhTest {
    private static final Random RANDOM = new Random(112226);

    private static double[] inputs() {
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, 1e-8, -1e-8, 0.5, -0.5, 1, -1, 19, 20, 21, 100, -100,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.34657359, 0.3465736};
        double[] x = new double[edges.length + 40_000];
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = edges.length; i < x.length; i++) {
            double sign = RANDOM.nextBoolean() ? 1 : -1;
            x[i] = sign * switch (i % 4) {
                case 0 -> RANDOM.nextDouble();
                case 1 -> RANDOM.nextDouble() * 10;
                case 2 -> Math.pow(10, -RANDOM.nextInt(30)) * RANDOM.nextDouble();
                default -> RANDOM.nextGaussian() * 3;
            };
        }
        return x;
    }

    @Test
    void f64WithinTwoUlpsOfMathTanh() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = inputs();
        double[] y = new double[x.length];
        VectorMath.unaryF64(UnaryOp.TANH, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("tanh", x, y, Math::tanh, 2);
    }

    @Test
    void f32WithinTwoUlpsOfMathTanh() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] wide = inputs();
        float[] x = new float[wide.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) wide[i];
        }
        float[] y = new float[x.length];
        VectorMath.unaryF32(UnaryOp.TANH, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("tanh", x, y, Math::tanh, 2f);
    }

    @Test
    void sameBitsBeforeAndAfterTheKernelsAreCompiled() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = RANDOM.nextGaussian() * 2;
        }
        KernelChecks.assertSameBitsColdAndCompiled(UnaryOp.TANH, x);
    }
}
