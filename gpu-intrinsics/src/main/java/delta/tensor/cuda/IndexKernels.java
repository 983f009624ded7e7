package delta.tensor.cuda;

import static delta.tensor.cuda.KernelSource.PRELUDE;
import static delta.tensor.cuda.KernelSource.blockReduce;
import static delta.tensor.cuda.KernelSource.ctype;
import static delta.tensor.cuda.KernelSource.grid;
import static delta.tensor.cuda.KernelSource.store;

import delta.tensor.DType;
import delta.tensor.cuda.KernelSource.Kernel;
import java.util.ArrayList;
import java.util.List;

/**
 * CUDA C of the integer-indexing and pooling kernels (gather, scatter_add, index_select,
 * index_add, one_hot, max_pool2d and its gradient), with the semantics of delta.tensor.cpu's
 * Indexing and Pool2d. The kernels trust their indices: the backend first checks the whole
 * storage of the index tensor once ({@link #bounds}) and sends anything out of range or not
 * whole to the CPU, which reports it as the CPU backend does. Sums into one place (scatter_add,
 * index_add, the pooling gradient) use atomicAdd in the result's type.
 */
final class IndexKernels {
    private IndexKernels() {
    }

    private static String head(String name, String params) {
        return PRELUDE + "extern \"C\" __global__ void " + name + "(" + params + ") {\n";
    }

    /** The index an element of an index tensor holds, counted from the end when negative and {@code wrap}. */
    private static String index(String expr, boolean wrap) {
        return "        long long j = (long long) (" + expr + ");\n" + (wrap ? "        if (j < 0) j += m;\n" : "")
                + "        if (j < 0 || j >= m) continue;\n";
    }

    /**
     * {@code out = {min, max, count of values that are not whole numbers}} of {@code v[0..n)}, in one
     * block: what the backend needs to trust every index read from a storage.
     */
    static Kernel bounds(DType t) {
        String name = "dl_index_bounds_" + t.label();
        return new Kernel(name, head(name, "const " + ctype(t) + "* __restrict__ v, long long n, double* __restrict__ out")
                + "    __shared__ double sh[" + KernelSource.REDUCE_THREADS + "];\n"
                + "    double lo = DL_INF, hi = -DL_INF, bad = 0.0;\n"
                + "    for (long long i = threadIdx.x; i < n; i += blockDim.x) {\n"
                + "        double x = (double) v[i];\n"
                + "        lo = fmin(lo, x); hi = fmax(hi, x);\n"
                + "        if (!(x == floor(x))) bad += 1.0;\n"
                + "    }\n"
                + "    double acc = lo;\n" + blockReduce("fmin(A, B)") + "    lo = acc;\n"
                + "    acc = hi;\n" + blockReduce("fmax(A, B)") + "    hi = acc;\n"
                + "    acc = bad;\n" + blockReduce("A + B")
                + "    if (threadIdx.x == 0) { out[0] = lo; out[1] = hi; out[2] = acc; }\n}\n");
    }

    /** gather: {@code y[i] = x[pos1(i) + j * step]}, {@code j = idx[pos0(i)]}; layout over the indices' shape. */
    static Kernel gather(DType tx, DType ti) {
        String name = "dl_gather_" + tx.label() + "_" + ti.label();
        return new Kernel(name, head(name, ctype(tx) + "* __restrict__ y, const " + ctype(tx) + "* __restrict__ x, const "
                + ctype(ti) + "* __restrict__ idx, Lay L, long long n, long long m, long long step")
                + grid(index("idx[dl_pos(L, i, 0)]", false) + "        y[i] = x[dl_pos(L, i, 1) + j * step];\n") + "}\n");
    }

    /** scatter_add: {@code y[pos0(i) + j * step] += src[pos2(i)]}, {@code j = idx[pos1(i)]}; y zeroed, contiguous. */
    static Kernel scatterAdd(DType ts, DType ti) {
        DType out = DType.floating(ts);
        String name = "dl_scatter_add_" + ts.label() + "_" + ti.label();
        return new Kernel(name, head(name, ctype(out) + "* __restrict__ y, const " + ctype(ti) + "* __restrict__ idx, const "
                + ctype(ts) + "* __restrict__ src, Lay L, long long n, long long m, long long step")
                + grid(index("idx[dl_pos(L, i, 1)]", false) + "        atomicAdd(y + dl_pos(L, i, 0) + j * step, ("
                        + ctype(out) + ") src[dl_pos(L, i, 2)]);\n") + "}\n");
    }

    /**
     * index_select of a contiguous {@code x} viewed as {@code [pre, m, post]}: {@code y[(p * k + t) * post + q] =
     * x[(p * m + j) * post + q]}, {@code j = idx[pos0(t)]} (negative from the end); layout over the indices' shape.
     */
    static Kernel indexSelect(DType tx, DType ti) {
        String name = "dl_index_select_" + tx.label() + "_" + ti.label();
        return new Kernel(name, head(name, ctype(tx) + "* __restrict__ y, const " + ctype(tx) + "* __restrict__ x, const "
                + ctype(ti) + "* __restrict__ idx, Lay L, long long n, long long m, long long k, long long post")
                + grid("        long long q = i % post, t = (i / post) % k, p = i / (post * k);\n"
                        + index("idx[dl_pos(L, t, 0)]", true) + "        y[i] = x[(p * m + j) * post + q];\n") + "}\n");
    }

    /** index_add, the adjoint of index_select: {@code y[(p * m + j) * post + q] += src[i]}; src contiguous, y zeroed. */
    static Kernel indexAdd(DType ts, DType ti) {
        DType out = DType.floating(ts);
        String name = "dl_index_add_" + ts.label() + "_" + ti.label();
        return new Kernel(name, head(name, ctype(out) + "* __restrict__ y, const " + ctype(ti) + "* __restrict__ idx, const "
                + ctype(ts) + "* __restrict__ src, Lay L, long long n, long long m, long long k, long long post")
                + grid("        long long q = i % post, t = (i / post) % k, p = i / (post * k);\n"
                        + index("idx[dl_pos(L, t, 0)]", true) + "        atomicAdd(y + (p * m + j) * post + q, (" + ctype(out)
                        + ") src[i]);\n") + "}\n");
    }

    /** one_hot: {@code y[i * m + idx[pos0(i)]] = 1} over a zeroed y. */
    static Kernel oneHot(DType ti, DType out) {
        String name = "dl_one_hot_" + ti.label() + "_" + out.label();
        return new Kernel(name, head(name, ctype(out) + "* __restrict__ y, const " + ctype(ti)
                + "* __restrict__ idx, Lay L, long long n, long long m")
                + grid(index("idx[dl_pos(L, i, 0)]", false) + "        y[i * m + j] = " + store("1", out) + ";\n") + "}\n");
    }

    private static final String POOL_PARAMS = "int H, int W, int KH, int KW, int SH, int SW, int PH, int PW, int OH, int OW, long long n";

    /** The window of output {@code i} (plane, oh, ow), clipped to the input. */
    private static final String WINDOW = """
                    long long plane = i / ((long long) OH * OW);
                    int oh = (int) ((i / OW) % OH), ow = (int) (i % OW);
                    int h0 = oh * SH - PH, w0 = ow * SW - PW;
                    int h1 = min(h0 + KH, H), w1 = min(w0 + KW, W);
                    h0 = max(h0, 0); w0 = max(w0, 0);
                    const long long base = plane * H * W;
            """;

    /** max_pool2d over contiguous NCHW: the maximum of each window, NaN if it holds one (as Math.max). */
    static Kernel maxPool2d(DType t) {
        String ct = ctype(t);
        String name = "dl_max_pool2d_" + t.label();
        return new Kernel(name, head(name, ct + "* __restrict__ y, const " + ct + "* __restrict__ x, " + POOL_PARAMS)
                + grid(WINDOW + """
                                double best = -DL_INF;
                                for (int h = h0; h < h1; h++)
                                    for (int w = w0; w < w1; w++) best = dl_max(best, (double) x[base + (long long) h * W + w]);
                                y[i] = (CT) best;
                        """.replace("CT", ct)) + "}\n");
    }

    /** Its gradient: each output's gradient added at its window's first maximum (first NaN if any). */
    static Kernel maxPool2dGrad(DType tx, DType tg) {
        String name = "dl_max_pool2d_grad_" + tx.label() + "_" + tg.label();
        return new Kernel(name, head(name, ctype(tg) + "* __restrict__ gx, const " + ctype(tx) + "* __restrict__ x, const "
                + ctype(tg) + "* __restrict__ gy, " + POOL_PARAMS)
                + grid(WINDOW + """
                                long long at = base + (long long) h0 * W + w0;
                                double bv = (double) x[at];
                                for (int h = h0; h < h1; h++)
                                    for (int w = w0; w < w1; w++) {
                                        long long k = base + (long long) h * W + w;
                                        double v = (double) x[k];
                                        if (v > bv || (v != v && bv == bv)) { bv = v; at = k; }
                                    }
                                atomicAdd(gx + at, gy[i]);
                        """) + "}\n");
    }

    /** Every kernel of this file, for the source checks. */
    static List<Kernel> all() {
        List<Kernel> all = new ArrayList<>();
        DType[] floats = {DType.F32, DType.F64};
        for (DType t : DType.values()) {
            all.add(bounds(t));
            for (DType i : DType.values()) {
                all.add(gather(t, i));
                all.add(indexSelect(t, i));
                all.add(oneHot(i, t));
            }
        }
        for (DType t : DType.values()) {
            for (DType i : DType.values()) {
                all.add(scatterAdd(t, i));
                all.add(indexAdd(t, i));
            }
        }
        for (DType t : floats) {
            all.add(maxPool2d(t));
            for (DType g : floats) {
                all.add(maxPool2dGrad(t, g));
            }
        }
        return all;
    }
}
