/**
 * Tensor storage and kernels behind one backend interface ({@link delta.tensor.Backend}).
 * Plain Java: no Truffle.
 *
 * <p>The JDK Vector API is an optional dependency ({@code requires static}): when the JVM is
 * started with {@code --add-modules jdk.incubator.vector} the matrix-product kernels use it,
 * otherwise a plain-Java kernel (auto-vectorized by C2) runs and the incubator warning is never
 * printed. {@code delta.tensor.cpu} holds the CPU kernels and is not exported: callers see
 * tensors only through the backend interface.
 *
 * <p>JCuda (automatic modules {@code jcuda} and {@code jcublas}) is optional too: the CUDA
 * backend ({@code delta.tensor.cuda}, reached through {@link delta.tensor.Backends}) links it only
 * after a probe has found it, its native libraries, a driver and a device. Without them
 * everything runs on the CPU and no CUDA library is loaded.
 */
module delta.tensor {
    requires static jdk.incubator.vector;
    requires static jcuda;
    requires static jcublas;

    exports delta.tensor;
    exports delta.tensor.cuda;
}
