package delta.language.nodes.ops;

import com.oracle.truffle.api.nodes.Node;
import delta.language.nodes.CallNode;
import delta.language.nodes.DeltaNode;
import delta.language.nodes.GlobalNodes;
import delta.language.nodes.LiteralNodes;
import delta.language.nodes.OuterFrames;
import delta.language.nodes.ReadLocalNode;
import delta.language.nodes.data.IndexNodes;

/**
 * Whether an arithmetic operator's value goes straight into another arithmetic operator (or into
 * the adjoint argument of derivative code's {@code $accindex}, see CallNode#takesPendingTensor), so
 * that on tensors it may stay a pending expression (delta.language.tensor.ElementwiseFusion). A left operand
 * stays pending only when the right one cannot change a tensor in the meantime (it reads variables,
 * literals, elements and slices, and computes): the pending expression reads its tensors when it is
 * finally computed, after the right operand has run.
 */
final class ArithmeticChain {
    private ArithmeticChain() {}

    static boolean feedsArithmetic(Node operator) {
        Node parent = operator.getParent();
        if (parent instanceof NegNode || parent instanceof CallNode call && call.takesPendingTensor((DeltaNode) operator)) {
            return true;
        }
        if (parent instanceof BinaryNode binary && isArithmetic(binary)) {
            return binary.getRight() == operator || isPure(binary.getRight());
        }
        return false;
    }

    private static boolean isArithmetic(Node node) {
        return node instanceof AddNode || node instanceof SubNode || node instanceof MulNode || node instanceof DivNode
                        || node instanceof PowNode || node instanceof NegNode;
    }

    /** Whether evaluating {@code node} cannot change any tensor: no calls, no assignments. */
    private static boolean isPure(Node node) {
        boolean known = isArithmetic(node) || node instanceof ReadLocalNode || node instanceof OuterFrames.Read
                        || node instanceof GlobalNodes.Read || node instanceof IndexNodes.Get || node instanceof IndexNodes.MakeSlice
                        || node instanceof LiteralNodes.LongLiteral || node instanceof LiteralNodes.DoubleLiteral
                        || node instanceof LiteralNodes.BooleanLiteral || node instanceof LiteralNodes.ObjectLiteral;
        if (!known) {
            return false;
        }
        for (Node child : node.getChildren()) {
            if (!isPure(child)) {
                return false;
            }
        }
        return true;
    }
}
