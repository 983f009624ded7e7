package delta.language.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

/** The nodes that raise {@link ControlFlow} exceptions. */
public final class ControlFlowNodes {
    private ControlFlowNodes() {}

    @NodeInfo(shortName = "break")
    public static final class BreakNode extends DeltaNode {
        @Override
        public Object executeGeneric(VirtualFrame frame) {
            throw ControlFlow.Break.INSTANCE;
        }
    }

    @NodeInfo(shortName = "continue")
    public static final class ContinueNode extends DeltaNode {
        @Override
        public Object executeGeneric(VirtualFrame frame) {
            throw ControlFlow.Continue.INSTANCE;
        }
    }

    @NodeInfo(shortName = "return")
    public static final class ReturnNode extends DeltaNode {
        @Child private DeltaNode value;

        public ReturnNode(DeltaNode value) {
            this.value = value;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            throw new ControlFlow.Return(value.executeGeneric(frame));
        }
    }
}
