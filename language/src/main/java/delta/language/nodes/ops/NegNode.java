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
@NodeChild("operand")
public abstract class NegNode extends DeltaNode {
    @Specialization(guards = "value != MIN")
    protected long neg(long value) {
        return -value;
    }

    @Specialization
    protected double neg(double value) {
        return -value;
    }

    @Fallback
    protected Object other(Object value) {
        CompilerDirectives.transferToInterpreter();
        if (value instanceof Long) {
            throw DeltaError.at(this, "integer overflow in -(" + value + ")");
        }
        throw DeltaError.at(this, "unsupported operand type for unary -: " + Values.typeName(value));
    }

    protected static final long MIN = Long.MIN_VALUE;
}
