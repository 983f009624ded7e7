package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;

/**
 * NumPy matmul semantics on top of {@link Gemm}: 1-D operands become a row (left) or a column
 * (right) and that axis is dropped from the result; leading batch dimensions broadcast (each
 * batch element is a strided view, so broadcast or transposed operands are never copied).
 * Big products use all cores inside one product; many small ones are spread over the batch.
 */
public final class Matmul {
    private Matmul() {
    }

    public static Tensor matmul(Tensor a, Tensor b) {
        CpuStorage.of("matmul", a);
        CpuStorage.of("matmul", b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new TensorError("matmul", "both operands need at least 1 dimension, got shapes " + a.shape() + " and "
                    + b.shape());
        }
        DType dtype = DType.promote(a.dtype(), b.dtype());
        Tensor a2 = a.rank() == 1 ? a.expandDims(0) : a;
        Tensor b2 = b.rank() == 1 ? b.expandDims(1) : b;
        int m = a2.shape().dim(-2), k = a2.shape().dim(-1), kb = b2.shape().dim(-2), n = b2.shape().dim(-1);
        if (k != kb) {
            throw new TensorError("matmul", "shapes " + a.shape() + " and " + b.shape() + " do not align (" + k + " != "
                    + kb + ")");
        }
        Shape batchA = a2.shape().sub(0, a2.rank() - 2), batchB = b2.shape().sub(0, b2.rank() - 2);
        Shape batch;
        try {
            batch = Shape.broadcast("matmul", batchA, batchB);
        } catch (TensorError e) {
            throw new TensorError("matmul", "batch dimensions of shapes " + a.shape() + " and " + b.shape()
                    + " cannot be broadcast together (" + batchA + " vs " + batchB + ")");
        }
        Tensor av = a2.broadcastTo(batch.concat(Shape.of(m, k)));
        Tensor bv = b2.broadcastTo(batch.concat(Shape.of(k, n)));
        if (av.dtype() != dtype) {
            av = Elementwise.convert("matmul", av, dtype);
        }
        if (bv.dtype() != dtype) {
            bv = Elementwise.convert("matmul", bv, dtype);
        }
        CpuStorage cs = CpuStorage.allocate(dtype, batch.size() * m * n);
        multiplyBatches(av, bv, cs, batch, m, n, k);
        Shape out = batch;
        if (a.rank() > 1) {
            out = out.concat(Shape.of(m));
        }
        if (b.rank() > 1) {
            out = out.concat(Shape.of(n));
        }
        return Tensor.contiguous(cs, out);
    }

    private static void multiplyBatches(Tensor av, Tensor bv, CpuStorage cs, Shape batch, int m, int n, int k) {
        int r = av.rank();
        int ars = av.stride(r - 2), acs = av.stride(r - 1), brs = bv.stride(r - 2), bcs = bv.stride(r - 1);
        int[] aOff = batchOffsets(av, batch), bOff = batchOffsets(bv, batch);
        int count = batch.size();
        long work = (long) m * n * k;
        // Enough products to keep every core busy: split the batch (no synchronisation inside a
        // product). Otherwise one product at a time, each on all cores.
        boolean acrossBatch = count >= 2 * Parallel.threads() && work * count >= Parallel.MIN_PARALLEL_WORK;
        boolean inside = !acrossBatch;
        int chunks = acrossBatch ? Parallel.chunks(work * count, count) : 1;
        Object a = ((CpuStorage) av.storage()).data(), b = ((CpuStorage) bv.storage()).data(), c = cs.data();
        Parallel.forRange(count, chunks, (from, to) -> {
            for (int t = from; t < to; t++) {
                int co = t * m * n;
                if (c instanceof double[] cd) {
                    Gemm.f64(m, n, k, (double[]) a, aOff[t], ars, acs, (double[]) b, bOff[t], brs, bcs, cd, co, n, inside);
                } else {
                    Gemm.f32(m, n, k, (float[]) a, aOff[t], ars, acs, (float[]) b, bOff[t], brs, bcs, (float[]) c, co, n,
                            inside);
                }
            }
        });
    }

    /** Storage offset of each batch element's matrix, in row-major batch order. */
    private static int[] batchOffsets(Tensor t, Shape batch) {
        int[] off = new int[batch.size()];
        int rank = batch.rank();
        int[] idx = new int[rank];
        for (int i = 0; i < off.length; i++) {
            int p = t.offset();
            for (int d = 0; d < rank; d++) {
                p += idx[d] * t.stride(d);
            }
            off[i] = p;
            for (int d = rank - 1; d >= 0 && ++idx[d] == batch.dim(d); d--) {
                idx[d] = 0;
            }
        }
        return off;
    }
}
