package delta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.tensor.UnaryOp;
import java.util.function.DoubleUnaryOperator;

/** Checks the tests of Delta's own vector math functions share: accuracy against Math, and determinism across JIT tiers. */
final class KernelChecks {
    private KernelChecks() {
    }

    /** y[i] is reference(x[i]) within {@code ulps} of its ulp; NaN, infinities and zeros exactly. */
    static void assertWithinUlps(String name, double[] x, double[] y, DoubleUnaryOperator reference, double ulps) {
        for (int i = 0; i < x.length; i++) {
            double expected = reference.applyAsDouble(x[i]);
            if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
                assertEquals(expected, y[i], name + "(" + x[i] + ")");
            } else {
                // A subnormal result's ulp is the smallest subnormal.
                assertTrue(Math.abs(y[i] - expected) <= ulps * Math.ulp(expected), name + "(" + x[i] + ") = " + y[i] + ", expected " + expected);
            }
        }
    }

    /** As above for f32 results, against the reference rounded to float. */
    static void assertWithinUlps(String name, float[] x, float[] y, DoubleUnaryOperator reference, float ulps) {
        for (int i = 0; i < x.length; i++) {
            float expected = (float) reference.applyAsDouble(x[i]);
            if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
                assertEquals(expected, y[i], name + "(" + x[i] + ")");
            } else {
                assertTrue(Math.abs(y[i] - expected) <= ulps * Math.ulp(expected), name + "(" + x[i] + ") = " + y[i] + ", expected " + expected);
            }
        }
    }

    /**
     * The same bits from the first calls of {@code op}'s f64 and f32 kernels, which run in the
     * interpreter or C1 code (each lane through the Vector API's Java fallbacks), and from a call
     * thousands of calls later, when C2 has compiled them.
     */
    static void assertSameBitsColdAndCompiled(UnaryOp op, double[] x) {
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        double[] first = new double[x.length], later = new double[x.length];
        float[] firstF = new float[x.length], laterF = new float[x.length];
        VectorMath.unaryF64(op, x, 0, first, 0, x.length);
        VectorMath.unaryF32(op, xf, 0, firstF, 0, x.length);
        for (int round = 0; round < 3000; round++) {
            VectorMath.unaryF64(op, x, 0, later, 0, x.length);
            VectorMath.unaryF32(op, xf, 0, laterF, 0, x.length);
        }
        assertArrayEquals(first, later);
        assertArrayEquals(firstF, laterF);
    }
}
