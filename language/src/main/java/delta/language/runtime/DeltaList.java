package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * A mutable, growable list: an array to other languages.
 * <p>
 * A list whose elements are all floats keeps them unboxed in a {@code double[]} (the storage
 * strategy of PyPy's lists): numeric code and its derivative code read, write and accumulate
 * elements without a box per element, and a zero adjoint list is one array allocation. The first
 * element of another kind moves the list to boxed storage for good. An empty list starts unboxed.
 */
@ExportLibrary(InteropLibrary.class)
public final class DeltaList implements TruffleObject {
    // get, set and size stay out of TruffleBoundary: they compile to an array access, which matters
    // for loops over lists (and for the derivative code of such loops).
    private double[] floats;
    private Object[] objects;
    private int size;

    public DeltaList(ArrayList<Object> items) {
        this(items.toArray(), items.size());
    }

    private DeltaList(Object[] items, int size) {
        this.size = size;
        if (allFloats(items, size)) {
            floats = new double[Math.max(size, 4)];
            for (int i = 0; i < size; i++) {
                floats[i] = (Double) items[i];
            }
        } else {
            objects = items;
        }
    }

    private DeltaList(double[] floats, int size) {
        this.floats = floats;
        this.size = size;
    }

    private static boolean allFloats(Object[] items, int size) {
        for (int i = 0; i < size; i++) {
            if (!(items[i] instanceof Double)) {
                return false;
            }
        }
        return true;
    }

    @TruffleBoundary
    public static DeltaList of(Object... values) {
        return new DeltaList(values.clone(), values.length);
    }

    /** {@code n} floats 0.0, unboxed (the zero adjoint of a list). */
    public static DeltaList zeros(int n) {
        return new DeltaList(new double[Math.max(n, 4)], n);
    }

    public int size() {
        return size;
    }

    /** Whether every element is a float held unboxed (then {@link #getFloat} and {@link #addFloat} apply). */
    public boolean holdsFloats() {
        return floats != null;
    }

    public Object get(int index) {
        checkIndex(index);
        return floats != null ? (Object) floats[index] : objects[index];
    }

    /** The float at {@code index}, which the caller has checked against {@link #size()}. */
    public double getFloat(int index) {
        return floats[index];
    }

    /** Stores a float at {@code index}, which the caller has checked against {@link #size()}. */
    public void setFloat(int index, double value) {
        floats[index] = value;
    }

    /** Adds {@code value} to the float at {@code index} (checked by the caller), in place: the accumulation of adjoints. */
    public void addFloat(int index, double value) {
        floats[index] += value;
    }

    public void set(int index, Object value) {
        checkIndex(index);
        if (floats != null) {
            if (value instanceof Double d) {
                floats[index] = d;
                return;
            }
            box();
        }
        objects[index] = value;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw outOfBounds(index);
        }
    }

    @TruffleBoundary
    private IndexOutOfBoundsException outOfBounds(int index) {
        return new IndexOutOfBoundsException("index " + index + " out of bounds for length " + size);
    }

    /** Moves the elements to boxed storage, for good. */
    @TruffleBoundary
    private void box() {
        Object[] boxed = new Object[Math.max(floats.length, 4)];
        for (int i = 0; i < size; i++) {
            boxed[i] = floats[i];
        }
        objects = boxed;
        floats = null;
    }

    @TruffleBoundary
    public void removeLast() {
        checkIndex(size - 1);
        size--;
        if (objects != null) {
            objects[size] = null;
        }
    }

    @TruffleBoundary
    public void add(Object value) {
        if (floats != null && !(value instanceof Double)) {
            box();
        }
        int capacity = floats != null ? floats.length : objects.length;
        if (size == capacity) {
            int grown = Math.max(4, capacity + (capacity >> 1));
            if (floats != null) {
                floats = Arrays.copyOf(floats, grown);
            } else {
                objects = Arrays.copyOf(objects, grown);
            }
        }
        if (floats != null) {
            floats[size++] = (Double) value;
        } else {
            objects[size++] = value;
        }
    }

    /** A new list with the same elements (the same storage kind). */
    @TruffleBoundary
    public DeltaList copy() {
        return floats != null ? new DeltaList(Arrays.copyOf(floats, Math.max(size, 4)), size) : new DeltaList(Arrays.copyOf(objects, size), size);
    }

    @TruffleBoundary
    public Object[] toArray() {
        if (floats == null) {
            return Arrays.copyOf(objects, size);
        }
        Object[] out = new Object[size];
        for (int i = 0; i < size; i++) {
            out[i] = floats[i];
        }
        return out;
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
