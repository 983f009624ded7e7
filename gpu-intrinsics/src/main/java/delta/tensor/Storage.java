package delta.tensor;

/**
 * A flat buffer of elements owned by one device. Tensors are views over a storage; several
 * tensors may share one. Backends create storages; their contents are reachable only through
 * the backend (the CPU storage class is not exported).
 */
public interface Storage {
    Device device();

    DType dtype();

    /** Number of elements. */
    int length();
}
