package delta.tensor.cuda;

import static delta.tensor.cuda.CudaBackend.fence;
import static delta.tensor.cuda.CudaBackend.p;

import delta.tensor.AxisLines;
import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;

/**
 * The CUDA backend's cumsum, prod (and prod's gradient) and argsort, on the device
 * ({@link ScanKernels}); the CPU computes the same with Backend's host-side defaults. Inputs are
 * made contiguous first, so that a line along the axis is {@code n} steps of {@code post}.
 */
final class CudaScans {
    private final CudaBackend gpu;

    CudaScans(CudaBackend gpu) {
        this.gpu = gpu;
    }

    Tensor cumsum(Tensor x, int axis, boolean reverse) {
        gpu.storage("cumsum", x);
        Shape shape = x.shape();
        int ax = shape.axis("cumsum", axis);
        DType dtype = DType.floating(x.dtype());
        Tensor xc = gpu.contiguousAs("cumsum", x, dtype);
        Tensor y = gpu.alloc(shape, dtype);
        AxisLines a = AxisLines.of(shape, ax);
        long lines = (long) a.pre() * a.post();
        gpu.rt.launchElements(ScanKernels.cumsum(dtype), lines, gpu.ptr("cumsum", y), gpu.ptr("cumsum", xc), p(lines),
                p((long) a.n()), p((long) a.post()), CudaBackend.pi(reverse ? 1 : 0));
        fence(xc);
        return y;
    }

    Tensor product(Tensor x, Integer axis, boolean keepdims, boolean others) {
        gpu.storage("prod", x);
        DType dtype = DType.floating(x.dtype());
        Tensor xc = gpu.contiguousAs("prod", x, dtype);
        Tensor flat = axis == null ? xc.view(Shape.of(x.size())) : xc;
        Shape shape = flat.shape();
        int ax = axis == null ? 0 : shape.axis("prod", axis);
        AxisLines a = AxisLines.of(shape, ax);
        long lines = (long) a.pre() * a.post();
        Shape result = others ? x.shape() : x.shape().reduced(axis == null ? null : ax, keepdims);
        Tensor y = gpu.alloc(result, dtype);
        gpu.rt.launchElements(others ? ScanKernels.productOthers(dtype) : ScanKernels.product(dtype), lines, gpu.ptr("prod", y),
                gpu.ptr("prod", flat), p(lines), p((long) a.n()), p((long) a.post()));
        fence(flat);
        return y;
    }

    Tensor argsort(Tensor x, int axis) {
        gpu.storage("argsort", x);
        Shape shape = x.shape();
        int ax = shape.axis("argsort", axis);
        DType dtype = DType.floating(x.dtype());
        Tensor xc = gpu.contiguousAs("argsort", x, dtype);
        Tensor out = gpu.alloc(shape, DType.I64);
        AxisLines a = AxisLines.of(shape, ax);
        long n = a.n(), post = a.post(), lines = (long) a.pre() * post;
        if (lines == 0 || n == 0) {
            return out;
        }
        long width = Long.highestOneBit(n) == n ? n : Long.highestOneBit(n) << 1;
        long total = lines * width;
        Tensor keys = gpu.alloc(Shape.of(Math.toIntExact(total)), DType.F64), pos = gpu.alloc(Shape.of(Math.toIntExact(total)), DType.I64);
        gpu.rt.launchElements(ScanKernels.sortInit(dtype), total, gpu.ptr("argsort", keys), gpu.ptr("argsort", pos), gpu.ptr("argsort", xc),
                p(total), p(width), p(n), p(post));
        for (long k = 2; k <= width; k <<= 1) {
            for (long j = k >> 1; j > 0; j >>= 1) {
                gpu.rt.launchElements(ScanKernels.sortStep(), total, gpu.ptr("argsort", keys), gpu.ptr("argsort", pos), p(total), p(width),
                        p(n), p(k), p(j));
            }
        }
        gpu.rt.launchElements(ScanKernels.sortFinish(), lines * n, gpu.ptr("argsort", out), gpu.ptr("argsort", pos), p(lines * n), p(width),
                p(n), p(post));
        fence(xc, keys, pos);
        return out;
    }
}
