package delta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
        for (int i = 0; i < x.length; i++) {
            double expected = Math.log(x[i]);
            if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
                assertEquals(expected, y[i], "log(" + x[i] + ")");
            } else {
                assertTrue(Math.abs(y[i] - expected) <= Math.ulp(expected), "log(" + x[i] + ") = " + y[i] + ", expected " + expected);
            }
        }
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
        for (int i = 0; i < x.length; i++) {
            float expected = (float) Math.log(x[i]);
            if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
                assertEquals(expected, y[i], "log(" + x[i] + ")");
            } else {
                assertTrue(Math.abs(y[i] - expected) <= Math.ulp(expected), "log(" + x[i] + ") = " + y[i] + ", expected " + expected);
            }
        }
    }

    @Test
    void sameBitsBeforeAndAfterTheKernelsAreCompiled() {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = new double[4096];
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.exp(RANDOM.nextGaussian() * 20);
            xf[i] = (float) x[i];
        }
        double[] first = new double[x.length], later = new double[x.length];
        float[] firstF = new float[x.length], laterF = new float[x.length];
        VectorMath.unaryF64(UnaryOp.LOG, x, 0, first, 0, x.length);
        VectorMath.unaryF32(UnaryOp.LOG, xf, 0, firstF, 0, x.length);
        for (int round = 0; round < 3000; round++) {
            VectorMath.unaryF64(UnaryOp.LOG, x, 0, later, 0, x.length);
            VectorMath.unaryF32(UnaryOp.LOG, xf, 0, laterF, 0, x.length);
        }
        assertArrayEquals(first, later);
        assertArrayEquals(firstF, laterF);
    }
}
