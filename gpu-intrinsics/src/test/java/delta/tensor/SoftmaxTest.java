package delta.tensor;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** softmax and log_softmax along each axis against the textbook formula (shifted by the max). */
class SoftmaxTest {
    private final Backend b = Nd.B;
    private final Random r = new Random(17);

    static Nd reference(Nd x, int ax, boolean log) {
        Nd y = new Nd(x.shape);
        int[] lines = x.shape.clone();
        lines[ax] = 1;
        Nd.forEach(lines, k -> {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < x.shape[ax]; j++) {
                k[ax] = j;
                m = Math.max(m, x.get(k));
            }
            double s = 0;
            for (int j = 0; j < x.shape[ax]; j++) {
                k[ax] = j;
                s += Math.exp(x.get(k) - m);
            }
            for (int j = 0; j < x.shape[ax]; j++) {
                k[ax] = j;
                y.set(log ? x.get(k) - m - Math.log(s) : Math.exp(x.get(k) - m) / s, k);
            }
        });
        return y;
    }

    @Test
    void everyAxisOnViews() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int trial = 0; trial < 40; trial++) {
                int rank = 1 + trial % 3;
                Nd x0 = Nd.random(r, Nd.randomShape(r, rank, 6));
                for (int i = 0; i < x0.data.length; i++) {
                    x0.data[i] *= 10;
                }
                Tensor t = trial % 2 == 0 ? x0.tensor(dtype) : Nd.strided(x0, dtype);
                Nd x = Nd.of(t);
                int ax = r.nextInt(rank);
                Nd.assertClose(reference(x, ax, false), b.softmax(t, ax), dtype);
                Nd.assertClose(reference(x, ax, true), b.logSoftmax(t, ax - rank), dtype == DType.F32 ? 1e-5 : 1e-12,
                        dtype == DType.F32 ? 1e-4 : 1e-12);
            }
        }
    }

    @Test
    void largeBatchOnBothCores() {
        Nd x = Nd.random(r, 2000, 50);
        Tensor t = x.tensor(DType.F64);
        Nd.assertClose(reference(x, 1, false), b.softmax(t, 1), DType.F64);
        Nd.assertClose(reference(x, 0, true), b.logSoftmax(t, 0), DType.F64);
    }

    @Test
    void stableForHugeAndInfiniteInputs() {
        Tensor t = b.fromArray(new double[] {1000, 1000, -1000}, Shape.of(3), DType.F64);
        assertArrayEquals(new double[] {0.5, 0.5, 0}, b.toDoubleArray(b.softmax(t, 0)), 1e-15);
        assertArrayEquals(new double[] {-Math.log(2), -Math.log(2), -2000 - Math.log(2)},
                b.toDoubleArray(b.logSoftmax(t, 0)), 1e-12);
        Tensor m = b.fromArray(new double[] {0, Double.NEGATIVE_INFINITY}, Shape.of(2), DType.F64);
        assertArrayEquals(new double[] {1, 0}, b.toDoubleArray(b.softmax(m, 0)));
        assertArrayEquals(new double[] {0, Double.NEGATIVE_INFINITY}, b.toDoubleArray(b.logSoftmax(m, 0)));
        Tensor f = b.fromArray(new float[] {100f, 0f}, Shape.of(2));
        assertEquals(DType.F32, b.softmax(f, 0).dtype());
        assertArrayEquals(new float[] {1f, (float) Math.exp(-100)}, b.toFloatArray(b.softmax(f, 0)));
    }
}
