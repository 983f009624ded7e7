package delta.tensor.cuda;

import static delta.tensor.cuda.KernelSource.PRELUDE;
import static delta.tensor.cuda.KernelSource.ctype;

import delta.tensor.DType;
import delta.tensor.cuda.KernelSource.Kernel;
import java.util.ArrayList;
import java.util.List;

/**
 * CUDA C of the scans and the sort along an axis, with the semantics of delta.tensor's Scans and
 * Orderings (which the CPU uses). A contiguous input is seen as {@code [pre, n, post]}: line
 * {@code (p, q)} holds elements {@code (p * n + k) * post + q}. Scans take one thread per line;
 * the sort is a bitonic network over every line at once, padded to a power of two, on (value,
 * position) pairs, so that it gives the stable order (nan last, -0.0 equal to 0.0) that the CPU's
 * stable sort gives.
 */
final class ScanKernels {
    private ScanKernels() {
    }

    private static String head(String name, String params) {
        return PRELUDE + "extern \"C\" __global__ void " + name + "(" + params + ") {\n"
                + "    for (long long line = (long long) blockIdx.x * blockDim.x + threadIdx.x; line < lines; line += (long long) gridDim.x * blockDim.x) {\n"
                + "        long long p = line / post, q = line % post;\n"
                + "        long long at0 = p * n * post + q;\n";
    }

    /** Cumulative sums along the lines (from the end with {@code reverse != 0}); f32 sums kept in f32, as NumPy does. */
    static Kernel cumsum(DType t) {
        String ct = ctype(t);
        String name = "dl_cumsum_" + t.label();
        return new Kernel(name, head(name, ct + "* __restrict__ y, const " + ct
                + "* __restrict__ x, long long lines, long long n, long long post, int reverse")
                + "        " + ct + " total = 0;\n"
                + "        for (long long k = 0; k < n; k++) {\n"
                + "            long long at = at0 + (reverse ? n - 1 - k : k) * post;\n"
                + "            total += x[at];\n"
                + "            y[at] = total;\n"
                + "        }\n    }\n}\n");
    }

    /** The product of each line, in double, into {@code y[line]}. */
    static Kernel product(DType t) {
        String name = "dl_prod_" + t.label();
        return new Kernel(name, head(name, ctype(t) + "* __restrict__ y, const " + ctype(t)
                + "* __restrict__ x, long long lines, long long n, long long post")
                + "        double total = 1.0;\n"
                + "        for (long long k = 0; k < n; k++) total *= (double) x[at0 + k * post];\n"
                + "        y[line] = (" + ctype(t) + ") total;\n    }\n}\n");
    }

    /** Each element's product of the rest of its line (prod's gradient): a prefix pass into y, then a suffix pass; no division. */
    static Kernel productOthers(DType t) {
        String ct = ctype(t);
        String name = "dl_prod_others_" + t.label();
        return new Kernel(name, head(name, ct + "* __restrict__ y, const " + ct
                + "* __restrict__ x, long long lines, long long n, long long post")
                + "        double prefix = 1.0;\n"
                + "        for (long long k = 0; k < n; k++) { y[at0 + k * post] = (" + ct + ") prefix; prefix *= (double) x[at0 + k * post]; }\n"
                + "        double suffix = 1.0;\n"
                + "        for (long long k = n - 1; k >= 0; k--) {\n"
                + "            long long at = at0 + k * post;\n"
                + "            y[at] = (" + ct + ") ((double) y[at] * suffix);\n"
                + "            suffix *= (double) x[at];\n"
                + "        }\n    }\n}\n");
    }

    private static final String BEFORE = """
            // Whether (a, ia) sorts before (b, ib): numbers ascending, then nan, then the padding
            // (positions >= n); equal values by position, which makes the order the stable one.
            __device__ __forceinline__ bool dl_before(double a, long long ia, double b, long long ib, long long n) {
                int ca = ia >= n ? 2 : (a != a ? 1 : 0), cb = ib >= n ? 2 : (b != b ? 1 : 0);
                if (ca != cb) return ca < cb;
                if (ca == 0 && a != b) return a < b;
                return ia < ib;
            }
            """;

    /** Fills the sort's working pairs: {@code keys[line * P + k] = x[k of line]} (0.0 for -0.0), {@code pos = k}. */
    static Kernel sortInit(DType t) {
        String name = "dl_sort_init_" + t.label();
        return new Kernel(name, PRELUDE + "extern \"C\" __global__ void " + name + "(double* __restrict__ keys, long long* __restrict__ pos, const "
                + ctype(t) + "* __restrict__ x, long long total, long long P, long long n, long long post) {\n"
                + KernelSource.grid("total", """
                                long long line = i / P, k = i % P;
                                double v = 0.0;
                                if (k < n) { v = (double) x[((line / post) * n + k) * post + line % post]; if (v == 0.0) v = 0.0; }
                                keys[i] = v;
                                pos[i] = k;
                        """) + "}\n");
    }

    /** One step (k, j) of the bitonic network on every line at once. */
    static Kernel sortStep() {
        String name = "dl_sort_step";
        return new Kernel(name, PRELUDE + BEFORE + "extern \"C\" __global__ void " + name
                + "(double* __restrict__ keys, long long* __restrict__ pos, long long total, long long P, long long n, long long k, long long j) {\n"
                + KernelSource.grid("total", """
                                long long i0 = i % P, l0 = i0 ^ j;
                                if (l0 <= i0) continue;
                                long long a = i, b = i - i0 + l0;
                                bool ascending = (i0 & k) == 0;
                                bool swap = ascending ? dl_before(keys[b], pos[b], keys[a], pos[a], n) : dl_before(keys[a], pos[a], keys[b], pos[b], n);
                                if (swap) {
                                    double kv = keys[a]; keys[a] = keys[b]; keys[b] = kv;
                                    long long pv = pos[a]; pos[a] = pos[b]; pos[b] = pv;
                                }
                        """) + "}\n");
    }

    /** Writes the sorted positions back along the axis: {@code out[k of line] = pos[line * P + k]}. */
    static Kernel sortFinish() {
        String name = "dl_sort_finish";
        return new Kernel(name, PRELUDE + "extern \"C\" __global__ void " + name
                + "(long long* __restrict__ out, const long long* __restrict__ pos, long long total, long long P, long long n, long long post) {\n"
                + KernelSource.grid("total", """
                                long long line = i / n, k = i % n;
                                out[((line / post) * n + k) * post + line % post] = pos[line * P + k];
                        """) + "}\n");
    }

    /** Every kernel of this file, for the source checks. */
    static List<Kernel> all() {
        List<Kernel> all = new ArrayList<>();
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            all.add(cumsum(t));
            all.add(product(t));
            all.add(productOthers(t));
            all.add(sortInit(t));
        }
        all.add(sortStep());
        all.add(sortFinish());
        return all;
    }
}
