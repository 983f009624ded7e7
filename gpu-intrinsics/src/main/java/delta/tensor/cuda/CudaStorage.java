package delta.tensor.cuda;

import delta.tensor.DType;
import delta.tensor.Device;
import delta.tensor.Storage;
import delta.tensor.Tensor;
import delta.tensor.TensorError;
import java.lang.ref.Cleaner;
import jcuda.driver.CUdeviceptr;

/**
 * Device memory holding {@code length} elements of one dtype (F32 float, F64 double, I64
 * long long, BOOL one byte 0/1). When the storage becomes unreachable a {@link Cleaner}
 * returns its block to the device's pool.
 */
final class CudaStorage implements Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final CudaRuntime runtime;
    private final DType dtype;
    private final int length;
    private final DevicePool.Block block;
    /** {min, max, count of non-whole values} of every element, once indices were read from here (CudaIndexing). */
    private volatile double[] indexBounds;

    private CudaStorage(CudaRuntime runtime, DType dtype, int length) {
        this.runtime = runtime;
        this.dtype = dtype;
        this.length = length;
        this.block = runtime.pool.allocate((long) length * dtype.byteSize(), dtype, length);
        DevicePool pool = runtime.pool;
        DevicePool.Block b = block;
        CLEANER.register(this, () -> pool.release(b));
    }

    static CudaStorage allocate(CudaRuntime runtime, DType dtype, int length) {
        return new CudaStorage(runtime, dtype, length);
    }

    /** The storage of a tensor on {@code runtime}'s device; {@code op} names the operation in the error otherwise. */
    static CudaStorage of(String op, Tensor t, CudaRuntime runtime) {
        if (t.storage() instanceof CudaStorage s && s.runtime == runtime) {
            return s;
        }
        throw new TensorError(op, "expected a tensor on " + runtime.device + ", got one on " + t.device());
    }

    @Override
    public Device device() {
        return runtime.device;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int length() {
        return length;
    }

    double[] indexBounds() {
        return indexBounds;
    }

    void rememberIndexBounds(double[] bounds) {
        indexBounds = bounds;
    }

    /** Called when the storage is written after it was made (writeInto builds a result in place). */
    void forgetIndexBounds() {
        indexBounds = null;
    }

    CUdeviceptr ptr() {
        return block.ptr;
    }

    /** The address of element {@code offset}. */
    CUdeviceptr at(long offset) {
        return offset == 0 ? block.ptr : block.ptr.withByteOffset(offset * dtype.byteSize());
    }
}
