package delta.language.nodes.ops;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;

/**
 * {@code //} rounds toward negative infinity, as in Python; an int divisor of zero is an error. On
 * tensors it is element-wise with broadcasting (NumPy's {@code floor_divide}). Floats are divided as
 * Python does (delta.tensor.BinaryOp#floorDivide): {@code 1.0 // 0.1} is 9.0, not floor(10.0).
 * Its derivative is zero wherever it has one, as for numbers.
 */
@NodeInfo(shortName = "//")
public abstract class FloorDivNode extends BinaryNode implements FreshTensorResult {
    @Specialization
    protected long floorDivLong(long left, long right) {
        if (right == 0) {
            throw divisionByZero();
        }
        if (left == Long.MIN_VALUE && right == -1) {
            throw overflow(left, right);
        }
        return Math.floorDiv(left, right);
    }

    @Specialization
    protected double floorDivDouble(double left, double right) {
        return delta.tensor.BinaryOp.floorDivide(left, right);
    }

    @Fallback
    protected Object other(Object left, Object right) {
        return tensorOrTypeError(delta.tensor.BinaryOp.FLOOR_DIVIDE, left, right);
    }

    @Override
    protected String symbol() {
        return "//";
    }
}
