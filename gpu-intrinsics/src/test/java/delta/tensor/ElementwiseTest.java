package delta.tensor;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Element-wise operations against {@link UnaryOp#apply}/{@link BinaryOp#apply} evaluated in naive loops. */
class ElementwiseTest {
    private final Backend b = Nd.B;
    private final Random r = new Random(11);

    private static Nd expectUnary(UnaryOp op, Nd x) {
        Nd e = new Nd(x.shape);
        for (int i = 0; i < x.data.length; i++) {
            e.data[i] = op.apply(x.data[i]);
        }
        return e;
    }

    private Nd positive(int... shape) {
        Nd x = Nd.random(r, shape);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = Math.abs(x.data[i]) + 0.01;
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryOnContiguousAndStridedViews(UnaryOp op) {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int trial = 0; trial < 20; trial++) {
                int[] shape = Nd.randomShape(r, r.nextInt(4), 6);
                Nd x0 = op == UnaryOp.LOG || op == UnaryOp.SQRT ? positive(shape) : Nd.random(r, shape);
                Tensor t = trial % 2 == 0 ? x0.tensor(dtype) : Nd.strided(x0, dtype);
                Nd x = Nd.of(t);
                Tensor y = b.unary(op, t);
                assertEquals(op.resultType(dtype), y.dtype());
                Nd.assertClose(expectUnary(op, x), y, dtype);
            }
        }
    }

    @Test
    void unaryOnLargeTensorsUsesBothCoresAndAgrees() {
        Nd x = Nd.random(r, 1000, 517);
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Tensor t = x.tensor(dtype);
            Nd xs = Nd.of(t);
            Nd.assertClose(expectUnary(UnaryOp.TANH, xs), b.unary(UnaryOp.TANH, t), dtype);
            Nd.assertClose(expectUnary(UnaryOp.NEG, xs), b.unary(UnaryOp.NEG, t.mT()).mT(), dtype);
        }
    }

    @Test
    void specialValues() {
        Tensor t = b.fromArray(new double[] {-1000, -0.0, 0, 1000, Double.NaN, Double.POSITIVE_INFINITY}, Shape.of(6),
                DType.F64);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, Double.NaN, 1}, b.toDoubleArray(b.unary(UnaryOp.SIGMOID, t)));
        assertArrayEquals(new double[] {0, 0, 0, 1000, Double.NaN, Double.POSITIVE_INFINITY},
                b.toDoubleArray(b.unary(UnaryOp.RELU, t)));
        assertArrayEquals(new double[] {Double.NaN, Double.NEGATIVE_INFINITY},
                b.toDoubleArray(b.log(b.fromArray(new double[] {-1, 0}, Shape.of(2), DType.F64))));
        Tensor f = b.fromArray(new float[] {-100f, 100f}, Shape.of(2));
        float[] sf = b.toFloatArray(b.unary(UnaryOp.SIGMOID, f));
        // e^100 overflows in f32 arithmetic, so 0 is as right as the subnormal 3.8e-44.
        assertEquals(0f, sf[0], 1e-40f);
        assertEquals(1f, sf[1]);
    }

    @Test
    void nanAndInfinityTestsInBothFloatTypes() {
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0, 1.5, Double.MAX_VALUE};
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Tensor t = b.fromArray(values, Shape.of(values.length), dtype);
            // Double.MAX_VALUE is infinite in f32.
            double maxIsInf = dtype == DType.F32 ? 1 : 0;
            assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 0}, b.toDoubleArray(b.unary(UnaryOp.ISNAN, t)), dtype.toString());
            assertArrayEquals(new double[] {0, 1, 1, 0, 0, 0, maxIsInf}, b.toDoubleArray(b.unary(UnaryOp.ISINF, t)), dtype.toString());
            assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 1 - maxIsInf}, b.toDoubleArray(b.unary(UnaryOp.ISFINITE, t)), dtype.toString());
            assertEquals(DType.BOOL, b.unary(UnaryOp.ISNAN, t).dtype());
        }
    }

    private static final int[][][] BROADCAST_CASES = {
        {{3, 1, 4}, {2, 1}},
        {{2, 3}, {3}},
        {{}, {2, 3}},
        {{4, 1}, {1, 5}},
        {{1}, {7}},
        {{2, 1, 3, 1}, {5, 1, 4}},
        {{6}, {6}},
        {{2, 0, 3}, {3}},
    };

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryWithBroadcasting(BinaryOp op) {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (int trial = 0; trial < BROADCAST_CASES.length + 20; trial++) {
                int[] sa, sb;
                if (trial < BROADCAST_CASES.length) {
                    sa = BROADCAST_CASES[trial][0];
                    sb = BROADCAST_CASES[trial][1];
                } else {
                    sa = Nd.randomShape(r, r.nextInt(4), 4);
                    sb = sa.clone();
                    for (int d = 0; d < sb.length; d++) {
                        if (r.nextInt(3) == 0) {
                            sb[d] = 1;
                        }
                    }
                    if (r.nextBoolean() && sb.length > 0) {
                        sb = java.util.Arrays.copyOfRange(sb, 1, sb.length);
                    }
                    if (r.nextBoolean()) {
                        int[] t = sa;
                        sa = sb;
                        sb = t;
                    }
                }
                Nd a0 = op == BinaryOp.POW ? positive(sa) : Nd.random(r, sa);
                Nd b0 = Nd.random(r, sb);
                if (op.isPredicate()) {
                    // Make ties common so that eq, le and ge see equal elements.
                    for (int i = 0; i < b0.data.length; i++) {
                        b0.data[i] = Math.round(b0.data[i]);
                    }
                    for (int i = 0; i < a0.data.length; i++) {
                        a0.data[i] = Math.round(a0.data[i]);
                    }
                }
                Tensor ta = trial % 3 == 1 ? Nd.strided(a0, dtype) : a0.tensor(dtype);
                Tensor tb = trial % 3 == 2 ? Nd.strided(b0, dtype) : b0.tensor(dtype);
                Nd a = Nd.of(ta), bb = Nd.of(tb);
                int[] out = Shape.broadcast(Shape.of(sa), Shape.of(sb)).dims();
                Nd e = new Nd(out);
                Nd.forEach(out, i -> e.set(op.apply(a.getBroadcast(i), bb.getBroadcast(i)), i));
                Tensor y = b.binary(op, ta, tb);
                assertEquals(op.isPredicate() ? DType.BOOL : dtype, y.dtype());
                Nd.assertClose(e, y, dtype);
            }
        }
    }

    @Test
    void largeBroadcastAddAgrees() {
        Nd a = Nd.random(r, 300, 1, 400), c = Nd.random(r, 7, 400);
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Tensor ta = a.tensor(dtype), tc = c.tensor(dtype);
            Nd e = new Nd(300, 7, 400);
            Nd.forEach(e.shape, i -> e.set(a.getBroadcast(i) * c.getBroadcast(i), i));
            Nd.assertClose(e, b.mul(ta, tc), dtype == DType.F32 ? 1e-6 : 1e-15, 0);
        }
    }

    @Test
    void mixedDtypesPromote() {
        Tensor f = b.fromArray(new float[] {1.5f, 2f}, Shape.of(2));
        Tensor d = b.fromArray(new double[] {0.25, 0.5}, Shape.of(2), DType.F64);
        Tensor l = b.fromArray(new long[] {3, 4}, Shape.of(2));
        Tensor m = b.fromArray(new boolean[] {true, false}, Shape.of(2));
        assertEquals(DType.F64, b.add(f, d).dtype());
        assertArrayEquals(new double[] {1.75, 2.5}, b.toDoubleArray(b.add(f, d)));
        assertEquals(DType.F32, b.mul(f, m).dtype());
        assertArrayEquals(new double[] {1.5, 0}, b.toDoubleArray(b.mul(f, m)));
        assertEquals(DType.F64, b.add(l, l).dtype());
        assertArrayEquals(new double[] {6, 8}, b.toDoubleArray(b.add(l, l)));
        assertEquals(DType.F64, b.exp(l).dtype());
        Tensor not = b.unary(UnaryOp.NOT, m);
        assertEquals(DType.BOOL, not.dtype());
        assertArrayEquals(new double[] {0, 1}, b.toDoubleArray(not));
    }

    @Test
    void whereSelectsWithBroadcasting() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Nd x = Nd.random(r, 4, 1, 5), y = Nd.random(r, 3, 1);
            Tensor tx = x.tensor(dtype), ty = y.tensor(dtype);
            Tensor cond = b.binary(BinaryOp.GT, tx, b.scalar(0, dtype));
            Nd c = Nd.of(cond);
            Tensor w = b.where(cond, tx, ty);
            Nd e = new Nd(4, 3, 5);
            Nd.forEach(e.shape, i -> e.set(c.getBroadcast(i) != 0 ? x.getBroadcast(i) : y.getBroadcast(i), i));
            Nd.assertClose(e, w, dtype);
        }
        TensorError err = assertThrows(TensorError.class,
                () -> b.where(b.zeros(Shape.of(2), DType.BOOL), b.zeros(Shape.of(3), DType.F64), b.zeros(Shape.of(2), DType.F64)));
        assertEquals("where: shapes [2], [3] and [2] cannot be broadcast together", err.getMessage());
    }

    @Test
    void whereOfContiguousOperandsSelectsBitForBit() {
        // The flat path (a contiguous condition; arrays or single values of the result's dtype), on
        // both sides of the parallel threshold, with values a product by a mask would change.
        double[] special = {-0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-310};
        for (int n : new int[] {7, 100_003}) {
            double[] xs = new double[n], ys = new double[n], cs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = i % 11 == 0 ? special[i % special.length] : r.nextGaussian();
                ys[i] = i % 13 == 0 ? special[(i / 13) % special.length] : r.nextGaussian();
                cs[i] = r.nextBoolean() ? 1 : -1;
            }
            for (DType dtype : new DType[] {DType.F32, DType.F64}) {
                Tensor x = b.fromArray(xs, Shape.of(n), dtype), y = b.fromArray(ys, Shape.of(n), dtype);
                Tensor cond = b.binary(BinaryOp.GT, b.fromArray(cs, Shape.of(n), DType.F64), b.scalar(0, DType.F64));
                Tensor one = b.scalar(-0.0, dtype);
                double[][] results = {values(b.where(cond, x, y)), values(b.where(cond, x, one)), values(b.where(cond, one, y))};
                double[] xv = values(x), yv = values(y);
                for (int i = 0; i < n; i++) {
                    boolean take = cs[i] > 0;
                    double xi = xv[i], yi = yv[i];
                    double[] expected = {take ? xi : yi, take ? xi : -0.0, take ? -0.0 : yi};
                    for (int k = 0; k < 3; k++) {
                        assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(results[k][i]),
                                dtype + " n=" + n + " case " + k + " element " + i);
                    }
                }
            }
        }
    }

    private static double[] values(Tensor t) {
        return Nd.of(t).data;
    }

    @Test
    void clipBounds() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Nd x = Nd.random(r, 5, 6);
            Tensor t = Nd.strided(x, dtype);
            Nd xs = Nd.of(t);
            Nd e = new Nd(5, 6);
            for (int i = 0; i < e.data.length; i++) {
                e.data[i] = Math.min(Math.max(xs.data[i], -0.5), 0.25);
            }
            Nd.assertClose(e, b.clip(t, -0.5, 0.25), dtype);
        }
        assertThrows(TensorError.class, () -> b.clip(b.zeros(Shape.of(1), DType.F64), 1, 0));
    }

    @Test
    void powOfNegativeBases() {
        Tensor a = b.fromArray(new double[] {-2, -2, -8, 0, 4}, Shape.of(5), DType.F64);
        Tensor e = b.fromArray(new double[] {3, 0.5, 1.0 / 3, 0, -0.5}, Shape.of(5), DType.F64);
        assertArrayEquals(new double[] {-8, Double.NaN, Double.NaN, 1, 0.5}, b.toDoubleArray(b.pow(a, e)));
        assertArrayEquals(new float[] {-8, Float.NaN, Float.NaN, 1, 0.5f},
                b.toFloatArray(b.pow(b.astype(a, DType.F32), b.astype(e, DType.F32))));
    }

    @Test
    void powByTwoIsAProduct() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Nd x = Nd.random(r, 3, 4);
            Tensor t = Nd.strided(x, dtype);
            Nd xs = Nd.of(t);
            Nd e = new Nd(2, 3, 4);
            Nd.forEach(e.shape, i -> e.set(Math.pow(xs.getBroadcast(i), 2), i));
            Tensor y = b.pow(t, b.full(Shape.of(2, 1, 1), dtype, 2));
            assertEquals(dtype, y.dtype());
            Nd.assertClose(e, y, dtype);
            Nd.assertClose(xs, b.pow(t, b.scalar(1, dtype)), 0, 0);
        }
        // An f32 base with an f64 exponent computes in f64.
        assertEquals(DType.F64, b.pow(b.full(Shape.of(2), DType.F32, 3), b.scalar(2, DType.F64)).dtype());
    }

    @Test
    void maximumPropagatesNaN() {
        Tensor a = b.fromArray(new double[] {Double.NaN, 1, 2}, Shape.of(3), DType.F64);
        Tensor c = b.fromArray(new double[] {0, Double.NaN, 3}, Shape.of(3), DType.F64);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 3}, b.toDoubleArray(b.maximum(a, c)));
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 2}, b.toDoubleArray(b.minimum(a, c)));
    }

    @Test
    void shapeErrorsNameTheOperation() {
        TensorError e = assertThrows(TensorError.class,
                () -> b.add(b.zeros(Shape.of(3, 4), DType.F64), b.zeros(Shape.of(5), DType.F64)));
        assertEquals("add: shapes [3, 4] and [5] cannot be broadcast together (axis -1: 4 vs 5)", e.getMessage());
        e = assertThrows(TensorError.class,
                () -> b.binary(BinaryOp.LT, b.zeros(Shape.of(2, 3), DType.F32), b.zeros(Shape.of(3, 3), DType.F32)));
        assertEquals("lt: shapes [2, 3] and [3, 3] cannot be broadcast together (axis -2: 2 vs 3)", e.getMessage());
    }
}
