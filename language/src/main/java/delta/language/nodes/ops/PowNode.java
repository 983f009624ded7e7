package delta.language.nodes.ops;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;

/** {@code **}: an int to a non-negative int power stays an int (overflow is an error); else a float. */
@NodeInfo(shortName = "**")
public abstract class PowNode extends BinaryNode implements FreshTensorResult {
    /** The derivative rule, beside the forward specializations: the partial for each operand (x, y). */
    public static final String[] PARTIALS = {"y * x ** (y - 1)", "where(x > 0, x ** y * log(x), 0.0)"};

    @Specialization(guards = "right >= 0")
    protected long powLong(long left, long right) {
        long result = 1;
        long base = left;
        long exponent = right;
        try {
            while (exponent > 0) {
                if ((exponent & 1) == 1) {
                    result = Math.multiplyExact(result, base);
                }
                exponent >>= 1;
                if (exponent > 0) {
                    base = Math.multiplyExact(base, base);
                }
            }
        } catch (ArithmeticException e) {
            throw overflow(left, right);
        }
        return result;
    }

    /** x ** 2, the commonest power, without a call to Math.pow. */
    @Specialization(guards = "right == 2")
    protected double square(double left, long right) {
        return left * left;
    }

    @Specialization
    protected double powDouble(double left, double right) {
        return Math.pow(left, right);
    }

    @Fallback
    protected Object other(Object left, Object right) {
        return tensorOrTypeError(delta.tensor.BinaryOp.POW, left, right);
    }

    @Override
    protected String symbol() {
        return "**";
    }
}
