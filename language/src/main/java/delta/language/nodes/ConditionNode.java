package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import delta.language.runtime.DeltaError;
import delta.language.runtime.Values;

/**
 * Evaluates the condition of if, while, and, or, not, assert. Delta has no truthiness: a condition
 * must be a bool, so {@code if xs} is an error rather than a silent test for emptiness.
 */
@NodeInfo(shortName = "condition")
public final class ConditionNode extends Node {
    @Child private DeltaNode expression;
    private final String construct;

    public ConditionNode(DeltaNode expression, String construct) {
        this.expression = expression;
        this.construct = construct;
    }

    public boolean execute(VirtualFrame frame) {
        try {
            return expression.executeBoolean(frame);
        } catch (UnexpectedResultException e) {
            CompilerDirectives.transferToInterpreter();
            throw DeltaError.at(expression, construct + " expects a bool, got " + Values.describe(e.getResult()));
        }
    }
}
