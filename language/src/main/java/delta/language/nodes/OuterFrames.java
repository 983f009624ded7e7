package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.runtime.DeltaError;

/**
 * Closures: a function value carries the frame it was created in (argument 0 of every call), so a
 * variable of an enclosing function is found by following that chain {@code depth} times. The
 * depth is known when the code is lowered, so the walk unrolls to a few loads in compiled code.
 */
public final class OuterFrames {
    private OuterFrames() {}

    @ExplodeLoop
    static Frame walk(VirtualFrame frame, int depth) {
        Frame current = frame;
        for (int i = 0; i < depth; i++) {
            current = (MaterializedFrame) current.getArguments()[0];
        }
        return current;
    }

    /**
     * A value read from a slot, or an error when the slot was never written. Only a local fn called
     * before its declaration has run can do that: its name is declared ahead (Lowerer.hoistFunctions).
     */
    static Object assigned(DeltaNode reader, Object value, String name) {
        if (value == null) {
            CompilerDirectives.transferToInterpreter();
            throw DeltaError.at(reader, "'" + name + "' is used before its definition has run");
        }
        return value;
    }

    @NodeInfo(shortName = "read outer")
    public static final class Read extends DeltaNode {
        @CompilationFinal private final int depth;
        private final int slot;
        private final String name;

        public Read(int depth, int slot, String name) {
            this.depth = depth;
            this.slot = slot;
            this.name = name;
        }

        public String getName() {
            return name;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return assigned(this, walk(frame, depth).getValue(slot), name);
        }

        @Override
        public boolean hasTag(Class<? extends Tag> tag) {
            return tag == StandardTags.ReadVariableTag.class || super.hasTag(tag);
        }
    }

    @NodeInfo(shortName = "write outer")
    public static final class Write extends DeltaNode {
        private final int depth;
        private final int slot;
        private final String name;
        @Child private DeltaNode value;

        public Write(int depth, int slot, String name, DeltaNode value) {
            this.depth = depth;
            this.slot = slot;
            this.name = name;
            this.value = value;
        }

        public String getName() {
            return name;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            Object result = value.executeGeneric(frame);
            Frame target = walk(frame, depth);
            // The owner may have typed this slot; an untyped write is always correct, and its own
            // reads fall back to the generic path when they see the Object tag.
            target.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Object);
            target.setObject(slot, result);
            return null;
        }

        @Override
        public boolean hasTag(Class<? extends Tag> tag) {
            return tag == StandardTags.WriteVariableTag.class || super.hasTag(tag);
        }
    }
}
