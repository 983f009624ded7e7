/**
 * Tensor storage and kernels behind one backend interface ({@link delta.tensor.Backend}).
 * Plain Java: no Truffle.
 *
 * <p>The JDK Vector API is an optional dependency ({@code requires static}): when the JVM is
 * started with {@code --add-modules jdk.incubator.vector} the matrix-product kernels use it,
 * otherwise a plain-Java kernel (auto-vectorized by C2) runs and the incubator warning is never
 * printed. {@code delta.tensor.cpu} holds the CPU kernels and is not exported: callers see
 * tensors only through the backend interface.
 */
module delta.tensor {
    requires static jdk.incubator.vector;

    exports delta.tensor;
}
