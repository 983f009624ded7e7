package delta.language.nodes.ops;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.nodes.Node;
import delta.language.nodes.DeltaNode;

/**
 * An operator that may hand its tensor result on as a pending expression (see {@link ArithmeticChain}).
 * Whether it may is worked out from the node's parent the first time, and again whenever the parent
 * changes (an instrumentation wrapper inserted in between, a copy of the tree): a parent that is not
 * an arithmetic operator must always get a tensor.
 */
public abstract class ChainableNode extends DeltaNode {
    @CompilationFinal private Node chainParent;
    @CompilationFinal private boolean feeds;

    protected final boolean feedsArithmetic() {
        Node parent = getParent();
        if (parent != chainParent) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            chainParent = parent;
            feeds = ArithmeticChain.feedsArithmetic(this);
        }
        return feeds;
    }
}
