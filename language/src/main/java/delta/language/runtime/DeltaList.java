package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.ArrayList;
import java.util.List;

/** A mutable, growable list: an array to other languages. */
@ExportLibrary(InteropLibrary.class)
public final class DeltaList implements TruffleObject {
    // get, set and size stay out of TruffleBoundary: they compile to an array access, which matters
    // for loops over lists (and for the derivative code of such loops).
    private final ArrayList<Object> items;

    public DeltaList(ArrayList<Object> items) {
        this.items = items;
    }

    @TruffleBoundary
    public static DeltaList of(Object... values) {
        return new DeltaList(new ArrayList<>(List.of(values)));
    }

    public int size() {
        return items.size();
    }

    public Object get(int index) {
        return items.get(index);
    }

    public void set(int index, Object value) {
        items.set(index, value);
    }

    @TruffleBoundary
    public void removeLast() {
        items.remove(items.size() - 1);
    }

    @TruffleBoundary
    public void add(Object value) {
        items.add(value);
    }

    @TruffleBoundary
    public Object[] toArray() {
        return items.toArray();
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
        return size();
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < size();
    }

    @ExportMessage
    boolean isArrayElementModifiable(long index) {
        return isArrayElementReadable(index);
    }

    @ExportMessage
    boolean isArrayElementInsertable(long index) {
        return index == size();
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return get((int) index);
    }

    @ExportMessage
    void writeArrayElement(long index, Object value) throws InvalidArrayIndexException {
        if (index == size()) {
            add(Values.fromForeign(value));
        } else if (isArrayElementReadable(index)) {
            set((int) index, Values.fromForeign(value));
        } else {
            throw InvalidArrayIndexException.create(index);
        }
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }
}
