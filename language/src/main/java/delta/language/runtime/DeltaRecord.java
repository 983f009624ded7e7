package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A record {@code {w: 1.0, b: 2.0}}: named fields fixed at creation, whose values may be reassigned.
 * Other languages see an object with members.
 */
@ExportLibrary(InteropLibrary.class)
public final class DeltaRecord implements TruffleObject {
    private final RecordShape shape;
    private final Object[] values;

    public DeltaRecord(RecordShape shape, Object[] values) {
        assert shape.size() == values.length;
        this.shape = shape;
        this.values = values;
    }

    public RecordShape shape() {
        return shape;
    }

    public Object get(int index) {
        return values[index];
    }

    public void set(int index, Object value) {
        values[index] = value;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return Values.display(this);
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        Object[] names = new Object[shape.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = shape.name(i);
        }
        return new DeltaTuple(names);
    }

    @ExportMessage(name = "isMemberReadable")
    @ExportMessage(name = "isMemberModifiable")
    boolean hasMember(String member) {
        return shape.indexOf(member) >= 0;
    }

    @ExportMessage
    boolean isMemberInsertable(@SuppressWarnings("unused") String member) {
        return false;
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        int index = shape.indexOf(member);
        if (index < 0) {
            throw UnknownIdentifierException.create(member);
        }
        return values[index];
    }

    @ExportMessage
    void writeMember(String member, Object value) throws UnknownIdentifierException {
        int index = shape.indexOf(member);
        if (index < 0) {
            throw UnknownIdentifierException.create(member);
        }
        values[index] = Values.fromForeign(value);
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }
}
