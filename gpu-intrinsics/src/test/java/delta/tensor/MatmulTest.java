package delta.tensor;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** matmul in every NumPy form against the triple loop, on contiguous, transposed and broadcast operands. */
class MatmulTest {
    private final Backend b = Nd.B;
    private final Random r = new Random(19);

    /** C = A B for 2-D arrays, summing in double. */
    static Nd reference2d(Nd a, Nd c) {
        int m = a.shape[0], k = a.shape[1], n = c.shape[1];
        Nd y = new Nd(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a.get(i, p) * c.get(p, j);
                }
                y.set(s, i, j);
            }
        }
        return y;
    }

    /** f32 results may differ from the double reference by rounding of k products: scale the tolerance. */
    static void assertProduct(Nd expected, Tensor actual, DType dtype, int k) {
        if (dtype == DType.F32) {
            Nd.assertClose(expected, actual, 1e-5, 1e-5 * Math.sqrt(k) * 4);
        } else {
            Nd.assertClose(expected, actual, 1e-12, 1e-12 * k);
        }
    }

    private Tensor make(Nd x, DType dtype, boolean strided) {
        return strided ? Nd.strided(x, dtype) : x.tensor(dtype);
    }

    @Test
    void matricesOfAwkwardSizes() {
        // Sizes around the register block (8 x 2 vectors) and the cache blocks, so every edge path runs.
        int[] sizes = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 100, 130, 257, 300};
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int trial = 0; trial < 40; trial++) {
                int m = sizes[r.nextInt(sizes.length)], k = sizes[r.nextInt(sizes.length)], n = sizes[r.nextInt(sizes.length)];
                Nd a0 = Nd.random(r, m, k), c0 = Nd.random(r, k, n);
                Tensor ta = make(a0, dtype, trial % 3 == 1), tc = make(c0, dtype, trial % 3 == 2);
                Nd a = Nd.of(ta), c = Nd.of(tc);
                Tensor y = b.matmul(ta, tc);
                assertEquals(dtype, y.dtype());
                assertProduct(reference2d(a, c), y, dtype, k);
            }
        }
    }

    @Test
    void largeProductsOnBothCores() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Nd a0 = Nd.random(r, 301, 520), c0 = Nd.random(r, 520, 263);
            Tensor ta = a0.tensor(dtype), tc = c0.tensor(dtype);
            Nd a = Nd.of(ta), c = Nd.of(tc);
            Nd e = reference2d(a, c);
            assertProduct(e, b.matmul(ta, tc), dtype, 520);
            // Transposed views: (C^T A^T)^T = A C, with both operands read through strides.
            Tensor viaT = b.matmul(Nd.strided(c, dtype).mT(), ta.mT()).mT();
            assertProduct(e, viaT, dtype, 520);
            // A wide, short product splits by columns.
            Nd w = Nd.random(r, 5, 3000);
            Tensor tw = w.tensor(dtype);
            Nd sq = Nd.random(r, 40, 5);
            Tensor ts = sq.tensor(dtype);
            assertProduct(reference2d(Nd.of(ts), Nd.of(tw)), b.matmul(ts, tw), dtype, 5);
        }
    }

    @Test
    void vectorForms() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Nd a = Nd.of(Nd.random(r, 37, 23).tensor(dtype)), v = Nd.of(Nd.random(r, 23).tensor(dtype)),
                    u = Nd.of(Nd.random(r, 37).tensor(dtype));
            Tensor ta = a.tensor(dtype), tv = v.tensor(dtype), tu = u.tensor(dtype);
            // matrix @ vector -> [37]
            Nd e = new Nd(37);
            for (int i = 0; i < 37; i++) {
                double s = 0;
                for (int p = 0; p < 23; p++) {
                    s += a.get(i, p) * v.get(p);
                }
                e.set(s, i);
            }
            assertProduct(e, b.matmul(ta, tv), dtype, 23);
            assertProduct(e, b.matmul(Nd.strided(a, dtype), Nd.strided(v, dtype)), dtype, 23);
            // vector @ matrix -> [23]
            Nd f = new Nd(23);
            for (int j = 0; j < 23; j++) {
                double s = 0;
                for (int i = 0; i < 37; i++) {
                    s += u.get(i) * a.get(i, j);
                }
                f.set(s, j);
            }
            assertProduct(f, b.matmul(tu, ta), dtype, 37);
            assertProduct(f, b.matmul(ta.mT(), tu), dtype, 37);
            // vector @ vector -> scalar
            double dot = 0;
            for (int p = 0; p < 23; p++) {
                dot += v.get(p) * v.get(p);
            }
            Tensor d = b.matmul(tv, tv);
            Nd.assertShape(d);
            assertProduct(new Nd(new int[0], new double[] {dot}), d, dtype, 23);
        }
    }

    @Test
    void batchedWithBroadcastBatchDimensions() {
        int[][][] cases = {
            {{4, 3, 5}, {4, 5, 2}},
            {{2, 1, 3, 5}, {3, 5, 6}},
            {{3, 5}, {7, 5, 4}},
            {{6, 2, 4}, {4}},
            {{4}, {2, 4, 3}},
            {{1, 3, 4}, {5, 4, 2}},
            {{64, 9, 20}, {64, 20, 7}},
        };
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int[][] c : cases) {
                Nd a0 = Nd.random(r, c[0]), b0 = Nd.random(r, c[1]);
                Tensor ta = make(a0, dtype, c[0].length > 2), tb = make(b0, dtype, c[1].length == 2);
                Nd a = Nd.of(ta), bb = Nd.of(tb);
                // Reference: promote 1-D, broadcast the batch, multiply each pair, drop the promoted axes.
                int[] sa = c[0].length == 1 ? new int[] {1, c[0][0]} : c[0];
                int[] sb = c[1].length == 1 ? new int[] {c[1][0], 1} : c[1];
                Nd a2 = new Nd(sa, a.data), b2 = new Nd(sb, bb.data);
                int m = sa[sa.length - 2], k = sa[sa.length - 1], n = sb[sb.length - 1];
                int[] batch = Shape.broadcast(Shape.of(sa).sub(0, sa.length - 2), Shape.of(sb).sub(0, sb.length - 2)).dims();
                Nd full = new Nd(Shape.of(batch).concat(Shape.of(m, n)).dims());
                Nd.forEach(full.shape, idx -> {
                    int i = idx[idx.length - 2], j = idx[idx.length - 1];
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        int[] ia = idx.clone();
                        ia[ia.length - 2] = i;
                        ia[ia.length - 1] = p;
                        int[] ib = idx.clone();
                        ib[ib.length - 2] = p;
                        ib[ib.length - 1] = j;
                        s += a2.getBroadcast(ia) * b2.getBroadcast(ib);
                    }
                    full.set(s, idx);
                });
                Shape out = Shape.of(batch);
                if (c[0].length > 1) {
                    out = out.concat(Shape.of(m));
                }
                if (c[1].length > 1) {
                    out = out.concat(Shape.of(n));
                }
                assertProduct(new Nd(out.dims(), full.data), b.matmul(ta, tb), dtype, k);
            }
        }
    }

    @Test
    void mixedDtypesAndEmpty() {
        Tensor f = b.fromArray(new float[] {1, 2, 3, 4}, Shape.of(2, 2));
        Tensor d = b.fromArray(new double[] {1, 0, 0, 1}, Shape.of(2, 2), DType.F64);
        Tensor y = b.matmul(f, d);
        assertEquals(DType.F64, y.dtype());
        Nd.assertClose(new Nd(new int[] {2, 2}, new double[] {1, 2, 3, 4}), y, 0, 0);
        Tensor z = b.matmul(b.zeros(Shape.of(3, 0), DType.F64), b.zeros(Shape.of(0, 2), DType.F64));
        Nd.assertClose(new Nd(3, 2), z, 0, 0);
        Nd.assertShape(b.matmul(b.zeros(Shape.of(0, 4), DType.F32), b.zeros(Shape.of(4, 2), DType.F32)), 0, 2);
    }

    @Test
    void errorsNameBothShapes() {
        TensorError e = assertThrows(TensorError.class,
                () -> b.matmul(b.zeros(Shape.of(3, 4), DType.F64), b.zeros(Shape.of(5, 2), DType.F64)));
        assertEquals("matmul: shapes [3, 4] and [5, 2] do not align (4 != 5)", e.getMessage());
        e = assertThrows(TensorError.class,
                () -> b.matmul(b.zeros(Shape.of(2, 3, 4), DType.F64), b.zeros(Shape.of(5, 4, 2), DType.F64)));
        assertEquals("matmul: batch dimensions of shapes [2, 3, 4] and [5, 4, 2] cannot be broadcast together ([2] vs [5])",
                e.getMessage());
        e = assertThrows(TensorError.class, () -> b.matmul(b.scalar(1, DType.F64), b.zeros(Shape.of(2), DType.F64)));
        assertEquals("matmul: both operands need at least 1 dimension, got shapes [] and [2]", e.getMessage());
        e = assertThrows(TensorError.class,
                () -> b.matmul(b.zeros(Shape.of(3), DType.F64), b.zeros(Shape.of(4), DType.F64)));
        assertEquals("matmul: shapes [3] and [4] do not align (3 != 4)", e.getMessage());
    }
}
