package delta.tensor;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** gather/scatter_add, index_select/index_add, one_hot, concat and stack against naive loops. */
class IndexingTest {
    private final Backend b = Nd.B;
    private final Random r = new Random(31);

    @Test
    void gatherAndItsAdjoint() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int trial = 0; trial < 30; trial++) {
                int rank = 1 + trial % 3;
                int[] xs = Nd.randomShape(r, rank, 5);
                int ax = r.nextInt(rank);
                int[] is = xs.clone();
                for (int d = 0; d < rank; d++) {
                    is[d] = d == ax ? 1 + r.nextInt(6) : 1 + r.nextInt(xs[d]);
                }
                Nd x = Nd.of(Nd.random(r, xs).tensor(dtype));
                long[] idx = new long[Nd.size(is)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = r.nextInt(xs[ax]);
                }
                Tensor ti = b.fromArray(idx, Shape.of(is));
                Nd in = Nd.of(ti);
                Tensor y = b.gather(Nd.strided(x, dtype), ax - (trial % 2) * rank, ti);
                Nd e = new Nd(is);
                Nd.forEach(is, i -> {
                    int[] j = i.clone();
                    j[ax] = (int) in.get(i);
                    e.set(x.get(j), i);
                });
                Nd.assertClose(e, y, 0, 0);
                // scatter_add is the adjoint: <gather(x), g> == <x, scatter_add(g)>.
                Nd g = Nd.of(Nd.random(r, is).tensor(dtype));
                Tensor s = b.scatterAdd(Shape.of(xs), ax, ti, g.tensor(dtype));
                Nd es = new Nd(xs);
                Nd.forEach(is, i -> {
                    int[] j = i.clone();
                    j[ax] = (int) in.get(i);
                    es.set(es.get(j) + g.get(i), j);
                });
                Nd.assertClose(es, s, dtype);
            }
        }
        Tensor x = b.zeros(Shape.of(2, 3), DType.F64);
        TensorError e = assertThrows(TensorError.class, () -> b.gather(x, 1, b.fromArray(new long[] {0, 3}, Shape.of(2, 1))));
        assertEquals("gather: index 3 is out of bounds for axis 1 with size 3", e.getMessage());
        e = assertThrows(TensorError.class, () -> b.gather(x, 1, b.fromArray(new long[] {0, 1}, Shape.of(2))));
        assertEquals("gather: indices shape [2] must have the rank of input shape [2, 3]", e.getMessage());
        e = assertThrows(TensorError.class,
                () -> b.gather(x, 1, b.fromArray(new double[] {0.5, 1}, Shape.of(2, 1), DType.F64)));
        assertEquals("gather: index 0.5 is not a whole number", e.getMessage());
        // Float tensors holding whole numbers are accepted as indices.
        assertArrayEquals(new double[] {0, 0}, b.toDoubleArray(b.gather(x, 1, b.fromArray(new double[] {2, 1}, Shape.of(2, 1),
                DType.F64))));
    }

    @Test
    void crossEntropyPicksTheLabelColumn() {
        Tensor logp = b.logSoftmax(b.fromArray(new double[] {1, 2, 3, 1, 5, 1}, Shape.of(2, 3), DType.F64), 1);
        Tensor labels = b.fromArray(new long[] {2, 1}, Shape.of(2));
        Tensor picked = b.gather(logp, 1, labels.expandDims(1));
        assertEquals(b.getDouble(logp, 0, 2), b.getDouble(picked, 0, 0));
        assertEquals(b.getDouble(logp, 1, 1), b.getDouble(picked, 1, 0));
    }

    @Test
    void indexSelectAndIndexAdd() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int trial = 0; trial < 30; trial++) {
                int rank = 1 + trial % 3;
                int[] xs = Nd.randomShape(r, rank, 5);
                int ax = r.nextInt(rank);
                int[] is = Nd.randomShape(r, trial % 3, 4);
                Nd x = Nd.of(Nd.random(r, xs).tensor(dtype));
                long[] idx = new long[Nd.size(is)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = r.nextInt(2 * xs[ax]) - xs[ax]; // negative indices count from the end
                }
                Tensor ti = b.fromArray(idx, Shape.of(is));
                Tensor y = b.indexSelect(Nd.strided(x, dtype), ax, ti);
                Shape out = Shape.of(xs).sub(0, ax).concat(Shape.of(is)).concat(Shape.of(xs).sub(ax + 1, rank));
                Nd e = new Nd(out.dims());
                Nd.forEach(e.shape, i -> {
                    int[] j = new int[rank];
                    for (int d = 0; d < ax; d++) {
                        j[d] = i[d];
                    }
                    int[] ii = java.util.Arrays.copyOfRange(i, ax, ax + is.length);
                    long v = idx[new Nd(is).flat(ii)];
                    j[ax] = (int) (v < 0 ? v + xs[ax] : v);
                    for (int d = ax + 1; d < rank; d++) {
                        j[d] = i[d - ax - 1 + ax + is.length];
                    }
                    e.set(x.get(j), i);
                });
                Nd.assertClose(e, y, 0, 0);
                Nd g = Nd.of(Nd.random(r, out.dims()).tensor(dtype));
                Tensor s = b.indexAdd(Shape.of(xs), ax, ti, Nd.strided(g, dtype));
                Nd es = new Nd(xs);
                Nd.forEach(e.shape, i -> {
                    int[] j = new int[rank];
                    for (int d = 0; d < ax; d++) {
                        j[d] = i[d];
                    }
                    int[] ii = java.util.Arrays.copyOfRange(i, ax, ax + is.length);
                    long v = idx[new Nd(is).flat(ii)];
                    j[ax] = (int) (v < 0 ? v + xs[ax] : v);
                    for (int d = ax + 1; d < rank; d++) {
                        j[d] = i[d - ax - 1 + ax + is.length];
                    }
                    es.set(es.get(j) + g.get(i), j);
                });
                Nd.assertClose(es, s, dtype);
            }
        }
        TensorError e = assertThrows(TensorError.class,
                () -> b.indexSelect(b.zeros(Shape.of(3), DType.F64), 0, b.fromArray(new long[] {3}, Shape.of(1))));
        assertEquals("index_select: index 3 is out of bounds for axis 0 with size 3", e.getMessage());
    }

    @Test
    void oneHot() {
        Tensor y = b.oneHot(b.fromArray(new long[] {2, 0, 1, 2}, Shape.of(2, 2)), 3, DType.F32);
        Nd.assertShape(y, 2, 2, 3);
        assertEquals(DType.F32, y.dtype());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, b.toFloatArray(y));
        TensorError e = assertThrows(TensorError.class, () -> b.oneHot(b.fromArray(new long[] {3}, Shape.of(1)), 3, DType.F64));
        assertEquals("one_hot: index 3 is not a class in [0, 3)", e.getMessage());
    }

    @Test
    void concatAndStack() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Nd a = Nd.random(r, 2, 3, 4), c = Nd.random(r, 2, 5, 4);
            Tensor ta = Nd.strided(a, dtype), tc = c.tensor(dtype);
            Tensor y = b.concat(List.of(ta, tc), 1);
            Nd e = new Nd(2, 8, 4);
            Nd as = Nd.of(ta), cs = Nd.of(tc);
            Nd.forEach(e.shape, i -> e.set(i[1] < 3 ? as.get(i[0], i[1], i[2]) : cs.get(i[0], i[1] - 3, i[2]), i));
            Nd.assertClose(e, y, 0, 0);
            Tensor s = b.stack(List.of(ta, ta, b.neg(ta)), -1);
            Nd.assertShape(s, 2, 3, 4, 3);
            Nd es = new Nd(2, 3, 4, 3);
            Nd.forEach(es.shape, i -> es.set((i[3] == 2 ? -1 : 1) * as.get(i[0], i[1], i[2]), i));
            Nd.assertClose(es, s, 0, 0);
            Nd.assertShape(b.stack(List.of(b.scalar(1, dtype), b.scalar(2, dtype)), 0), 2);
        }
        assertEquals(DType.I64, b.concat(List.of(b.fromArray(new long[] {1}, Shape.of(1)), b.fromArray(new long[] {2}, Shape.of(1))), 0).dtype());
        assertEquals(DType.F64, b.concat(List.of(b.zeros(Shape.of(1), DType.F32), b.zeros(Shape.of(1), DType.F64)), 0).dtype());
        TensorError e = assertThrows(TensorError.class,
                () -> b.concat(List.of(b.zeros(Shape.of(2, 3), DType.F64), b.zeros(Shape.of(3, 4), DType.F64)), 0));
        assertEquals("concat: shapes [2, 3] and [3, 4] differ outside axis 0", e.getMessage());
        e = assertThrows(TensorError.class,
                () -> b.stack(List.of(b.zeros(Shape.of(2, 3), DType.F64), b.zeros(Shape.of(3, 2), DType.F64)), 0));
        assertEquals("stack: shapes [2, 3] and [3, 2] differ (stack needs equal shapes)", e.getMessage());
    }
}
