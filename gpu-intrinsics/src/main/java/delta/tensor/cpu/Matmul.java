package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.MatmulPlan;
import delta.tensor.Shape;
import delta.tensor.Tensor;

/**
 * NumPy matmul semantics ({@link MatmulPlan}) on top of {@link Gemm}: each batch element is a
 * strided view, so broadcast or transposed operands are never copied.
 * Big products use all cores inside one product; many small ones are spread over the batch.
 */
public final class Matmul {
    /** Products computed so far, for tests (that the adjoint of data is never computed, say). */
    private static final java.util.concurrent.atomic.AtomicLong PRODUCTS = new java.util.concurrent.atomic.AtomicLong();

    private Matmul() {
    }

    public static long products() {
        return PRODUCTS.get();
    }

    public static Tensor matmul(Tensor a, Tensor b) {
        PRODUCTS.incrementAndGet();
        CpuStorage.of("matmul", a);
        CpuStorage.of("matmul", b);
        MatmulPlan plan = MatmulPlan.of(a, b);
        DType dtype = plan.dtype();
        Shape batch = plan.batch();
        int m = plan.m(), n = plan.n(), k = plan.k();
        Tensor av = plan.a().dtype() == dtype ? plan.a() : Elementwise.convert("matmul", plan.a(), dtype);
        Tensor bv = plan.b().dtype() == dtype ? plan.b() : Elementwise.convert("matmul", plan.b(), dtype);
        // Unzeroed: Gemm overwrites C (the packed kernels store their first slice of k, the others
        // zero C's block first), so C is not zeroed and then read back.
        CpuStorage cs = CpuStorage.uninitialized(dtype, batch.size() * m * n);
        delta.tensor.KernelWork.add((long) batch.size() * m * n * k);
        multiplyBatches(av, bv, cs, batch, m, n, k);
        return Tensor.contiguous(cs, plan.out());
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
                    Gemm.f64(m, n, k, (double[]) a, aOff[t], ars, acs, (double[]) b, bOff[t], brs, bcs, cd, co, n, inside, true);
                } else {
                    Gemm.f32(m, n, k, (float[]) a, aOff[t], ars, acs, (float[]) b, bOff[t], brs, bcs, (float[]) c, co, n,
                            inside, true);
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
