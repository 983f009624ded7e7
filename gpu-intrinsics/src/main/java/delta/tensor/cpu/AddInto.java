package delta.tensor.cpu;

import delta.tensor.BinaryOp;
import delta.tensor.Tensor;

/**
 * {@code dst += src} in place, for {@link delta.tensor.Backend#writeInto} with accumulation: the
 * adjoint of a read {@code x[key]} adds into the view {@code key} of a fresh copy of the gradient
 * so far. {@code dst} is a view (any strides, negative ones included) of a result nobody else
 * holds yet, so no other operation can observe the change; its elements are distinct, so parallel
 * chunks never touch the same element.
 */
public final class AddInto {
    private AddInto() {
    }

    /** Adds {@code src} (any view of dst's shape, any dtype) into {@code dst}, in dst's dtype. */
    public static void run(Tensor src, Tensor dst) {
        CpuStorage ss = CpuStorage.of("write_into", src), ds = CpuStorage.of("write_into", dst);
        Loop loop = Loop.of(dst.shape(), new int[][] {dst.strides(), src.strides()}, new int[] {dst.offset(), src.offset()});
        loop.runParallel(Integer.MAX_VALUE, 1,
                () -> (base, len) -> row(ss, base[1], loop.inner[1], ds, base[0], loop.inner[0], len));
    }

    /** One strided run: {@code dst[d0 + i*dstStride] += src[s0 + i*srcStride]}. */
    private static void row(CpuStorage src, int s0, int srcStride, CpuStorage dst, int d0, int dstStride, int len) {
        Object a = src.data(), b = dst.data();
        if (a instanceof double[] x && b instanceof double[] y) {
            if (srcStride == 1 && dstStride == 1) {
                // The binary kernel reads and writes y at the same index, so it may run in place.
                BinaryKernels.f64(BinaryOp.ADD, y, d0, x, s0, y, d0, len);
            } else {
                for (int i = 0; i < len; i++) {
                    y[d0 + i * dstStride] += x[s0 + i * srcStride];
                }
            }
        } else if (a instanceof float[] x && b instanceof float[] y) {
            if (srcStride == 1 && dstStride == 1) {
                BinaryKernels.f32(BinaryOp.ADD, y, d0, x, s0, y, d0, len);
            } else {
                for (int i = 0; i < len; i++) {
                    y[d0 + i * dstStride] += x[s0 + i * srcStride];
                }
            }
        } else {
            // Mixed dtypes (a gradient's adjoint of another precision): rare, so the generic accessors.
            for (int i = 0; i < len; i++) {
                int d = d0 + i * dstStride;
                dst.set(d, dst.get(d) + src.get(s0 + i * srcStride));
            }
        }
    }
}
