package delta.language.nodes.ops;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;

/**
 * {@code /} is true division, as in Python 3: always a float. A float divisor of zero follows IEEE
 * (inf, nan); two ints with a zero divisor are an integer division by zero, an error as in Python.
 */
@NodeInfo(shortName = "/")
public abstract class DivNode extends BinaryNode implements FreshTensorResult {
    /** The derivative rule, beside the forward specializations: the partial for each operand (x, y). */
    public static final String[] PARTIALS = {"1.0 / y", "-x / (y * y)"};

    @Specialization
    protected double divLong(long left, long right) {
        if (right == 0) {
            throw divisionByZero();
        }
        return (double) left / (double) right;
    }

    @Specialization
    protected double div(double left, double right) {
        return left / right;
    }

    @Fallback
    protected Object other(Object left, Object right) {
        return tensorOrTypeError(delta.tensor.BinaryOp.DIV, left, right);
    }

    @Override
    protected String symbol() {
        return "/";
    }
}
