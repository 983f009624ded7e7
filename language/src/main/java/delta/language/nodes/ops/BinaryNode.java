package delta.language.nodes.ops;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.dsl.NodeChild;
import delta.language.nodes.DeltaNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.Values;
import delta.language.tensor.ElementwiseFusion;

/** Base of the binary operators: two operand children, and the errors they share. */
@NodeChild(value = "left", type = DeltaNode.class)
@NodeChild(value = "right", type = DeltaNode.class)
public abstract class BinaryNode extends ChainableNode {
    /** The operator as written, for messages. */
    protected abstract String symbol();

    protected abstract DeltaNode getLeft();

    protected abstract DeltaNode getRight();

    /**
     * An operand whose storage the result may take over: the tensor value of an operand that is
     * itself an operator with fresh results (see {@link FreshTensorResult}), else null.
     */
    protected final Object scratch(Object left, Object right) {
        if (left instanceof delta.language.tensor.DeltaTensor && getLeft() instanceof FreshTensorResult) {
            return left;
        }
        if (right instanceof delta.language.tensor.DeltaTensor && getRight() instanceof FreshTensorResult) {
            return right;
        }
        return null;
    }

    protected final DeltaError typeError(Object left, Object right) {
        CompilerDirectives.transferToInterpreter();
        String hint = "";
        if (symbol().equals("+") && (left instanceof String || right instanceof String)) {
            hint = "; use str(x) or an f-string to turn a value into text";
        } else if (symbol().equals("+") && left instanceof delta.language.runtime.DeltaList && right instanceof delta.language.runtime.DeltaList) {
            // Not +: its derivative rule hands the whole adjoint to both operands, right for numbers and tensors only.
            hint = "; to join lists use concat_lists(a, b)";
        }
        return DeltaError.at(this, "unsupported operand types for " + symbol() + ": " + Values.typeName(left) + " and " + Values.typeName(right) + hint);
    }

    /**
     * The operator on tensors (a number on one side broadcasts), or the type error of everything
     * else. On tensors its result stays a pending expression where it goes straight into another
     * arithmetic operator ({@link delta.language.tensor.ElementwiseFusion}).
     */
    protected final Object tensorOrTypeError(delta.tensor.BinaryOp op, Object left, Object right) {
        if (ElementwiseFusion.isTensorLike(left) || ElementwiseFusion.isTensorLike(right)) {
            if (feedsArithmetic()) {
                return ElementwiseFusion.pending(op, left, right, scratch(left, right), this);
            }
            return ElementwiseFusion.now(op, left, right, scratch(left, right), this);
        }
        throw typeError(left, right);
    }


    protected final DeltaError overflow(long left, long right) {
        CompilerDirectives.transferToInterpreter();
        return DeltaError.at(this, "integer overflow in " + left + " " + symbol() + " " + right + "; use floats for numbers this large");
    }

    protected final DeltaError divisionByZero() {
        CompilerDirectives.transferToInterpreter();
        return DeltaError.at(this, "integer division by zero");
    }
}
