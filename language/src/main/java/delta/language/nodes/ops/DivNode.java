package delta.language.nodes.ops;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;

/** {@code /} is true division, as in Python 3: always a float, IEEE rules for zero divisors. */
@NodeInfo(shortName = "/")
public abstract class DivNode extends BinaryNode {
    @Specialization
    protected double div(double left, double right) {
        return left / right;
    }

    @Fallback
    protected Object other(Object left, Object right) {
        throw typeError(left, right);
    }

    @Override
    protected String symbol() {
        return "/";
    }
}
