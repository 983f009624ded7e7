package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** An immutable fixed-size tuple: a read-only array to other languages. */
@ExportLibrary(InteropLibrary.class)
public final class DeltaTuple implements TruffleObject {
    private final Object[] items;

    public DeltaTuple(Object... items) {
        this.items = items;
    }

    public int size() {
        return items.length;
    }

    public Object get(int index) {
        return items[index];
    }

    public Object[] items() {
        return items;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return Values.display(this);
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return items.length;
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < items.length;
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return items[(int) index];
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }
}
