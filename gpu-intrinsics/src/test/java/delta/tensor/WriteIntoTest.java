package delta.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link Backend#writeInto}: a copy or a sum written through a view (sliced, reversed, stepped,
 * selected, transposed) of a fresh tensor, from a source of any layout and dtype, checked element
 * by element against the positions the same view reads. Large enough for the parallel chunks too.
 */
class WriteIntoTest {
    private final Backend b = Nd.B;

    /** Views of a [rows, cols] tensor: t[1:, 0], t[::-1, ::2], t[2:5, 1:-1], t.T, t[::-3], t itself. */
    private static final List<UnaryOperator<Tensor>> VIEWS = List.of(
            t -> t.slice(0, 1, null, 1).select(1, 0),
            t -> t.slice(0, null, null, -1).slice(1, null, null, 2),
            t -> t.slice(0, 2, 5, 1).slice(1, 1, -1, 1),
            Tensor::mT,
            t -> t.slice(0, null, null, -3),
            t -> t);

    private Tensor random(Random r, Shape s, DType dtype) {
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return b.fromArray(v, s, dtype);
    }

    @Test
    void writesAndAddsThroughViews() {
        Random r = new Random(7);
        DType[][] pairs = {{DType.F64, DType.F64}, {DType.F32, DType.F32}, {DType.F32, DType.F64}, {DType.F64, DType.F32}};
        for (int[] dims : new int[][] {{6, 7}, {300, 400}}) {
            Shape shape = Shape.of(dims);
            // Row-major positions, read through each view: where each of its elements lives.
            Tensor positions = b.reshape(b.arange(0, shape.size(), 1, DType.I64), dims);
            for (DType[] pair : pairs) {
                DType dstType = pair[0], srcType = pair[1];
                Tensor base = random(r, shape, dstType);
                double[] before = b.toDoubleArray(base);
                for (UnaryOperator<Tensor> view : VIEWS) {
                    long[] at = b.toLongArray(view.apply(positions));
                    Shape vs = view.apply(positions).shape();
                    // The source contiguous, as a reversed view (stride -1) and broadcast from one element.
                    Tensor plain = random(r, vs, srcType);
                    Tensor reversed = b.contiguous(plain.slice(0, null, null, -1)).slice(0, null, null, -1);
                    List<Tensor> sources = List.of(plain, reversed, random(r, Shape.SCALAR, srcType).broadcastTo(vs));
                    for (Tensor src : sources) {
                        double[] s = b.toDoubleArray(src);
                        for (boolean accumulate : new boolean[] {false, true}) {
                            Tensor result = b.copy(base);
                            b.writeInto(view.apply(result), src, accumulate);
                            double[] expected = before.clone();
                            for (int i = 0; i < at.length; i++) {
                                int p = (int) at[i];
                                expected[p] = accumulate ? expected[p] + s[i] : s[i];
                            }
                            double[] actual = b.toDoubleArray(result);
                            String what = (accumulate ? "add " : "copy ") + srcType + " into " + dstType + " view " + vs + " of " + shape;
                            for (int i = 0; i < expected.length; i++) {
                                double e = dstType == DType.F32 ? (float) expected[i] : expected[i];
                                assertEquals(e, actual[i], 1e-6 * Math.max(1, Math.abs(e)), what + " at " + i);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void shapesMustMatch() {
        Tensor dst = b.zeros(Shape.of(3, 4), DType.F64);
        TensorError e = assertThrows(TensorError.class, () -> b.writeInto(dst.select(0, 1), b.zeros(Shape.of(3), DType.F64), true));
        assertEquals("write_into: source shape [3] differs from destination shape [4]", e.getMessage());
    }
}
