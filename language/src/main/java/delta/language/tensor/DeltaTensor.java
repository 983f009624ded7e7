package delta.language.tensor;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import delta.language.DeltaLanguage;
import delta.tensor.Tensor;
import java.nio.ByteOrder;

/**
 * A tensor as a Delta value: an immutable handle on a {@link Tensor} of the backend (shape,
 * strides and offset over device storage). Operations make new handles; views share storage.
 *
 * <p>To other languages (grCUDA's arrays are the model) a tensor of rank 1 or more is a read-only
 * array whose elements are its rows: {@code t[i]} is a view of one axis fewer, and the elements of
 * a 1-D tensor are numbers (booleans for a bool tensor), so {@code t[i][j]} works from JavaScript
 * and {@code getArrayElement(i).getArrayElement(j)} from Java. Every tensor, 0-d included, is also
 * a read-only buffer of its elements in row-major order, each {@code dtype.byteSize()} bytes in
 * the platform's byte order (see {@link TensorBuffer}): GraalJS's {@code new Float64Array(t)} is a
 * view of it, not a copy.
 */
@ExportLibrary(InteropLibrary.class)
public final class DeltaTensor implements TruffleObject {
    private final Tensor tensor;
    /**
     * Made by reverse mode's accumulation into a fresh tensor of its own (TensorIndexing.accumulate):
     * the generated code may add into it in place while it alone holds it ($accindex_into).
     */
    private final boolean accumulator;

    public DeltaTensor(Tensor tensor) {
        this(tensor, false);
    }

    private DeltaTensor(Tensor tensor, boolean accumulator) {
        this.tensor = tensor;
        this.accumulator = accumulator;
    }

    static DeltaTensor accumulator(Tensor fresh) {
        return new DeltaTensor(fresh, true);
    }

    boolean isAccumulator() {
        return accumulator;
    }

    public Tensor tensor() {
        return tensor;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return TensorFormat.format(tensor);
    }

    // ---- language and meta-object ----

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
        return toString();
    }

    @ExportMessage
    boolean hasMetaObject() {
        return true;
    }

    @ExportMessage
    Object getMetaObject() {
        return TensorType.INSTANCE;
    }

    // ---- rows: an array of views (numbers for a 1-D tensor) ----

    @ExportMessage
    boolean hasArrayElements() {
        return tensor.rank() > 0;
    }

    @ExportMessage
    long getArraySize() throws UnsupportedMessageException {
        if (tensor.rank() == 0) {
            throw UnsupportedMessageException.create();
        }
        return tensor.shape().dim(0);
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return tensor.rank() > 0 && index >= 0 && index < tensor.shape().dim(0);
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException, UnsupportedMessageException {
        if (tensor.rank() == 0) {
            throw UnsupportedMessageException.create();
        }
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return row((int) index);
    }

    @TruffleBoundary
    private Object row(int index) {
        if (tensor.rank() == 1) {
            return TensorToValues.element(TensorSupport.backend(tensor).getFlat(tensor, index), tensor.dtype());
        }
        return new DeltaTensor(tensor.select(0, index));
    }

    // ---- buffer: the elements in row-major order, read-only ----

    @ExportMessage
    boolean hasBufferElements() {
        return true;
    }

    @ExportMessage
    boolean isBufferWritable() {
        return false;
    }

    @ExportMessage
    long getBufferSize() {
        return TensorBuffer.size(tensor);
    }

    @ExportMessage
    byte readBufferByte(long byteOffset) throws InvalidBufferOffsetException {
        return (byte) TensorBuffer.read(tensor, ByteOrder.nativeOrder(), byteOffset, 1);
    }

    @ExportMessage
    short readBufferShort(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return (short) TensorBuffer.read(tensor, order, byteOffset, 2);
    }

    @ExportMessage
    int readBufferInt(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return (int) TensorBuffer.read(tensor, order, byteOffset, 4);
    }

    @ExportMessage
    long readBufferLong(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return TensorBuffer.read(tensor, order, byteOffset, 8);
    }

    @ExportMessage
    float readBufferFloat(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return TensorBuffer.readFloat(tensor, order, byteOffset);
    }

    @ExportMessage
    double readBufferDouble(ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        return TensorBuffer.readDouble(tensor, order, byteOffset);
    }

    @ExportMessage
    void readBuffer(long byteOffset, byte[] destination, int destinationOffset, int length) throws InvalidBufferOffsetException {
        TensorBuffer.readBytes(tensor, byteOffset, destination, destinationOffset, length);
    }

    // Tensors are immutable: the buffer is read-only (isBufferWritable is false).

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferByte(long byteOffset, byte value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferShort(ByteOrder order, long byteOffset, short value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferInt(ByteOrder order, long byteOffset, int value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferLong(ByteOrder order, long byteOffset, long value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferFloat(ByteOrder order, long byteOffset, float value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }

    @ExportMessage
    @SuppressWarnings("unused")
    void writeBufferDouble(ByteOrder order, long byteOffset, double value) throws UnsupportedMessageException {
        throw UnsupportedMessageException.create();
    }
}
