package delta.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The CPU backend's fused element-wise expressions against the same expressions computed operator
 * by operator ({@link Fused#stepwise}): equal bit for bit, in f32 and f64, over random expression
 * trees whose operands are contiguous, strided, broadcast tensors and numbers, at sizes below one
 * stretch, across stretches, and large enough to be split across threads.
 */
class FusedKernelTest {
    private final Backend b = Nd.B;

    @Test
    void randomExpressionsAgreeWithStepwiseEvaluation() {
        Random r = new Random(11);
        int[][] shapes = {{7}, {3, 5}, {4, 700}, {2, 300, 130}};
        for (int[] shape : shapes) {
            for (DType dtype : new DType[] {DType.F32, DType.F64}) {
                for (int k = 0; k < 12; k++) {
                    Fused e = randomExpression(r, shape, dtype, 4);
                    if (!(e instanceof Fused.Binary || e instanceof Fused.Negate) || e.shape().rank() == 0) {
                        continue;
                    }
                    Tensor fused = b.fused(e, dtype);
                    Tensor stepwise = Fused.stepwise(b, e, dtype);
                    assertEquals(dtype, fused.dtype());
                    assertEquals(stepwise.shape(), fused.shape());
                    assertArrayEquals(Nd.of(stepwise).data, Nd.of(fused).data, 0.0, () -> "fused " + e + " differs, " + dtype);
                }
            }
        }
    }

    @Test
    void expressionsWrittenOrAddedIntoViewsAgreeWithWriteInto() {
        Random r = new Random(17);
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            for (boolean accumulate : new boolean[] {false, true}) {
                for (int k = 0; k < 8; k++) {
                    // The target: a transposed window of a larger tensor (strided), as a slice adjoint's view.
                    Tensor base = Nd.random(r, 600, 9).tensor(dtype);
                    Tensor view = base.slice(0, 3, 603 - 70, 1).slice(1, 1, 8, 1).mT();
                    int[] shape = {view.shape().dim(0), view.shape().dim(1)};
                    Fused e = randomExpression(r, shape, dtype, 3);
                    if (!e.shape().equals(view.shape())) {
                        continue;
                    }
                    Tensor expected = b.copy(base), actual = b.copy(base);
                    b.writeInto(slicedLike(expected), Fused.stepwise(b, e, dtype), accumulate);
                    b.fusedInto(e, slicedLike(actual), accumulate);
                    assertArrayEquals(Nd.of(expected).data, Nd.of(actual).data, 0.0, () -> "into a view: " + e + ", " + dtype);
                }
            }
        }
    }

    private static Tensor slicedLike(Tensor base) {
        return base.slice(0, 3, 603 - 70, 1).slice(1, 1, 8, 1).mT();
    }

    @Test
    void rosenbrockTermsMatchTheirDefinition() {
        Random r = new Random(3);
        Nd x = Nd.random(r, 1001);
        Tensor t = x.tensor(DType.F64);
        Tensor next = t.slice(0, 1, 1001, 1), head = t.slice(0, 0, 1000, 1);
        // 100 (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2
        Fused.Binary square = new Fused.Binary(BinaryOp.POW, new Fused.Leaf(head), new Fused.Scalar(2), head.shape());
        Fused.Binary diff = new Fused.Binary(BinaryOp.SUB, new Fused.Leaf(next), square, head.shape());
        Fused.Binary scaled = new Fused.Binary(BinaryOp.MUL, new Fused.Scalar(100), new Fused.Binary(BinaryOp.POW, diff, new Fused.Scalar(2), head.shape()), head.shape());
        Fused.Binary rest = new Fused.Binary(BinaryOp.POW, new Fused.Binary(BinaryOp.SUB, new Fused.Scalar(1), new Fused.Leaf(head), head.shape()), new Fused.Scalar(2), head.shape());
        Nd out = Nd.of(b.fused(new Fused.Binary(BinaryOp.ADD, scaled, rest, head.shape()), DType.F64));
        for (int i = 0; i < 1000; i++) {
            double d = x.data[i + 1] - x.data[i] * x.data[i];
            assertEquals(100 * (d * d) + (1 - x.data[i]) * (1 - x.data[i]), out.data[i], 0.0, "element " + i);
        }
    }

    private Fused randomExpression(Random r, int[] shape, DType dtype, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return randomLeaf(r, shape, dtype);
        }
        if (r.nextInt(6) == 0) {
            return new Fused.Negate(randomExpression(r, shape, dtype, depth - 1));
        }
        BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.POW};
        BinaryOp op = ops[r.nextInt(ops.length)];
        Fused left = randomExpression(r, shape, dtype, depth - 1);
        Fused right = op == BinaryOp.POW ? new Fused.Scalar(new double[] {2, 1, 3, 0.5}[r.nextInt(4)])
                        : randomExpression(r, shape, dtype, depth - 1);
        return new Fused.Binary(op, left, right, Shape.broadcast(op.label(), left.shape(), right.shape()));
    }

    /**
     * A number, or a tensor of the full shape (contiguous or strided), of its last axis, or of all
     * but its last axis (a column, one value along each row: broadcast with stride 0).
     */
    private Fused randomLeaf(Random r, int[] shape, DType dtype) {
        return switch (r.nextInt(5)) {
            case 4 -> {
                int[] column = shape.clone();
                column[column.length - 1] = 1;
                yield new Fused.Leaf(Nd.random(r, column).tensor(dtype));
            }
            case 0 -> new Fused.Scalar(Math.round(r.nextGaussian() * 100) / 10.0);
            case 1 -> new Fused.Leaf(Nd.random(r, shape).tensor(dtype));
            case 2 -> new Fused.Leaf(Nd.strided(Nd.random(r, shape), dtype));
            default -> new Fused.Leaf(Nd.random(r, shape[shape.length - 1]).tensor(dtype));
        };
    }
}
