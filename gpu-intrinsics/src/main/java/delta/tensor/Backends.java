package delta.tensor;

import delta.tensor.cuda.Cuda;

/**
 * The backend of each device: {@link CpuBackend#INSTANCE} for {@code cpu}, the CUDA backend for
 * {@code cuda:N} when a CUDA driver, a device and JCuda are there. Asking about CUDA probes once
 * (see {@link Cuda}); nothing here loads a CUDA library until a CUDA device is asked for.
 */
public final class Backends {
    private Backends() {
    }

    /** The backend that owns tensors on {@code device}; a {@link TensorError} saying why when there is none. */
    public static Backend forDevice(Device device) {
        if (device.kind() == Device.Kind.CPU) {
            return CpuBackend.INSTANCE;
        }
        return Cuda.backend(device.index());
    }

    /** The backend that owns {@code t}'s storage. */
    public static Backend of(Tensor t) {
        return forDevice(t.device());
    }

    /** Whether {@code cuda:0} can be used (probes CUDA on the first call). */
    public static boolean cudaAvailable() {
        return Cuda.status().available();
    }

    /** Why CUDA cannot be used, or null when it can. */
    public static String cudaUnavailableReason() {
        Cuda.Status s = Cuda.status();
        return s.available() ? null : s.reason();
    }

    /**
     * {@code t} on {@code device}: {@code t} itself when it is there already, otherwise a copy
     * (through the host) with the same shape and dtype.
     */
    public static Tensor transfer(Tensor t, Device device) {
        if (t.device().equals(device)) {
            return t;
        }
        Backend from = of(t), to = forDevice(device);
        Shape s = t.shape();
        return switch (t.dtype()) {
            case F32 -> to.fromArray(from.toFloatArray(t), s);
            case F64 -> to.fromArray(from.toDoubleArray(t), s, DType.F64);
            case I64 -> to.fromArray(from.toLongArray(t), s);
            case BOOL -> {
                long[] v = from.toLongArray(t);
                boolean[] b = new boolean[v.length];
                for (int i = 0; i < v.length; i++) {
                    b[i] = v[i] != 0;
                }
                yield to.fromArray(b, s);
            }
        };
    }
}
