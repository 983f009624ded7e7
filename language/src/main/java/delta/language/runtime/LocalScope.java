package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.source.SourceSection;
import delta.language.DeltaLanguage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local variables of one running Delta function, as debuggers see them (Chrome DevTools through
 * --inspect shows these in its Local scope). Every named frame slot that holds a value is a member;
 * hidden slots (loop counters) have no name and stay out. Read-only. Where a name has several slots (a
 * variable shadowed in an inner block), the latest declared one is shown.
 */
@ExportLibrary(InteropLibrary.class)
public final class LocalScope implements TruffleObject {
    private final String functionName;
    private final SourceSection function;
    private final MaterializedFrame frame;
    private final Map<String, Integer> slots;

    @TruffleBoundary
    public LocalScope(String functionName, SourceSection function, FrameDescriptor descriptor, MaterializedFrame frame) {
        this.functionName = functionName;
        this.function = function;
        this.frame = frame;
        this.slots = new LinkedHashMap<>();
        for (int i = 0; i < descriptor.getNumberOfSlots(); i++) {
            if (descriptor.getSlotName(i) instanceof String name && (frame == null || frame.getValue(i) != null)) {
                slots.remove(name);
                slots.put(name, i);
            }
        }
    }

    @ExportMessage
    boolean isScope() {
        return true;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new DeltaTuple(slots.keySet().toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return slots.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        Integer slot = slots.get(member);
        if (slot == null) {
            throw UnknownIdentifierException.create(member);
        }
        return frame == null ? DeltaNone.INSTANCE : frame.getValue(slot);
    }

    /** Read-only: a debugger may look at locals, not change them (compiled code assumes their types). */
    @ExportMessage
    boolean isMemberModifiable(@SuppressWarnings("unused") String member) {
        return false;
    }

    @ExportMessage
    boolean isMemberInsertable(@SuppressWarnings("unused") String member) {
        return false;
    }

    @ExportMessage
    void writeMember(String member, @SuppressWarnings("unused") Object value) throws UnknownIdentifierException {
        throw UnknownIdentifierException.create(member);
    }

    /** The function's own section: debuggers then call this the function's (local) scope. */
    @ExportMessage
    boolean hasSourceLocation() {
        return function != null;
    }

    @ExportMessage
    SourceSection getSourceLocation() throws UnsupportedMessageException {
        if (function == null) {
            throw UnsupportedMessageException.create();
        }
        return function;
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends TruffleLanguage<?>> getLanguage() {
        return DeltaLanguage.class;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return functionName;
    }
}
