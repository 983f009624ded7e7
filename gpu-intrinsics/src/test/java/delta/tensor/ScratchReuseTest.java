package delta.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Backend.binary/unary with a scratch operand: the result takes over the scratch's storage when it
 * fits exactly (same shape and dtype, contiguous from offset 0), is computed right either way, and
 * the other operand is never written.
 */
class ScratchReuseTest {
    private final Backend b = Nd.B;
    private final Random r = new Random(5);

    @Test
    void fittingScratchIsReusedAndResultsAreRight() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Nd x = Nd.random(r, 7, 33), y = Nd.random(r, 7, 33);
            Tensor yt = y.tensor(dtype);
            Nd expected = new Nd(x.shape);
            for (int i = 0; i < x.data.length; i++) {
                expected.data[i] = x.data[i] * y.data[i] + y.data[i];
            }
            Tensor product = b.binary(BinaryOp.MUL, x.tensor(dtype), yt);
            Tensor sum = b.binary(BinaryOp.ADD, product, yt, product);
            assertSame(product.storage(), sum.storage(), "the sum should be written into the product's storage");
            Nd.assertClose(expected, sum, dtype);
            Nd.assertClose(Nd.of(y.tensor(dtype)), yt, dtype);

            Tensor negated = b.unary(UnaryOp.NEG, sum, sum);
            assertSame(sum.storage(), negated.storage());
            assertEquals(-expected.data[5], Nd.of(negated).data[5], 1e-5);
        }
    }

    @Test
    void scratchThatDoesNotFitIsLeftAlone() {
        Nd row = Nd.random(r, 5), grid = Nd.random(r, 3, 5);
        Tensor small = b.binary(BinaryOp.MUL, row.tensor(DType.F64), row.tensor(DType.F64));
        Nd before = Nd.of(small);
        // The result is [3, 5]: broadcasting makes it larger than the scratch.
        Tensor broadcast = b.binary(BinaryOp.ADD, small, grid.tensor(DType.F64), small);
        assertNotSame(small.storage(), broadcast.storage());
        Nd.assertClose(before, small, DType.F64);
        // A f64 result does not go into f32 storage, nor a result into a strided view.
        Tensor f32 = b.binary(BinaryOp.MUL, row.tensor(DType.F32), row.tensor(DType.F32));
        assertNotSame(f32.storage(), b.binary(BinaryOp.ADD, f32, row.tensor(DType.F64), f32).storage());
        Tensor square = b.binary(BinaryOp.MUL, grid.tensor(DType.F64), grid.tensor(DType.F64)).mT();
        assertNotSame(square.storage(), b.unary(UnaryOp.EXP, square, square).storage());
    }
}
