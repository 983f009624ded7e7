package delta.language.tensor;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import delta.tensor.Backend;
import delta.tensor.DType;
import delta.tensor.Tensor;
import java.nio.ByteOrder;

/**
 * A tensor's interop buffer: its elements in row-major order (whatever the view's strides), each
 * {@code dtype.byteSize()} bytes as the platform lays them out ({@link ByteOrder#nativeOrder()}):
 * f64 as IEEE doubles, f32 as IEEE floats, i64 as two's-complement longs, bool as one byte 0 or 1.
 * A read of an element's own width at its own offset takes one {@link Backend#getFlat}; any other
 * read assembles the bytes it spans. Nothing is copied: the reads go to the tensor's storage.
 */
final class TensorBuffer {
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private TensorBuffer() {}

    static long size(Tensor t) {
        return (long) t.size() * t.dtype().byteSize();
    }

    private static void check(Tensor t, long byteOffset, long length) throws InvalidBufferOffsetException {
        if (byteOffset < 0 || length < 0 || byteOffset > size(t) - length) {
            throw InvalidBufferOffsetException.create(byteOffset, length);
        }
    }

    /** The bits of element {@code index} as a number (i64 elements beyond 2^53 lose their low bits: getFlat is a double). */
    private static long bits(Backend backend, Tensor t, int index) {
        double v = backend.getFlat(t, index);
        return switch (t.dtype()) {
            case F64 -> Double.doubleToRawLongBits(v);
            case F32 -> Float.floatToRawIntBits((float) v) & 0xffffffffL;
            case I64 -> (long) v;
            case BOOL -> v != 0 ? 1 : 0;
        };
    }

    /** Byte {@code within} (counted in memory order) of an element whose bits are {@code bits}. */
    private static int byteOf(long bits, int within, int byteSize) {
        int shift = LITTLE ? within : byteSize - 1 - within;
        return (int) (bits >>> (8 * shift)) & 0xff;
    }

    /** {@code width} bytes (1, 2, 4 or 8) from {@code byteOffset}, read in {@code order}, sign-extended. */
    @TruffleBoundary
    static long read(Tensor t, ByteOrder order, long byteOffset, int width) throws InvalidBufferOffsetException {
        check(t, byteOffset, width);
        int byteSize = t.dtype().byteSize();
        if (width == byteSize && byteOffset % byteSize == 0) {
            long bits = bits(TensorSupport.backend(t), t, (int) (byteOffset / byteSize));
            return signExtend(order == ByteOrder.nativeOrder() ? bits : reverse(bits, width), width);
        }
        byte[] bytes = new byte[width];
        readBytes(t, byteOffset, bytes, 0, width);
        long value = 0;
        for (int i = 0; i < width; i++) {
            int b = bytes[order == ByteOrder.LITTLE_ENDIAN ? width - 1 - i : i] & 0xff;
            value = (value << 8) | b;
        }
        return signExtend(value, width);
    }

    @TruffleBoundary
    static double readDouble(Tensor t, ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        if (t.dtype() == DType.F64 && order == ByteOrder.nativeOrder() && byteOffset % 8 == 0) {
            check(t, byteOffset, 8);
            return TensorSupport.backend(t).getFlat(t, (int) (byteOffset / 8));
        }
        return Double.longBitsToDouble(read(t, order, byteOffset, 8));
    }

    @TruffleBoundary
    static float readFloat(Tensor t, ByteOrder order, long byteOffset) throws InvalidBufferOffsetException {
        if (t.dtype() == DType.F32 && order == ByteOrder.nativeOrder() && byteOffset % 4 == 0) {
            check(t, byteOffset, 4);
            return (float) TensorSupport.backend(t).getFlat(t, (int) (byteOffset / 4));
        }
        return Float.intBitsToFloat((int) read(t, order, byteOffset, 4));
    }

    /** Bytes {@code [byteOffset, byteOffset + length)} of the buffer, in memory order. */
    @TruffleBoundary
    static void readBytes(Tensor t, long byteOffset, byte[] destination, int destinationOffset, int length) throws InvalidBufferOffsetException {
        check(t, byteOffset, length);
        if (destinationOffset < 0 || destinationOffset > destination.length - length) {
            throw new IndexOutOfBoundsException("destination range [" + destinationOffset + ", " + ((long) destinationOffset + length)
                            + ") is outside an array of length " + destination.length);
        }
        Backend backend = TensorSupport.backend(t);
        int byteSize = t.dtype().byteSize();
        long p = byteOffset;
        long end = byteOffset + length;
        int out = destinationOffset;
        while (p < end) {
            long bits = bits(backend, t, (int) (p / byteSize));
            for (int within = (int) (p % byteSize); within < byteSize && p < end; within++, p++) {
                destination[out++] = (byte) byteOf(bits, within, byteSize);
            }
        }
    }

    private static long reverse(long bits, int width) {
        return switch (width) {
            case 8 -> Long.reverseBytes(bits);
            case 4 -> Integer.reverseBytes((int) bits) & 0xffffffffL;
            case 2 -> Short.reverseBytes((short) bits) & 0xffffL;
            default -> bits;
        };
    }

    private static long signExtend(long bits, int width) {
        return switch (width) {
            case 1 -> (byte) bits;
            case 2 -> (short) bits;
            case 4 -> (int) bits;
            default -> bits;
        };
    }
}
