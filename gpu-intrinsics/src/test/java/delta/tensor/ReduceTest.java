package delta.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reductions against naive loops over every subset of axes, with and without keepdims, on views. */
class ReduceTest {
    private final Backend b = Nd.B;
    private final Random r = new Random(13);

    /** Naive reduction: for each kept index, loop over all reduced indices. */
    static Nd reference(ReduceOp op, Nd x, boolean[] red, boolean keepdims) {
        int rank = x.shape.length;
        int[] kept = new int[rank];
        for (int d = 0; d < rank; d++) {
            kept[d] = red[d] ? 1 : x.shape[d];
        }
        Nd out = new Nd(kept);
        int[] inner = new int[rank];
        for (int d = 0; d < rank; d++) {
            inner[d] = red[d] ? x.shape[d] : 1;
        }
        Nd.forEach(kept, k -> {
            List<Double> vals = new ArrayList<>();
            Nd.forEach(inner, j -> {
                int[] idx = new int[rank];
                for (int d = 0; d < rank; d++) {
                    idx[d] = red[d] ? j[d] : k[d];
                }
                vals.add(x.get(idx));
            });
            double v = switch (op) {
                case SUM -> vals.stream().mapToDouble(Double::doubleValue).sum();
                case MEAN -> vals.stream().mapToDouble(Double::doubleValue).sum() / vals.size();
                case MAX -> vals.stream().mapToDouble(Double::doubleValue).reduce(Double.NEGATIVE_INFINITY, Math::max);
                case MIN -> vals.stream().mapToDouble(Double::doubleValue).reduce(Double.POSITIVE_INFINITY, Math::min);
                case LOGSUMEXP -> {
                    double m = vals.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                    yield m + Math.log(vals.stream().mapToDouble(z -> Math.exp(z - m)).sum());
                }
            };
            out.set(v, k);
        });
        if (keepdims) {
            return out;
        }
        int[] s = java.util.stream.IntStream.range(0, rank).filter(d -> !red[d]).map(d -> x.shape[d]).toArray();
        return new Nd(s, out.data);
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void everySubsetOfAxes(ReduceOp op) {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int trial = 0; trial < 12; trial++) {
                int rank = trial % 4;
                int[] shape = Nd.randomShape(r, rank, 5);
                Nd x0 = Nd.random(r, shape);
                Tensor t = trial % 2 == 0 ? x0.tensor(dtype) : Nd.strided(x0, dtype);
                Nd x = Nd.of(t);
                for (int mask = 0; mask < (1 << rank); mask++) {
                    boolean[] red = new boolean[rank];
                    int[] axes = new int[Integer.bitCount(mask)];
                    for (int d = 0, k = 0; d < rank; d++) {
                        if ((mask & (1 << d)) != 0) {
                            red[d] = true;
                            // Negative axes too.
                            axes[k++] = r.nextBoolean() ? d : d - rank;
                        }
                    }
                    for (boolean keep : new boolean[] {false, true}) {
                        Tensor y = b.reduce(op, t, axes, keep);
                        assertEquals(dtype, y.dtype());
                        Nd.assertClose(reference(op, x, red, keep), y, dtype == DType.F32 ? 1e-5 : 1e-12, 1e-6);
                    }
                }
                boolean[] all = new boolean[rank];
                java.util.Arrays.fill(all, true);
                Nd.assertClose(reference(op, x, all, false), b.reduce(op, t, null, false), dtype == DType.F32 ? 1e-5 : 1e-12,
                        1e-6);
            }
        }
    }

    @Test
    void largeReductionsOnBothCores() {
        // Big enough to split: reduce all (private accumulators), the outer axis, and the inner axis (ranges of outputs).
        Nd x = Nd.random(r, 600, 300);
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Tensor t = x.tensor(dtype);
            Nd xs = Nd.of(t);
            for (ReduceOp op : ReduceOp.values()) {
                double tol = dtype == DType.F32 ? 1e-5 : 1e-11;
                Nd.assertClose(reference(op, xs, new boolean[] {true, true}, false), b.reduce(op, t, null, false), tol, 1e-6);
                Nd.assertClose(reference(op, xs, new boolean[] {true, false}, false), b.reduce(op, t, new int[] {0}, false),
                        tol, 1e-6);
                Nd.assertClose(reference(op, xs, new boolean[] {false, true}, true), b.reduce(op, t, new int[] {1}, true),
                        tol, 1e-6);
                Nd.assertClose(reference(op, xs, new boolean[] {true, false}, false),
                        b.reduce(op, t.mT(), new int[] {1}, false), tol, 1e-6);
            }
        }
    }

    @Test
    void f32SumAccumulatesInDouble() {
        Tensor ones = b.full(Shape.of(1 << 24), DType.F32, 1);
        // A float accumulator would stop at 2^24 = 16777216 when adding 1s beyond it; twice that must come out exact.
        Tensor t = b.full(Shape.of(2, 1 << 24), DType.F32, 1);
        assertEquals(1 << 24, b.item(b.sum(ones)));
        assertEquals(2.0 * (1 << 24), b.item(b.sum(t)));
        assertEquals(1.0, b.item(b.mean(t)));
    }

    @Test
    void specialValuesAndEmptyAxes() {
        Tensor t = b.fromArray(new double[] {1, Double.NaN, 3, 4}, Shape.of(2, 2), DType.F64);
        assertArrayEquals(new double[] {Double.NaN, 4}, b.toDoubleArray(b.max(t, 1, false)));
        Tensor big = b.fromArray(new double[] {1000, 1000, -1000}, Shape.of(3), DType.F64);
        assertEquals(1000 + Math.log(2), b.item(b.logsumexp(big, 0, false)), 1e-12);
        Tensor inf = b.fromArray(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, Shape.of(2), DType.F64);
        assertEquals(Double.NEGATIVE_INFINITY, b.item(b.logsumexp(inf, 0, false)));
        Tensor empty = b.zeros(Shape.of(0, 3), DType.F64);
        assertArrayEquals(new double[] {0, 0, 0}, b.toDoubleArray(b.sum(empty, 0, false)));
        assertEquals(Double.NaN, b.toDoubleArray(b.reduce(ReduceOp.MEAN, empty, new int[] {0}, false))[0]);
        TensorError e = assertThrows(TensorError.class, () -> b.max(empty, 0, false));
        assertEquals("max: cannot reduce an empty axis of shape [0, 3] (no identity)", e.getMessage());
        assertEquals(Double.NEGATIVE_INFINITY, b.toDoubleArray(b.logsumexp(empty, 0, false))[0]);
        e = assertThrows(TensorError.class, () -> b.reduce(ReduceOp.SUM, t, new int[] {1, -1}, false));
        assertEquals("sum: axis -1 is repeated in [1, -1]", e.getMessage());
        assertThrows(TensorError.class, () -> b.sum(t, 2, false));
        assertEquals(DType.F64, b.sum(b.fromArray(new boolean[] {true, true, false}, Shape.of(3))).dtype());
        assertEquals(2.0, b.item(b.sum(b.fromArray(new boolean[] {true, true, false}, Shape.of(3)))));
    }

    @Test
    void longRowsPropagateNaNAndInfinities() {
        // Rows long enough for the vector kernels, with the special value in the middle and in the tail.
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int at : new int[] {0, 50, 99}) {
                double[] v = new double[100];
                for (int i = 0; i < v.length; i++) {
                    v[i] = i % 7 - 3;
                }
                v[at] = Double.NaN;
                Tensor t = b.fromArray(v, Shape.of(100), dtype);
                assertEquals(Double.NaN, b.item(b.max(t, 0, false)));
                assertEquals(Double.NaN, b.item(b.reduce(ReduceOp.MIN, t, null, false)));
                assertEquals(Double.NaN, b.item(b.sum(t)));
                v[at] = Double.POSITIVE_INFINITY;
                t = b.fromArray(v, Shape.of(100), dtype);
                assertEquals(Double.POSITIVE_INFINITY, b.item(b.max(t, 0, false)));
                assertEquals(-3.0, b.item(b.reduce(ReduceOp.MIN, t, null, false)));
            }
        }
    }

    @Test
    void argmaxAndArgmin() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int trial = 0; trial < 30; trial++) {
                int rank = 1 + trial % 3;
                int[] shape = Nd.randomShape(r, rank, 6);
                Nd x0 = Nd.random(r, shape);
                for (int i = 0; i < x0.data.length; i++) {
                    x0.data[i] = Math.round(x0.data[i] * 2); // ties: the first index must win
                }
                Tensor t = trial % 2 == 0 ? x0.tensor(dtype) : Nd.strided(x0, dtype);
                int ax = r.nextInt(rank);
                for (boolean max : new boolean[] {true, false}) {
                    Tensor y = max ? b.argmax(t, ax, false) : b.argmin(t, ax, false);
                    assertEquals(DType.I64, y.dtype());
                    int[] out = Shape.of(shape).remove(ax).dims();
                    Nd e = new Nd(out);
                    Nd.forEach(out, k -> {
                        int best = 0;
                        for (int j = 0; j < shape[ax]; j++) {
                            int[] idx = Shape.of(k).insert(ax, j).dims();
                            int[] bi = Shape.of(k).insert(ax, best).dims();
                            if (max ? x0.get(idx) > x0.get(bi) : x0.get(idx) < x0.get(bi)) {
                                best = j;
                            }
                        }
                        e.set(best, k);
                    });
                    Nd.assertClose(e, y, 0, 0);
                    Nd.assertShape(max ? b.argmax(t, ax, true) : b.argmin(t, ax, true), Shape.of(shape).with(ax, 1).dims());
                }
                // Flattened.
                int flatBest = 0;
                for (int i = 0; i < x0.data.length; i++) {
                    if (x0.data[i] > x0.data[flatBest]) {
                        flatBest = i;
                    }
                }
                assertEquals(flatBest, b.item(b.argmax(t, null, false)));
            }
        }
        Tensor nan = b.fromArray(new double[] {1, Double.NaN, 5}, Shape.of(3), DType.F64);
        assertEquals(1, b.item(b.argmax(nan, 0, false)));
        assertEquals(1, b.item(b.argmin(nan, 0, false)));
        Nd.assertShape(b.argmax(b.zeros(Shape.of(2, 3), DType.F32), null, true), 1, 1);
        TensorError e = assertThrows(TensorError.class, () -> b.argmax(b.zeros(Shape.of(0), DType.F64), 0, false));
        assertEquals("argmax: cannot take argmax of an empty axis (shape [0])", e.getMessage());
    }

    @Test
    void sumToUndoesBroadcasting() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            int[][][] cases = {{{3, 2, 4}, {3, 1, 4}}, {{3, 2, 4}, {2, 1}}, {{3, 2, 4}, {}}, {{5, 4}, {5, 4}}, {{2, 3}, {1, 3}}};
            for (int[][] c : cases) {
                Nd g0 = Nd.random(r, c[0]);
                Tensor g = Nd.strided(g0, dtype);
                Nd gs = Nd.of(g);
                Tensor y = b.sumTo(g, Shape.of(c[1]));
                Nd.assertShape(y, c[1]);
                Nd e = new Nd(c[1]);
                // Each element of g adds into the element it was broadcast from.
                Nd.forEach(c[0], i -> {
                    int off = c[0].length - c[1].length;
                    int[] j = new int[c[1].length];
                    for (int d = 0; d < j.length; d++) {
                        j[d] = c[1][d] == 1 ? 0 : i[d + off];
                    }
                    e.set(e.get(j) + gs.get(i), j);
                });
                Nd.assertClose(e, y, dtype);
            }
        }
        TensorError e = assertThrows(TensorError.class, () -> b.sumTo(b.zeros(Shape.of(3, 4), DType.F64), Shape.of(5)));
        assertEquals("sum_to: cannot reduce shape [3, 4] to [5] (it does not broadcast to [3, 4])", e.getMessage());
    }
}
