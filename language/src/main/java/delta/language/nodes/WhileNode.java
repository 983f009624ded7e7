package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.RepeatingNode;
import com.oracle.truffle.api.profiles.BranchProfile;

/** {@code while c { }} through Truffle's LoopNode, so long-running loops compile on their own (OSR). */
@NodeInfo(shortName = "while")
public final class WhileNode extends DeltaNode {
    @Child private LoopNode loop;

    public WhileNode(DeltaNode condition, DeltaNode body) {
        this.loop = Truffle.getRuntime().createLoopNode(new Repeat(new ConditionNode(condition, "while"), body));
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        loop.execute(frame);
        return null;
    }

    private static final class Repeat extends Node implements RepeatingNode {
        @Child private ConditionNode condition;
        @Child private DeltaNode body;
        private final BranchProfile breakTaken = BranchProfile.create();
        /** The function's kernel-work profile, found at the first interpreted iteration. */
        private KernelDominance dominance;

        Repeat(ConditionNode condition, DeltaNode body) {
            this.condition = condition;
            this.body = body;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            if (CompilerDirectives.inInterpreter()) {
                dominance = KernelDominance.iteration(dominance, this);
            }
            if (!condition.execute(frame)) {
                return false;
            }
            return ControlFlow.runLoopBody(frame, body, breakTaken);
        }

        @Override
        public String toString() {
            return "while loop";
        }
    }
}
