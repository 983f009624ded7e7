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
        // Parameters a call may leave out (those of derivative rules of builtins with optional
        // arguments) read as none, which the builtins take as "the default".
        return position < arguments.length ? arguments[position] : delta.language.runtime.DeltaNone.INSTANCE;
    }
}
