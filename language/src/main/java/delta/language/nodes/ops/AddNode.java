package delta.language.nodes.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;

@NodeInfo(shortName = "+")
public abstract class AddNode extends BinaryNode implements FreshTensorResult {
    /** The derivative rule, beside the forward specializations: the partial for each operand (x, y). */
    public static final String[] PARTIALS = {"1.0", "1.0"};

    @Specialization(rewriteOn = ArithmeticException.class)
    protected long addLong(long left, long right) {
        return Math.addExact(left, right);
    }

    @Specialization(replaces = "addLong")
    protected Object addChecked(long left, long right) {
        try {
            return Math.addExact(left, right);
        } catch (ArithmeticException e) {
            throw overflow(left, right);
        }
    }

    @Specialization
    protected double addDouble(double left, double right) {
        return left + right;
    }

    @Specialization
    @TruffleBoundary
    protected String concat(String left, String right) {
        return left.concat(right);
    }

    @Fallback
    protected Object other(Object left, Object right) {
        return tensorOrTypeError(delta.tensor.BinaryOp.ADD, left, right);
    }

    @Override
    protected String symbol() {
        return "+";
    }
}
