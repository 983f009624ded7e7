package delta.language.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;

/** {@code f(a, b)}: evaluates the callee and the arguments, then calls through the dispatch cache. */
@NodeInfo(shortName = "call")
public final class CallNode extends DeltaNode {
    @Child private DeltaNode callee;
    @Children private final DeltaNode[] arguments;
    @Child private DispatchNode dispatch = DispatchNodeGen.create();

    public CallNode(DeltaNode callee, DeltaNode[] arguments) {
        this.callee = callee;
        this.arguments = arguments;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Object function = callee.executeGeneric(frame);
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = NoneIfStatement.of(arguments[i].executeGeneric(frame));
        }
        return dispatch.executeDispatch(function, values);
    }

    /**
     * Whether {@code argument} is the adjoint argument of a call to {@code $accindex} or
     * {@code $accindex_into}, the helpers of generated derivative code that add an adjoint into a
     * view of a larger one: they take a pending tensor expression there and compute it straight into
     * the view (delta.language.tensor.ElementwiseFusion). No program can name, and so redefine, them.
     */
    public boolean takesPendingTensor(DeltaNode argument) {
        return arguments.length == 4 && arguments[3] == argument && callee instanceof GlobalNodes.Read read
                        && (read.getName().equals("$accindex") || read.getName().equals("$accindex_into"));
    }

    @Override
    public boolean hasTag(Class<? extends Tag> tag) {
        return tag == StandardTags.CallTag.class || super.hasTag(tag);
    }
}
