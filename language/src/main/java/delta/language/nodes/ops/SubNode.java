package delta.language.nodes.ops;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;

@NodeInfo(shortName = "-")
public abstract class SubNode extends BinaryNode implements FreshTensorResult {
    /** The derivative rule, beside the forward specializations: the partial for each operand (x, y). */
    public static final String[] PARTIALS = {"1.0", "-1.0"};

    @Specialization(rewriteOn = ArithmeticException.class)
    protected long subLong(long left, long right) {
        return Math.subtractExact(left, right);
    }

    @Specialization(replaces = "subLong")
    protected Object subChecked(long left, long right) {
        try {
            return Math.subtractExact(left, right);
        } catch (ArithmeticException e) {
            throw overflow(left, right);
        }
    }

    @Specialization
    protected double subDouble(double left, double right) {
        return left - right;
    }

    @Fallback
    protected Object other(Object left, Object right) {
        return tensorOrTypeError(delta.tensor.BinaryOp.SUB, left, right);
    }

    @Override
    protected String symbol() {
        return "-";
    }
}
