package delta.language.nodes.ops;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;

/**
 * {@code %} takes the sign of the divisor, as in Python, so {@code -1 % 3 == 2}; on tensors it is
 * element-wise with broadcasting (NumPy's {@code remainder}).
 */
@NodeInfo(shortName = "%")
public abstract class ModNode extends BinaryNode implements FreshTensorResult {
    /**
     * The derivative rule, beside the forward specializations: the partial for each operand (x, y).
     * {@code x - (x // y) y}, with {@code x // y} constant between its jumps. Written with {@code //}
     * rather than floor(x / y) so that the same rule serves numbers and tensors.
     */
    public static final String[] PARTIALS = {"1.0", "-(x // y)"};

    @Specialization
    protected long modLong(long left, long right) {
        if (right == 0) {
            throw divisionByZero();
        }
        return Math.floorMod(left, right);
    }

    @Specialization
    protected double modDouble(double left, double right) {
        return delta.tensor.BinaryOp.remainder(left, right);
    }

    @Fallback
    protected Object other(Object left, Object right) {
        return tensorOrTypeError(delta.tensor.BinaryOp.REMAINDER, left, right);
    }

    @Override
    protected String symbol() {
        return "%";
    }
}
