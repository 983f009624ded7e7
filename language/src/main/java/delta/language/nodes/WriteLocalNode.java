package delta.language.nodes;

import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.NodeField;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.dsl.TypeSystemReference;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.nodes.NodeInfo;

/**
 * Writes a variable of the running function. The slot's kind follows the values written: it stays
 * long or double while only those arrive and falls back to Object for good on the first other value.
 * Evaluates to none: {@code let} and assignment are statements.
 */
@NodeInfo(shortName = "write")
@TypeSystemReference(StrictTypes.class)
@NodeChild("value")
@NodeField(name = "slot", type = int.class)
@NodeField(name = "name", type = String.class)
public abstract class WriteLocalNode extends DeltaNode {
    protected abstract int getSlot();

    public abstract String getName();

    /** Writes a value computed elsewhere (destructuring, loop variables). */
    public abstract Object executeWrite(VirtualFrame frame, Object value);

    @Specialization(guards = "isKind(frame, LONG)")
    protected Object writeLong(VirtualFrame frame, long value) {
        frame.setLong(getSlot(), value);
        return null;
    }

    @Specialization(guards = "isKind(frame, DOUBLE)")
    protected Object writeDouble(VirtualFrame frame, double value) {
        frame.setDouble(getSlot(), value);
        return null;
    }

    @Specialization(guards = "isKind(frame, BOOLEAN)")
    protected Object writeBoolean(VirtualFrame frame, boolean value) {
        frame.setBoolean(getSlot(), value);
        return null;
    }

    /**
     * {@code let x = none} before x gets its real values (generated derivative code declares its
     * variables that way) leaves the slot's kind as it is: untyped on the first call, so the first
     * number written types it, and still long or double on later calls, so numbers written after
     * the declaration stay unboxed. The frame holds none there until then (reads check the frame's
     * own tag, not the slot's kind).
     */
    @Specialization(guards = {"isNone(value)", "!isObjectKind(frame)"})
    protected Object writeInitialNone(VirtualFrame frame, Object value) {
        frame.setObject(getSlot(), value);
        return null;
    }

    @Specialization(replaces = {"writeLong", "writeDouble", "writeBoolean", "writeInitialNone"})
    protected Object writeObject(VirtualFrame frame, Object value) {
        frame.getFrameDescriptor().setSlotKind(getSlot(), FrameSlotKind.Object);
        frame.setObject(getSlot(), value);
        return null;
    }

    protected static final FrameSlotKind LONG = FrameSlotKind.Long;
    protected static final FrameSlotKind DOUBLE = FrameSlotKind.Double;
    protected static final FrameSlotKind BOOLEAN = FrameSlotKind.Boolean;

    protected static boolean isNone(Object value) {
        return value == delta.language.runtime.DeltaNone.INSTANCE;
    }

    protected boolean isObjectKind(VirtualFrame frame) {
        return frame.getFrameDescriptor().getSlotKind(getSlot()) == FrameSlotKind.Object;
    }

    /** True when the slot already has this kind, or is still untyped and now takes it. */
    protected boolean isKind(VirtualFrame frame, FrameSlotKind kind) {
        FrameSlotKind current = frame.getFrameDescriptor().getSlotKind(getSlot());
        if (current == kind) {
            return true;
        }
        if (current == FrameSlotKind.Illegal) {
            frame.getFrameDescriptor().setSlotKind(getSlot(), kind);
            return true;
        }
        return false;
    }

    @Override
    public boolean hasTag(Class<? extends Tag> tag) {
        return tag == StandardTags.WriteVariableTag.class || super.hasTag(tag);
    }
}
