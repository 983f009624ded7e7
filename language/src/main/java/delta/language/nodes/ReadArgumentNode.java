package delta.language.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

/** Reads argument {@code index} (0-based, after the captured frame) of the running call. */
@NodeInfo(shortName = "argument")
public final class ReadArgumentNode extends DeltaNode {
    private final int index;

    public ReadArgumentNode(int index) {
        this.index = index;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        Object[] arguments = frame.getArguments();
        int position = index + 1;
        // Optional builtin parameters that were not passed read as null.
        return position < arguments.length ? arguments[position] : null;
    }
}
