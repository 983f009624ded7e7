package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;

/**
 * Integer indexing: gather / scatter_add (PyTorch semantics, indices must be in range) and
 * index_select / index_add (NumPy take semantics, negative indices count from the end), plus
 * one_hot. Indices may be any dtype holding whole numbers; anything else is an error naming
 * the offending value.
 */
public final class Indexing {
    private Indexing() {
    }

    /** Reads index {@code pos} of {@code s}, checked against {@code [0, n)} (or {@code [-n, n)} with {@code wrap}). */
    private static int index(String op, CpuStorage s, int pos, int n, int axis, boolean wrap) {
        double v = s.get(pos);
        long i = s.getLong(pos);
        if (s.dtype().isFloating() && v != i) {
            throw new TensorError(op, "index " + v + " is not a whole number");
        }
        if (wrap && i < 0) {
            i += n;
        }
        if (i < 0 || i >= n) {
            throw new TensorError(op, "index " + s.getLong(pos) + " is out of bounds for axis " + axis + " with size " + n);
        }
        return (int) i;
    }

    /** The logical (row-major) positions of {@code t}'s elements in its storage. */
    private static int[] positions(Tensor t) {
        int[] pos = new int[t.size()];
        Loop loop = Loop.of(t.shape(), new int[][] {t.shape().strides(), t.strides()}, new int[] {0, t.offset()});
        loop.run(0, t.size(), Integer.MAX_VALUE, (base, len) -> {
            for (int i = 0; i < len; i++) {
                pos[base[0] + i] = base[1] + i * loop.inner[1];
            }
        });
        return pos;
    }

    private static void checkGatherShapes(String op, Shape x, Tensor indices, int ax, String what) {
        Shape is = indices.shape();
        if (is.rank() != x.rank()) {
            throw new TensorError(op, "indices shape " + is + " must have the rank of " + what + " shape " + x);
        }
        for (int d = 0; d < x.rank(); d++) {
            if (d != ax && is.dim(d) > x.dim(d)) {
                throw new TensorError(op, "indices shape " + is + " is larger than " + what + " shape " + x + " at axis "
                        + d);
            }
        }
    }

    /** The axis of gather, after checking the indices' shape against the input's (shared with the CUDA backend). */
    public static int gatherAxis(Shape x, int axis, Tensor indices) {
        int ax = x.axis("gather", axis);
        checkGatherShapes("gather", x, indices, ax, "input");
        return ax;
    }

    /** The axis of scatter_add, after checking the shapes of the indices and the source against the output's. */
    public static int scatterAxis(Shape shape, int axis, Tensor indices, Tensor src) {
        int ax = shape.axis("scatter_add", axis);
        checkGatherShapes("scatter_add", shape, indices, ax, "output");
        if (!src.shape().equals(indices.shape())) {
            throw new TensorError("scatter_add", "source shape " + src.shape() + " must equal indices shape "
                    + indices.shape());
        }
        return ax;
    }

    /** The axis of index_add, after checking that the source has the shape index_select would give. */
    public static int indexAddAxis(Shape shape, int axis, Tensor indices, Tensor src) {
        int ax = shape.axis("index_add", axis);
        Shape expected = shape.sub(0, ax).concat(indices.shape()).concat(shape.sub(ax + 1, shape.rank()));
        if (!src.shape().equals(expected)) {
            throw new TensorError("index_add", "source shape " + src.shape() + " does not match " + expected
                    + " (output shape " + shape + ", indices shape " + indices.shape() + ", axis " + axis + ")");
        }
        return ax;
    }

    /** one_hot's shape: the indices' with numClasses appended (which must not be negative). */
    public static Shape oneHotShape(Tensor indices, int numClasses) {
        if (numClasses < 0) {
            throw new TensorError("one_hot", "number of classes must be non-negative, got " + numClasses);
        }
        return indices.shape().concat(Shape.of(numClasses));
    }

    public static Tensor gather(Tensor x, int axis, Tensor indices) {
        CpuStorage xs = CpuStorage.of("gather", x), is = CpuStorage.of("gather", indices);
        int ax = gatherAxis(x.shape(), axis, indices);
        Shape shape = indices.shape();
        int[] xStrides = x.strides();
        int step = xStrides[ax];
        xStrides[ax] = 0;
        CpuStorage ys = CpuStorage.allocate(x.dtype(), shape.size());
        int n = x.shape().dim(ax);
        Loop loop = Loop.of(shape, new int[][] {shape.strides(), indices.strides(), xStrides},
                new int[] {0, indices.offset(), x.offset()});
        loop.run(0, shape.size(), Integer.MAX_VALUE, (base, len) -> {
            for (int i = 0; i < len; i++) {
                int j = index("gather", is, base[1] + i * loop.inner[1], n, ax, false);
                Rows.copy(xs, base[2] + i * loop.inner[2] + j * step, 1, ys, base[0] + i, 1, 1);
            }
        });
        return Tensor.contiguous(ys, shape);
    }

    public static Tensor scatterAdd(Shape shape, int axis, Tensor indices, Tensor src) {
        CpuStorage is = CpuStorage.of("scatter_add", indices), ss = CpuStorage.of("scatter_add", src);
        int ax = scatterAxis(shape, axis, indices, src);
        DType dtype = DType.floating(src.dtype());
        CpuStorage ys = CpuStorage.allocate(dtype, shape.size());
        int[] yStrides = shape.strides();
        int step = yStrides[ax];
        yStrides[ax] = 0;
        int n = shape.dim(ax);
        Shape is2 = indices.shape();
        Loop loop = Loop.of(is2, new int[][] {yStrides, indices.strides(), src.strides()},
                new int[] {0, indices.offset(), src.offset()});
        loop.run(0, is2.size(), Integer.MAX_VALUE, (base, len) -> {
            for (int i = 0; i < len; i++) {
                int j = index("scatter_add", is, base[1] + i * loop.inner[1], n, ax, false);
                int at = base[0] + i * loop.inner[0] + j * step;
                ys.set(at, ys.get(at) + ss.get(base[2] + i * loop.inner[2]));
            }
        });
        return Tensor.contiguous(ys, shape);
    }

    public static Tensor indexSelect(Tensor x, int axis, Tensor indices) {
        CpuStorage.of("index_select", x);
        CpuStorage is = CpuStorage.of("index_select", indices);
        Shape xs = x.shape();
        int ax = xs.axis("index_select", axis);
        int n = xs.dim(ax);
        int[] pos = positions(indices);
        int[] idx = new int[pos.length];
        for (int i = 0; i < pos.length; i++) {
            idx[i] = index("index_select", is, pos[i], n, ax, true);
        }
        Shape out = xs.sub(0, ax).concat(indices.shape()).concat(xs.sub(ax + 1, xs.rank()));
        int pre = xs.sub(0, ax).size(), post = xs.sub(ax + 1, xs.rank()).size();
        Tensor src = Elementwise.contiguousView(x).view(Shape.of(pre, n, post));
        CpuStorage ss = (CpuStorage) src.storage();
        CpuStorage ys = CpuStorage.allocate(x.dtype(), out.size());
        for (int p = 0; p < pre; p++) {
            for (int i = 0; i < idx.length; i++) {
                Rows.copy(ss, src.offset() + (p * n + idx[i]) * post, 1, ys, (p * idx.length + i) * post, 1, post);
            }
        }
        return Tensor.contiguous(ys, out);
    }

    public static Tensor indexAdd(Shape shape, int axis, Tensor indices, Tensor src) {
        CpuStorage is = CpuStorage.of("index_add", indices);
        CpuStorage.of("index_add", src);
        int ax = indexAddAxis(shape, axis, indices, src);
        int n = shape.dim(ax);
        int[] pos = positions(indices);
        int[] idx = new int[pos.length];
        for (int i = 0; i < pos.length; i++) {
            idx[i] = index("index_add", is, pos[i], n, ax, true);
        }
        DType dtype = DType.floating(src.dtype());
        int pre = shape.sub(0, ax).size(), post = shape.sub(ax + 1, shape.rank()).size();
        double[] acc = new double[shape.size()];
        Tensor s = Elementwise.convert("index_add", src, DType.F64);
        double[] sa = ((CpuStorage) s.storage()).f64();
        for (int p = 0; p < pre; p++) {
            for (int i = 0; i < idx.length; i++) {
                int dst = (p * n + idx[i]) * post, from = (p * idx.length + i) * post;
                for (int q = 0; q < post; q++) {
                    acc[dst + q] += sa[from + q];
                }
            }
        }
        return Reductions.fromDoubles(acc, shape, dtype);
    }

    public static Tensor oneHot(Tensor indices, int numClasses, DType dtype) {
        CpuStorage is = CpuStorage.of("one_hot", indices);
        Shape out = oneHotShape(indices, numClasses);
        CpuStorage ys = CpuStorage.allocate(dtype, out.size());
        int[] pos = positions(indices);
        for (int i = 0; i < pos.length; i++) {
            double v = is.get(pos[i]);
            long c = is.getLong(pos[i]);
            if (v != c || c < 0 || c >= numClasses) {
                throw new TensorError("one_hot", "index " + (v == c ? String.valueOf(c) : String.valueOf(v))
                        + " is not a class in [0, " + numClasses + ")");
            }
            ys.set(i * numClasses + (int) c, 1);
        }
        return Tensor.contiguous(ys, out);
    }
}
