package delta.tensor.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import delta.tensor.UnaryOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector log (VectorLog) through the log kernels: within 1 ulp of Math.log at random points
 * of every magnitude, subnormals included, and at the edges (zeros, negatives, infinities, NaN,
 * the ends of the mantissa range around sqrt(2)); and the same bits cold and compiled.
 */
class VectorLogTest {
    private static final Random RANDOM = new Random(221126);

    private static double[] inputs() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 2.0, 0.5, Math.sqrt(2), Math.nextUp(Math.sqrt(2)), Math.nextDown(Math.sqrt(2)),
                Math.sqrt(0.5), Math.nextUp(1.0), Math.nextDown(1.0), Double.MIN_VALUE, Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL), 1e-310, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN, 1e-30, 1e30, Math.E};
        double[] x = new double[edges.length + 40_000];
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = edges.length; i < x.length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> 0.5 + RANDOM.nextDouble();                       // around 1, where log is small
                case 1 -> Math.exp((RANDOM.nextDouble() * 2 - 1) * 700);   // every magnitude
                case 2 -> RANDOM.nextDouble() * 1e-308;                    // subnormal and tiny normal
                default -> RANDOM.nextDouble() * 100;
            };
        }
        return x;
    }

    @Test
    void f64WithinOneUlpOfMathLog() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = inputs();
        double[] y = new double[x.length];
        VectorMath.unaryF64(UnaryOp.LOG, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("log", x, y, Math::log, 1);
    }

    @Test
    void f32WithinOneUlpOfMathLog() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] wide = inputs();
        float[] x = new float[wide.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 4 == 2 ? (float) (wide[i] * 1e270) : (float) wide[i];   // f32 subnormals too
        }
        float[] y = new float[x.length];
        VectorMath.unaryF32(UnaryOp.LOG, x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps("log", x, y, Math::log, 1f);
    }

    @Test
    void sameBitsBeforeAndAfterTheKernelsAreCompiled() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.exp(RANDOM.nextGaussian() * 20);
        }
        KernelChecks.assertSameBitsColdAndCompiled(UnaryOp.LOG, x);
    }
}
