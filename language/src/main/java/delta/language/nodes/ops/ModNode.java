package delta.language.nodes.ops;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;

/** {@code %} takes the sign of the divisor, as in Python, so {@code -1 % 3 == 2}. */
@NodeInfo(shortName = "%")
public abstract class ModNode extends BinaryNode {
    /** The derivative rule, beside the forward specializations: the partial for each operand (x, y). */
    public static final String[] PARTIALS = {"1.0", "-floor(x / y)"};

    @Specialization
    protected long modLong(long left, long right) {
        if (right == 0) {
            throw divisionByZero();
        }
        return Math.floorMod(left, right);
    }

    @Specialization
    protected double modDouble(double left, double right) {
        double r = left % right;
        return (r != 0 && (r < 0) != (right < 0)) ? r + right : r;
    }

    @Fallback
    protected Object other(Object left, Object right) {
        throw typeError(left, right);
    }

    @Override
    protected String symbol() {
        return "%";
    }
}
