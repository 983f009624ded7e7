package delta.tensor.cuda;

import delta.tensor.Shape;
import delta.tensor.TensorError;

/**
 * The {@code Lay} struct of the kernels ({@link KernelSource}) as ints: a shape with the strides of
 * up to {@link KernelSource#MAX_OPERANDS} operands, after dropping axes of size 1 and merging
 * neighbouring axes that are contiguous for every operand (so a contiguous tensor, or a
 * contiguous tensor with a broadcast scalar, is one axis). Pure Java, no JCuda.
 */
public final class Layout {
    private Layout() {
    }

    /** The struct's ints for {@code shape} and the strides of each operand (each of the shape's rank). */
    public static int[] of(Shape shape, int[]... strides) {
        if (strides.length > KernelSource.MAX_OPERANDS) {
            throw new IllegalArgumentException("at most " + KernelSource.MAX_OPERANDS + " operands");
        }
        int rank = shape.rank();
        int[] dims = new int[rank];
        int[][] st = new int[strides.length][rank];
        int n = 0;
        for (int d = 0; d < rank; d++) {
            int size = shape.dim(d);
            if (size == 1) {
                continue;
            }
            boolean merge = n > 0;
            for (int k = 0; k < strides.length && merge; k++) {
                merge = st[k][n - 1] == (long) strides[k][d] * size;
            }
            if (merge) {
                dims[n - 1] *= size;
                for (int k = 0; k < strides.length; k++) {
                    st[k][n - 1] = strides[k][d];
                }
            } else {
                dims[n] = size;
                for (int k = 0; k < strides.length; k++) {
                    st[k][n] = strides[k][d];
                }
                n++;
            }
        }
        if (n > KernelSource.MAX_RANK) {
            throw new TensorError("cuda", "a view of shape " + shape + " has " + n
                    + " axes that cannot be merged; the CUDA kernels take at most " + KernelSource.MAX_RANK);
        }
        int[] out = new int[KernelSource.LAYOUT_INTS];
        out[0] = n;
        for (int d = 0; d < n; d++) {
            out[1 + d] = dims[d];
            for (int k = 0; k < strides.length; k++) {
                out[1 + KernelSource.MAX_RANK + k * KernelSource.MAX_RANK + d] = st[k][d];
            }
        }
        return out;
    }

    /** The storage position of element {@code i} (row-major over the struct's shape) for operand {@code k}: what {@code dl_pos} computes. */
    public static long position(int[] lay, long i, int k) {
        long p = 0;
        for (int d = lay[0] - 1; d >= 0; d--) {
            int dim = lay[1 + d];
            long q = i / dim;
            p += (i - q * dim) * (long) lay[1 + KernelSource.MAX_RANK + k * KernelSource.MAX_RANK + d];
            i = q;
        }
        return p;
    }
}
