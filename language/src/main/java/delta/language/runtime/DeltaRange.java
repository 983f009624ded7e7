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

    public DeltaRange(long start, long stop, long step) {
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    public long size() {
        if (step > 0) {
            return stop <= start ? 0 : (stop - start + step - 1) / step;
        }
        return stop >= start ? 0 : (start - stop - step - 1) / -step;
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
