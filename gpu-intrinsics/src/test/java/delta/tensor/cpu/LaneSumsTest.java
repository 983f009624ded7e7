package delta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sums of vector lanes (LaneSums) in every kernel that reduces with them give the same bits
 * whether C2 has compiled the kernel or not; the Vector API's reduceLanes(ADD) does not (in order
 * before, in a tree after; docs/tensors.md, "Reproducibility").
 */
class LaneSumsTest {
    private static final Random RANDOM = new Random(20261122);

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
