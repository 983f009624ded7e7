package delta.language.nodes.ops;

import com.oracle.truffle.api.dsl.NodeField;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.runtime.Values;

/** {@code ==} and {@code !=}: numbers by value, containers element by element, never an error. */
@NodeInfo(shortName = "==")
@NodeField(name = "negated", type = boolean.class)
public abstract class EqualNode extends BinaryNode {
    protected abstract boolean isNegated();

    @Specialization
    protected boolean equalLong(long left, long right) {
        return (left == right) != isNegated();
    }

    @Specialization
    protected boolean equalDouble(double left, double right) {
        return (left == right) != isNegated();
    }

    @Specialization
    protected boolean equalBoolean(boolean left, boolean right) {
        return (left == right) != isNegated();
    }

    @Specialization(replaces = {"equalLong", "equalDouble", "equalBoolean"})
    protected boolean equalAny(Object left, Object right) {
        return Values.equal(left, right) != isNegated();
    }

    @Override
    protected String symbol() {
        return isNegated() ? "!=" : "==";
    }
}
