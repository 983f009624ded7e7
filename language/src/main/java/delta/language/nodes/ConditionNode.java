package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import delta.language.runtime.DeltaError;
import delta.language.runtime.Values;

/**
 * Evaluates the condition of if, while, and, or, not, assert. Delta has no truthiness: a condition
 * must be a bool, so {@code if xs} is an error rather than a silent test for emptiness. A bool
 * tensor of one element counts as its bool (as in PyTorch), since that is what comparing a
 * reduction gives: {@code while norm(g) > 1e-6}. A larger one is an error, as its truth would be
 * ambiguous.
 */
@NodeInfo(shortName = "condition")
public final class ConditionNode extends Node {
    @Child private DeltaNode expression;
    private final String construct;
    /** Set once a one-element bool tensor has come: from then on the value is read as an object. */
    @CompilationFinal private boolean tensorsSeen;

    public ConditionNode(DeltaNode expression, String construct) {
        this.expression = expression;
        this.construct = construct;
    }

    public boolean execute(VirtualFrame frame) {
        if (tensorsSeen) {
            Object value = expression.executeGeneric(frame);
            return value instanceof Boolean b ? b : tensorTruth(value);
        }
        try {
            return expression.executeBoolean(frame);
        } catch (UnexpectedResultException e) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            boolean truth = tensorTruth(e.getResult());
            tensorsSeen = true;
            return truth;
        }
    }

    /** The bool of a one-element bool tensor; the error for anything else. */
    private boolean tensorTruth(Object value) {
        if (value instanceof delta.language.tensor.DeltaTensor t && t.tensor().dtype() == delta.tensor.DType.BOOL && t.tensor().size() == 1) {
            return readOneBool(t);
        }
        CompilerDirectives.transferToInterpreter();
        throw DeltaError.at(expression, construct + " expects a bool, got " + Values.describe(value) + hint(value));
    }

    @com.oracle.truffle.api.CompilerDirectives.TruffleBoundary
    private static boolean readOneBool(delta.language.tensor.DeltaTensor t) {
        return delta.language.tensor.TensorSupport.backend(t.tensor()).item(t.tensor()) != 0;
    }

    /** For a tensor, the functions that do what was probably meant. */
    private String hint(Object value) {
        if (!(value instanceof delta.language.tensor.DeltaTensor)) {
            return "";
        }
        return switch (construct) {
            case "and", "or", "not" -> "; for tensors of bools use logical_" + construct + "(...)";
            default -> "; a condition is a bool or a one-element bool tensor: use any(t) or all(t) for a tensor of bools";
        };
    }
}
