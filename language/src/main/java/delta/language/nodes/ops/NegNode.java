package delta.language.nodes.ops;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.nodes.DeltaNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.Values;

@NodeInfo(shortName = "neg")
@NodeChild(value = "operand", type = DeltaNode.class)
public abstract class NegNode extends ChainableNode implements FreshTensorResult {
    /** The derivative rule, beside the forward specializations: the partial for each operand (x, y). */
    public static final String[] PARTIALS = {"-1.0"};

    protected abstract DeltaNode getOperand();

    @Specialization
    protected long neg(long value) {
        if (value == Long.MIN_VALUE) {
            // Checked here, not in a guard: a long that failed a guard would widen to double and
            // match the specialization below, and -MIN would silently become a float.
            CompilerDirectives.transferToInterpreter();
            throw DeltaError.at(this, "integer overflow in -(" + value + "); use floats for numbers this large");
        }
        return -value;
    }

    @Specialization
    protected double neg(double value) {
        return -value;
    }

    @Fallback
    protected Object other(Object value) {
        if (delta.language.tensor.ElementwiseFusion.isTensorLike(value)) {
            boolean fresh = value instanceof delta.language.tensor.DeltaTensor && getOperand() instanceof FreshTensorResult;
            return delta.language.tensor.ElementwiseFusion.negate(value, feedsArithmetic(), fresh ? (delta.language.tensor.DeltaTensor) value : null, this);
        }
        CompilerDirectives.transferToInterpreter();
        throw DeltaError.at(this, "unsupported operand type for unary -: " + Values.typeName(value));
    }
}
