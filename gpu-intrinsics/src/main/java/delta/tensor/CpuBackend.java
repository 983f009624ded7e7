package delta.tensor;

import delta.tensor.cpu.AddInto;
import delta.tensor.cpu.ArgReduce;
import delta.tensor.cpu.Conv2d;
import delta.tensor.cpu.CpuStorage;
import delta.tensor.cpu.Elementwise;
import delta.tensor.cpu.FusedKernel;
import delta.tensor.cpu.Gemm;
import delta.tensor.cpu.Indexing;
import delta.tensor.cpu.Joining;
import delta.tensor.cpu.Matmul;
import delta.tensor.cpu.Pool2d;
import delta.tensor.cpu.Reductions;
import delta.tensor.cpu.Softmax;
import java.util.List;

/**
 * The CPU backend: Java arrays, kernels in {@code delta.tensor.cpu}, both cores for large
 * operations. Stateless; use {@link #INSTANCE}. The matrix products use the JDK Vector API
 * when the JVM runs with {@code --add-modules jdk.incubator.vector} ({@link #kernels()} says
 * which kernels are active).
 */
public final class CpuBackend implements Backend {
    public static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {
    }

    /** Which matrix kernels and how many threads are in use, e.g. for a benchmark header. */
    public static String kernels() {
        return Gemm.describe();
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    // ---- creation and copies ----

    @Override
    public Tensor zeros(Shape shape, DType dtype) {
        return Tensor.contiguous(CpuStorage.allocate(dtype, shape.size()), shape);
    }

    @Override
    public Tensor full(Shape shape, DType dtype, double value) {
        CpuStorage s = CpuStorage.uninitialized(dtype, shape.size()); // the fill writes every element
        switch (dtype) {
            case F32 -> java.util.Arrays.fill(s.f32(), (float) value);
            case F64 -> java.util.Arrays.fill(s.f64(), value);
            case I64 -> java.util.Arrays.fill(s.i64(), (long) value);
            case BOOL -> java.util.Arrays.fill(s.bool(), (byte) (value != 0 ? 1 : 0));
        }
        return Tensor.contiguous(s, shape);
    }

    @Override
    public Tensor arange(double start, double stop, double step, DType dtype) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new TensorError("arange", "needs finite bounds and a non-zero step, got start " + start + ", stop "
                    + stop + ", step " + step);
        }
        double count = Math.ceil((stop - start) / step);
        if (count > Integer.MAX_VALUE) {
            throw new TensorError("arange", "would have " + (long) count + " elements");
        }
        int n = (int) Math.max(0, count);
        CpuStorage s = CpuStorage.allocate(dtype, n);
        for (int i = 0; i < n; i++) {
            s.set(i, start + i * step);
        }
        return Tensor.contiguous(s, Shape.of(n));
    }

    private static void checkLength(int length, Shape shape) {
        if (length != shape.size()) {
            throw new TensorError("from_array", length + " values do not fill shape " + shape + " (" + shape.size()
                    + " elements)");
        }
    }

    @Override
    public Tensor fromArray(double[] data, Shape shape, DType dtype) {
        checkLength(data.length, shape);
        if (dtype == DType.F64) {
            return Tensor.contiguous(CpuStorage.of(data.clone()), shape);
        }
        CpuStorage s = CpuStorage.allocate(dtype, data.length);
        for (int i = 0; i < data.length; i++) {
            s.set(i, data[i]);
        }
        return Tensor.contiguous(s, shape);
    }

    @Override
    public Tensor fromArray(float[] data, Shape shape) {
        checkLength(data.length, shape);
        return Tensor.contiguous(CpuStorage.of(data.clone()), shape);
    }

    @Override
    public Tensor fromArray(long[] data, Shape shape) {
        checkLength(data.length, shape);
        return Tensor.contiguous(CpuStorage.of(data.clone()), shape);
    }

    @Override
    public Tensor fromArray(boolean[] data, Shape shape) {
        checkLength(data.length, shape);
        byte[] b = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            b[i] = (byte) (data[i] ? 1 : 0);
        }
        return Tensor.contiguous(CpuStorage.ofBool(b), shape);
    }

    /** The row-major elements of {@code t} in a fresh storage of {@code dtype}. */
    private static CpuStorage dense(Tensor t, DType dtype) {
        CpuStorage s = CpuStorage.of("to_array", t);
        if (t.dtype() == dtype && t.isContiguous() && t.offset() == 0 && s.length() == t.size()) {
            return s;
        }
        return (CpuStorage) Elementwise.convert("to_array", t, dtype).storage();
    }

    @Override
    public double[] toDoubleArray(Tensor t) {
        return dense(t, DType.F64).f64().clone();
    }

    @Override
    public float[] toFloatArray(Tensor t) {
        return dense(t, DType.F32).f32().clone();
    }

    @Override
    public long[] toLongArray(Tensor t) {
        return dense(t, DType.I64).i64().clone();
    }

    @Override
    public double getDouble(Tensor t, int... index) {
        return CpuStorage.of("index", t).get(t.offsetOf(index));
    }

    @Override
    public double getFlat(Tensor t, int flatIndex) {
        CpuStorage s = CpuStorage.of("index", t);
        if (flatIndex < 0 || flatIndex >= t.size()) {
            throw new TensorError("index", "flat index " + flatIndex + " is out of bounds for shape " + t.shape() + " ("
                    + t.size() + " elements)");
        }
        int p = t.offset();
        for (int d = t.rank() - 1; d >= 0; d--) {
            int n = t.shape().dim(d);
            p += flatIndex % n * t.stride(d);
            flatIndex /= n;
        }
        return s.get(p);
    }

    // ---- layout ----

    @Override
    public Tensor contiguous(Tensor t) {
        CpuStorage.of("contiguous", t);
        return Elementwise.contiguousView(t);
    }

    @Override
    public Tensor copy(Tensor t) {
        return Elementwise.convert("copy", t, t.dtype());
    }

    @Override
    public Tensor astype(Tensor t, DType dtype) {
        CpuStorage.of("astype", t);
        return t.dtype() == dtype ? t : Elementwise.convert("astype", t, dtype);
    }

    // ---- element-wise ----

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        return Elementwise.unary(op, x);
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x, Tensor scratch) {
        return Elementwise.unary(op, x, scratch);
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        return Elementwise.binary(op, a, b);
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b, Tensor scratch) {
        return Elementwise.binary(op, a, b, scratch);
    }

    /** How many matrix products (matmul calls, a batch counting once) this backend has computed (for tests). */
    public static long matrixProducts() {
        return Matmul.products();
    }

    /** How many element-wise expressions this backend has evaluated fused (for tests). */
    public static long fusedEvaluations() {
        return FusedKernel.evaluations();
    }

    /** How many of those wrote into a view of another tensor ({@link #fusedInto}), for tests. */
    public static long fusedEvaluationsIntoViews() {
        return FusedKernel.evaluationsIntoViews();
    }

    @Override
    public Tensor fused(Fused e, DType dtype) {
        return FusedKernel.evaluate(e, dtype);
    }

    @Override
    public void fusedInto(Fused e, Tensor target, boolean accumulate) {
        FusedKernel.evaluateInto(e, target, accumulate);
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Elementwise.where(cond, a, b);
    }

    @Override
    public Tensor clip(Tensor x, double lo, double hi) {
        return Elementwise.clip(x, lo, hi);
    }

    // ---- reductions ----

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepdims) {
        return Reductions.reduce(op, x, axes, keepdims);
    }

    @Override
    public Tensor argmax(Tensor x, Integer axis, boolean keepdims) {
        return ArgReduce.argExtreme("argmax", true, x, axis, keepdims);
    }

    @Override
    public Tensor argmin(Tensor x, Integer axis, boolean keepdims) {
        return ArgReduce.argExtreme("argmin", false, x, axis, keepdims);
    }

    @Override
    public Tensor sumTo(Tensor x, Shape shape) {
        return Reductions.sumTo(x, shape);
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return Softmax.softmax("softmax", x, axis, false);
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return Softmax.softmax("log_softmax", x, axis, true);
    }

    // ---- linear algebra and convolutional nets ----

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        return Matmul.matmul(a, b);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor w, int strideH, int strideW, int padH, int padW) {
        return Conv2d.forward(x, w, strideH, strideW, padH, padW);
    }

    @Override
    public Tensor conv2dInputGrad(Tensor gy, Tensor w, Shape xShape, int strideH, int strideW, int padH, int padW) {
        return Conv2d.inputGrad(gy, w, xShape, strideH, strideW, padH, padW);
    }

    @Override
    public Tensor conv2dWeightGrad(Tensor x, Tensor gy, Shape wShape, int strideH, int strideW, int padH, int padW) {
        return Conv2d.weightGrad(x, gy, wShape, strideH, strideW, padH, padW);
    }

    @Override
    public Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        return Pool2d.forward(x, kernelH, kernelW, strideH, strideW, padH, padW);
    }

    @Override
    public Tensor maxPool2dGrad(Tensor x, Tensor gy, int kernelH, int kernelW, int strideH, int strideW, int padH,
            int padW) {
        return Pool2d.backward(x, gy, kernelH, kernelW, strideH, strideW, padH, padW);
    }

    // ---- indexing and joining ----

    @Override
    public Tensor gather(Tensor x, int axis, Tensor indices) {
        return Indexing.gather(x, axis, indices);
    }

    @Override
    public Tensor scatterAdd(Shape shape, int axis, Tensor indices, Tensor src) {
        return Indexing.scatterAdd(shape, axis, indices, src);
    }

    @Override
    public Tensor indexSelect(Tensor x, int axis, Tensor indices) {
        return Indexing.indexSelect(x, axis, indices);
    }

    @Override
    public Tensor indexAdd(Shape shape, int axis, Tensor indices, Tensor src) {
        return Indexing.indexAdd(shape, axis, indices, src);
    }

    @Override
    public Tensor oneHot(Tensor indices, int numClasses, DType dtype) {
        return Indexing.oneHot(indices, numClasses, dtype);
    }

    @Override
    public Tensor concat(List<Tensor> tensors, int axis) {
        return Joining.concat(tensors, axis);
    }

    // ---- building a result in place ----

    @Override
    public void writeInto(Tensor dst, Tensor src, boolean accumulate) {
        CpuStorage.of("write_into", dst);
        CpuStorage.of("write_into", src);
        if (!dst.shape().equals(src.shape())) {
            throw new TensorError("write_into", "source shape " + src.shape() + " differs from destination shape " + dst.shape());
        }
        if (accumulate) {
            AddInto.run(src, dst);
        } else {
            Elementwise.copyInto(src, dst);
        }
    }
}
