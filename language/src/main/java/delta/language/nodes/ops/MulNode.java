package delta.language.nodes.ops;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;

@NodeInfo(shortName = "*")
public abstract class MulNode extends BinaryNode implements FreshTensorResult {
    /** The derivative rule, beside the forward specializations: the partial for each operand (x, y). */
    public static final String[] PARTIALS = {"y", "x"};

    @Specialization(rewriteOn = ArithmeticException.class)
    protected long mulLong(long left, long right) {
        return Math.multiplyExact(left, right);
    }

    @Specialization(replaces = "mulLong")
    protected Object mulChecked(long left, long right) {
        try {
            return Math.multiplyExact(left, right);
        } catch (ArithmeticException e) {
            throw overflow(left, right);
        }
    }

    @Specialization
    protected double mulDouble(double left, double right) {
        return left * right;
    }

    @Fallback
    protected Object other(Object left, Object right) {
        return tensorOrTypeError(delta.tensor.BinaryOp.MUL, left, right);
    }

    @Override
    protected String symbol() {
        return "*";
    }
}
