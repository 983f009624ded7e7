package delta.language.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** {@code range(start, stop, step)}: a lazy sequence of integers, so {@code for i in range(n)} allocates nothing. */
@ExportLibrary(InteropLibrary.class)
public final class DeltaRange implements TruffleObject {
    public final long start;
    public final long stop;
    public final long step;
    /** Computed once: indexing a range in a loop (as derivative code does) checks it every time, and it divides. */
    private final long size;

    public DeltaRange(long start, long stop, long step) {
        this.start = start;
        this.stop = stop;
        this.step = step;
        if (step > 0) {
            this.size = stop <= start ? 0 : (stop - start + step - 1) / step;
        } else {
            this.size = stop >= start ? 0 : (start - stop - step - 1) / -step;
        }
    }

    public long size() {
        return size;
    }

    public long get(long index) {
        return start + index * step;
    }

    @Override
    public String toString() {
        return step == 1 ? "range(" + start + ", " + stop + ")" : "range(" + start + ", " + stop + ", " + step + ")";
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
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return get(index);
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }
}
