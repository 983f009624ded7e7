package delta.language.nodes.ops;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import delta.language.nodes.ConditionNode;
import delta.language.nodes.DeltaNode;

/** {@code and}, {@code or} (short-circuiting) and {@code not}: bool operands, bool results. */
public final class LogicalNodes {
    private LogicalNodes() {}

    @NodeInfo(shortName = "and/or")
    public static final class ShortCircuit extends DeltaNode {
        @Child private ConditionNode left;
        @Child private ConditionNode right;
        private final boolean isAnd;
        private final CountingConditionProfile evaluateRight = CountingConditionProfile.create();

        public ShortCircuit(boolean isAnd, DeltaNode left, DeltaNode right) {
            String construct = isAnd ? "and" : "or";
            this.isAnd = isAnd;
            this.left = new ConditionNode(left, construct);
            this.right = new ConditionNode(right, construct);
        }

        @Override
        public boolean executeBoolean(VirtualFrame frame) {
            boolean first = left.execute(frame);
            if (evaluateRight.profile(first == isAnd)) {
                return right.execute(frame);
            }
            return first;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return executeBoolean(frame);
        }
    }

    @NodeInfo(shortName = "not")
    public static final class Not extends DeltaNode {
        @Child private ConditionNode operand;

        public Not(DeltaNode operand) {
            this.operand = new ConditionNode(operand, "not");
        }

        @Override
        public boolean executeBoolean(VirtualFrame frame) {
            return !operand.execute(frame);
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return executeBoolean(frame);
        }
    }
}
