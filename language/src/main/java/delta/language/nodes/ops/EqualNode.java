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

    /** On tensors == and != compare element by element and give a bool tensor, as in NumPy. */
    @Specialization(guards = "eitherIsTensor(left, right)")
    protected Object equalTensor(Object left, Object right) {
        return delta.language.tensor.TensorSupport.binary(isNegated() ? delta.tensor.BinaryOp.NE : delta.tensor.BinaryOp.EQ, left, right, this);
    }

    protected static boolean eitherIsTensor(Object left, Object right) {
        return left instanceof delta.language.tensor.DeltaTensor || right instanceof delta.language.tensor.DeltaTensor;
    }

    @Specialization(replaces = {"equalLong", "equalDouble", "equalBoolean"}, guards = "!eitherIsTensor(left, right)")
    protected boolean equalAny(Object left, Object right) {
        return Values.equal(left, right) != isNegated();
    }

    @Override
    protected String symbol() {
        return isNegated() ? "!=" : "==";
    }
}
