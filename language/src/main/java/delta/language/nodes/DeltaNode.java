package delta.language.nodes;

import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.interop.NodeLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import delta.language.runtime.LocalScope;
import com.oracle.truffle.api.dsl.TypeSystemReference;
import com.oracle.truffle.api.instrumentation.GenerateWrapper;
import com.oracle.truffle.api.instrumentation.InstrumentableNode;
import com.oracle.truffle.api.instrumentation.ProbeNode;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;

/**
 * The base of every Delta node. Delta is expression-oriented, so there is one node base: a node
 * marked as a statement (an item of a block) also carries the statement tag, which is what
 * debuggers step over and what statement limits count.
 * <p>
 * Source sections are kept as two ints and built on demand from the root's source, so creating nodes
 * stays cheap.
 */
@TypeSystemReference(DeltaTypes.class)
@GenerateWrapper
@NodeInfo(language = "Delta")
@ExportLibrary(NodeLibrary.class)
public abstract class DeltaNode extends Node implements InstrumentableNode {
    private static final int NO_SOURCE = -1;

    private int sourceCharIndex = NO_SOURCE;
    private int sourceLength;
    private boolean statement;
    private boolean rootBody;

    public abstract Object executeGeneric(VirtualFrame frame);

    public long executeLong(VirtualFrame frame) throws UnexpectedResultException {
        return DeltaTypesGen.expectLong(executeGeneric(frame));
    }

    public double executeDouble(VirtualFrame frame) throws UnexpectedResultException {
        return DeltaTypesGen.expectDouble(executeGeneric(frame));
    }

    public boolean executeBoolean(VirtualFrame frame) throws UnexpectedResultException {
        return DeltaTypesGen.expectBoolean(executeGeneric(frame));
    }

    public final void setSourceSection(int charIndex, int length) {
        this.sourceCharIndex = charIndex;
        this.sourceLength = length;
    }

    /** Copies the position of another node (used when the lowering wraps or replaces nodes). */
    public final <T extends DeltaNode> T at(DeltaNode other) {
        setSourceSection(other.sourceCharIndex, other.sourceLength);
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    public final void markStatement() {
        this.statement = true;
    }

    /** Marks the body of a function, which carries the root tags for the instruments. */
    public final void markRootBody() {
        this.rootBody = true;
    }

    @Override
    public final SourceSection getSourceSection() {
        if (sourceCharIndex == NO_SOURCE) {
            return null;
        }
        RootNode root = getRootNode();
        if (root == null || root.getSourceSection() == null) {
            return null;
        }
        Source source = root.getSourceSection().getSource();
        return source.createSection(sourceCharIndex, sourceLength);
    }

    @Override
    public boolean isInstrumentable() {
        return sourceCharIndex != NO_SOURCE;
    }

    @Override
    public WrapperNode createWrapper(ProbeNode probe) {
        return new DeltaNodeWrapper(this, probe);
    }

    @Override
    public boolean hasTag(Class<? extends Tag> tag) {
        if (tag == StandardTags.RootTag.class || tag == StandardTags.RootBodyTag.class) {
            return rootBody;
        }
        if (tag == StandardTags.StatementTag.class) {
            return statement;
        }
        return tag == StandardTags.ExpressionTag.class && !statement;
    }

    /** Local variables for debuggers (--inspect shows them), inside Delta functions. */
    @ExportMessage
    final boolean hasScope(@SuppressWarnings("unused") Frame frame) {
        return getRootNode() instanceof FunctionRootNode;
    }

    @ExportMessage
    final Object getScope(Frame frame, @SuppressWarnings("unused") boolean nodeEnter) throws UnsupportedMessageException {
        RootNode root = getRootNode();
        if (!(root instanceof FunctionRootNode)) {
            throw UnsupportedMessageException.create();
        }
        return new LocalScope(root.getName(), root.getSourceSection(), root.getFrameDescriptor(), frame == null ? null : frame.materialize());
    }
}
