package delta.tensor.cuda;

import static delta.tensor.cuda.CudaBackend.fence;
import static delta.tensor.cuda.CudaBackend.p;

import delta.tensor.AxisLines;
import delta.tensor.CpuBackend;
import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.cpu.Indexing;
import delta.tensor.cpu.Pool2d;
import jcuda.Pointer;

/**
 * The CUDA backend's integer indexing (gather, scatter_add, index_select, index_add, one_hot) and
 * max pooling, on the device ({@link IndexKernels}). Before a kernel reads indices, the whole
 * storage they live in is checked once (every value a whole number within the axis, negative ones
 * too where they count from the end; {@link CudaStorage#indexBounds}); indices that fail it go
 * through the host, where the CPU backend reports the offending value in its own words (or, for
 * a view that holds none of the bad values, computes the result). A storage is checked once and
 * remembered, so the labels of a dataset cost one read back however many batches index by them.
 */
final class CudaIndexing {
    private final CudaBackend gpu;

    CudaIndexing(CudaBackend gpu) {
        this.gpu = gpu;
    }

    /** Whether every value in {@code indices}' storage is a whole number in [0, n), or [-n, n) with {@code wrap}. */
    private boolean trusted(String op, Tensor indices, int n, boolean wrap) {
        if (indices.size() == 0) {
            return true;
        }
        double[] b = boundsOf(gpu.storage(op, indices));
        return b[2] == 0 && b[1] < n && b[0] >= (wrap ? -n : 0);
    }

    private double[] boundsOf(CudaStorage s) {
        double[] b = s.indexBounds();
        if (b != null) {
            return b;
        }
        Tensor out = gpu.alloc(Shape.of(3), DType.F64);
        gpu.rt.launchRows(IndexKernels.bounds(s.dtype()), 1, Pointer.to(s.ptr()), p((long) s.length()), gpu.ptr("index", out));
        b = CpuBackend.INSTANCE.toDoubleArray(gpu.download("index", out));
        s.rememberIndexBounds(b);
        return b;
    }

    Tensor gather(Tensor x, int axis, Tensor indices) {
        gpu.storage("gather", x);
        int ax = Indexing.gatherAxis(x.shape(), axis, indices);
        int n = x.shape().dim(ax);
        if (!trusted("gather", indices, n, false)) {
            return gpu.viaHost("gather", h -> CpuBackend.INSTANCE.gather(h.get(0), axis, h.get(1)), x, indices);
        }
        Shape shape = indices.shape();
        int[] xStrides = x.strides();
        long step = xStrides[ax];
        xStrides[ax] = 0;
        Tensor y = gpu.alloc(shape, x.dtype());
        int[] lay = Layout.of(shape, indices.strides(), xStrides);
        gpu.rt.launchElements(IndexKernels.gather(x.dtype(), indices.dtype()), shape.size(), gpu.ptr("gather", y), gpu.ptr("gather", x),
                gpu.ptr("gather", indices), p(lay), p((long) shape.size()), p((long) n), p(step));
        fence(x, indices);
        return y;
    }

    Tensor scatterAdd(Shape shape, int axis, Tensor indices, Tensor src) {
        gpu.storage("scatter_add", src);
        int ax = Indexing.scatterAxis(shape, axis, indices, src);
        int n = shape.dim(ax);
        if (!trusted("scatter_add", indices, n, false)) {
            return gpu.viaHost("scatter_add", h -> CpuBackend.INSTANCE.scatterAdd(shape, axis, h.get(0), h.get(1)), indices, src);
        }
        Tensor y = gpu.zeros(shape, DType.floating(src.dtype()));
        int[] yStrides = shape.strides();
        long step = yStrides[ax];
        yStrides[ax] = 0;
        int[] lay = Layout.of(indices.shape(), yStrides, indices.strides(), src.strides());
        gpu.rt.launchElements(IndexKernels.scatterAdd(src.dtype(), indices.dtype()), indices.size(), gpu.ptr("scatter_add", y),
                gpu.ptr("scatter_add", indices), gpu.ptr("scatter_add", src), p(lay), p((long) indices.size()), p((long) n), p(step));
        fence(indices, src);
        return y;
    }

    Tensor indexSelect(Tensor x, int axis, Tensor indices) {
        gpu.storage("index_select", x);
        Shape xs = x.shape();
        int ax = xs.axis("index_select", axis);
        int n = xs.dim(ax);
        if (!trusted("index_select", indices, n, true)) {
            return gpu.viaHost("index_select", h -> CpuBackend.INSTANCE.indexSelect(h.get(0), axis, h.get(1)), x, indices);
        }
        Shape out = xs.sub(0, ax).concat(indices.shape()).concat(xs.sub(ax + 1, xs.rank()));
        long post = AxisLines.of(xs, ax).post();
        Tensor xc = gpu.contiguousAs("index_select", x, x.dtype());
        Tensor y = gpu.alloc(out, x.dtype());
        int[] lay = Layout.of(indices.shape(), indices.strides());
        gpu.rt.launchElements(IndexKernels.indexSelect(x.dtype(), indices.dtype()), out.size(), gpu.ptr("index_select", y),
                gpu.ptr("index_select", xc), gpu.ptr("index_select", indices), p(lay), p((long) out.size()), p((long) n),
                p((long) indices.size()), p(post));
        fence(xc, indices);
        return y;
    }

    Tensor indexAdd(Shape shape, int axis, Tensor indices, Tensor src) {
        gpu.storage("index_add", src);
        int ax = Indexing.indexAddAxis(shape, axis, indices, src);
        int n = shape.dim(ax);
        if (!trusted("index_add", indices, n, true)) {
            return gpu.viaHost("index_add", h -> CpuBackend.INSTANCE.indexAdd(shape, axis, h.get(0), h.get(1)), indices, src);
        }
        long post = AxisLines.of(shape, ax).post();
        Tensor sc = gpu.contiguousAs("index_add", src, src.dtype());
        Tensor y = gpu.zeros(shape, DType.floating(src.dtype()));
        int[] lay = Layout.of(indices.shape(), indices.strides());
        gpu.rt.launchElements(IndexKernels.indexAdd(src.dtype(), indices.dtype()), src.size(), gpu.ptr("index_add", y),
                gpu.ptr("index_add", indices), gpu.ptr("index_add", sc), p(lay), p((long) src.size()), p((long) n),
                p((long) indices.size()), p(post));
        fence(indices, sc);
        return y;
    }

    Tensor oneHot(Tensor indices, int numClasses, DType dtype) {
        Shape out = Indexing.oneHotShape(indices, numClasses);
        if (!trusted("one_hot", indices, numClasses, false)) {
            return gpu.viaHost("one_hot", h -> CpuBackend.INSTANCE.oneHot(h.get(0), numClasses, dtype), indices);
        }
        Tensor y = gpu.zeros(out, dtype);
        int[] lay = Layout.of(indices.shape(), indices.strides());
        gpu.rt.launchElements(IndexKernels.oneHot(indices.dtype(), dtype), indices.size(), gpu.ptr("one_hot", y),
                gpu.ptr("one_hot", indices), p(lay), p((long) indices.size()), p((long) numClasses));
        fence(indices);
        return y;
    }

    private static Pointer[] poolSizes(Pool2d.Geometry g, long outputs) {
        return new Pointer[] {CudaBackend.pi(g.h()), CudaBackend.pi(g.w()), CudaBackend.pi(g.kh()), CudaBackend.pi(g.kw()),
            CudaBackend.pi(g.sh()), CudaBackend.pi(g.sw()), CudaBackend.pi(g.ph()), CudaBackend.pi(g.pw()), CudaBackend.pi(g.oh()),
            CudaBackend.pi(g.ow()), p(outputs)};
    }

    private static Pointer[] params(Pointer[] first, Pointer[] rest) {
        Pointer[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    Tensor maxPool2d(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw) {
        gpu.storage("max_pool2d", x);
        Pool2d.Geometry g = Pool2d.geometry("max_pool2d", x.shape(), kh, kw, sh, sw, ph, pw);
        DType dtype = DType.floating(x.dtype());
        Tensor xc = gpu.contiguousAs("max_pool2d", x, dtype);
        Shape s = x.shape();
        Tensor y = gpu.alloc(Shape.of(s.dim(0), s.dim(1), g.oh(), g.ow()), dtype);
        long outputs = y.size();
        gpu.rt.launchElements(IndexKernels.maxPool2d(dtype), outputs,
                params(new Pointer[] {gpu.ptr("max_pool2d", y), gpu.ptr("max_pool2d", xc)}, poolSizes(g, outputs)));
        fence(xc);
        return y;
    }

    Tensor maxPool2dGrad(Tensor x, Tensor gy, int kh, int kw, int sh, int sw, int ph, int pw) {
        gpu.storage("max_pool2d_grad", x);
        gpu.storage("max_pool2d_grad", gy);
        Pool2d.Geometry g = Pool2d.geometry("max_pool2d_grad", x.shape(), kh, kw, sh, sw, ph, pw);
        Pool2d.checkGradient(x.shape(), g, gy.shape());
        DType dtype = DType.promote(x.dtype(), gy.dtype());
        DType xt = DType.floating(x.dtype());
        Tensor xc = gpu.contiguousAs("max_pool2d_grad", x, xt), gc = gpu.contiguousAs("max_pool2d_grad", gy, dtype);
        Tensor gx = gpu.zeros(x.shape(), dtype);
        long outputs = gc.size();
        gpu.rt.launchElements(IndexKernels.maxPool2dGrad(xt, dtype), outputs,
                params(new Pointer[] {gpu.ptr("max_pool2d_grad", gx), gpu.ptr("max_pool2d_grad", xc), gpu.ptr("max_pool2d_grad", gc)},
                        poolSizes(g, outputs)));
        fence(xc, gc);
        return gx;
    }
}
