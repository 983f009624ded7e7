package delta.language.nodes;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.runtime.DeltaFunction;

/**
 * Evaluating {@code fn} or a lambda creates a function value. Only a function that uses variables
 * of an enclosing function captures (materializes) the current frame; the others stay cheap and
 * let the enclosing frame be optimized away.
 */
@NodeInfo(shortName = "fn")
public final class FunctionLiteralNode extends DeltaNode {
    private final RootCallTarget callTarget;
    private final String name;
    private final String[] parameters;
    private final boolean capturesFrame;

    public FunctionLiteralNode(RootCallTarget callTarget, String name, String[] parameters, boolean capturesFrame) {
        this.callTarget = callTarget;
        this.name = name;
        this.parameters = parameters;
        this.capturesFrame = capturesFrame;
    }

    public RootCallTarget callTarget() {
        return callTarget;
    }

    /** A function value of this literal over a given captured frame (null for none). */
    public DeltaFunction createWith(com.oracle.truffle.api.frame.MaterializedFrame captured) {
        return new DeltaFunction(callTarget, name, parameters, captured);
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        return new DeltaFunction(callTarget, name, parameters, capturesFrame ? frame.materialize() : null);
    }
}
