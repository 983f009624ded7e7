package delta.language.nodes.ops;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.nodes.DeltaNode;

/** {@code a @ b}: the matrix product, defined on tensors; on anything else it is an error. */
@NodeInfo(shortName = "@")
public final class MatMulNode extends DeltaNode implements FreshTensorResult {
    @Child private DeltaNode left;
    @Child private DeltaNode right;

    public MatMulNode(DeltaNode left, DeltaNode right) {
        this.left = left;
        this.right = right;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        Object a = left.executeGeneric(frame);
        Object b = right.executeGeneric(frame);
        return delta.language.tensor.TensorSupport.matmul(a, b, this);
    }
}
