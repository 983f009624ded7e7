package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.Device;
import delta.tensor.Storage;
import delta.tensor.Tensor;
import delta.tensor.TensorError;

/**
 * Storage in a Java array: {@code float[]} for F32, {@code double[]} for F64, {@code long[]}
 * for I64, {@code byte[]} (0/1) for BOOL. Kernels take the typed array and loop over it; the
 * generic {@link #get}/{@link #set} serve the slow paths (conversions, indices, odd dtypes).
 */
public final class CpuStorage implements Storage {
    private final DType dtype;
    private final Object data;
    private final int length;

    private CpuStorage(DType dtype, Object data, int length) {
        this.dtype = dtype;
        this.data = data;
        this.length = length;
        // Every kernel makes its result: its size stands for the kernel's work.
        delta.tensor.KernelWork.add(length);
    }

    /** A zero-filled storage of {@code n} elements. */
    public static CpuStorage allocate(DType dtype, int n) {
        return switch (dtype) {
            case F32 -> new CpuStorage(dtype, new float[n], n);
            case F64 -> new CpuStorage(dtype, new double[n], n);
            case I64 -> new CpuStorage(dtype, new long[n], n);
            case BOOL -> new CpuStorage(dtype, new byte[n], n);
        };
    }

    /**
     * Storage of {@code n} elements whose contents are arbitrary (left unzeroed when the JVM lets
     * {@link UninitializedArrays} skip it): only for a result that its kernel writes in full
     * before the tensor is returned. Anything that accumulates into its result, or may leave
     * elements untouched, must use {@link #allocate}.
     */
    public static CpuStorage uninitialized(DType dtype, int n) {
        return switch (dtype) {
            case F32 -> new CpuStorage(dtype, UninitializedArrays.f32(n), n);
            case F64 -> new CpuStorage(dtype, UninitializedArrays.f64(n), n);
            case I64 -> new CpuStorage(dtype, UninitializedArrays.i64(n), n);
            case BOOL -> new CpuStorage(dtype, UninitializedArrays.bytes(n), n);
        };
    }

    /**
     * A new storage holding elements {@code [from, from + n)} of this one. Arrays.copyOfRange, not
     * {@link #uninitialized} plus a copy: HotSpot allocates an array that an array copy fills
     * without zeroing it at any size, while an array over 1 MB that a kernel fills is always zeroed.
     */
    public CpuStorage copyOfRange(int from, int n) {
        Object copy = switch (dtype) {
            case F32 -> java.util.Arrays.copyOfRange((float[]) data, from, from + n);
            case F64 -> java.util.Arrays.copyOfRange((double[]) data, from, from + n);
            case I64 -> java.util.Arrays.copyOfRange((long[]) data, from, from + n);
            case BOOL -> java.util.Arrays.copyOfRange((byte[]) data, from, from + n);
        };
        return new CpuStorage(dtype, copy, n);
    }

    public static CpuStorage of(float[] a) {
        return new CpuStorage(DType.F32, a, a.length);
    }

    public static CpuStorage of(double[] a) {
        return new CpuStorage(DType.F64, a, a.length);
    }

    public static CpuStorage of(long[] a) {
        return new CpuStorage(DType.I64, a, a.length);
    }

    /** BOOL storage over {@code a}, whose elements must be 0 or 1. */
    public static CpuStorage ofBool(byte[] a) {
        return new CpuStorage(DType.BOOL, a, a.length);
    }

    /** The storage of a CPU tensor; {@code op} names the operation in the error for any other device. */
    public static CpuStorage of(String op, Tensor t) {
        if (t.storage() instanceof CpuStorage s) {
            return s;
        }
        throw new TensorError(op, "expected a tensor on cpu, got one on " + t.device());
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int length() {
        return length;
    }

    public Object data() {
        return data;
    }

    public float[] f32() {
        return (float[]) data;
    }

    public double[] f64() {
        return (double[]) data;
    }

    public long[] i64() {
        return (long[]) data;
    }

    public byte[] bool() {
        return (byte[]) data;
    }

    /** Element {@code i} as a double. */
    public double get(int i) {
        return switch (dtype) {
            case F32 -> ((float[]) data)[i];
            case F64 -> ((double[]) data)[i];
            case I64 -> ((long[]) data)[i];
            case BOOL -> ((byte[]) data)[i];
        };
    }

    /** Element {@code i} as a long (floats truncate toward zero). */
    public long getLong(int i) {
        return switch (dtype) {
            case F32 -> (long) ((float[]) data)[i];
            case F64 -> (long) ((double[]) data)[i];
            case I64 -> ((long[]) data)[i];
            case BOOL -> ((byte[]) data)[i];
        };
    }

    /** Stores {@code v} converted to this dtype (BOOL: nonzero is 1, NaN is 1 as in NumPy). */
    public void set(int i, double v) {
        switch (dtype) {
            case F32 -> ((float[]) data)[i] = (float) v;
            case F64 -> ((double[]) data)[i] = v;
            case I64 -> ((long[]) data)[i] = (long) v;
            case BOOL -> ((byte[]) data)[i] = (byte) (v != 0 ? 1 : 0);
        }
    }
}
