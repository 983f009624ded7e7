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

    @Override
    public boolean hasTag(Class<? extends Tag> tag) {
        return tag == StandardTags.CallTag.class || super.hasTag(tag);
    }
}
