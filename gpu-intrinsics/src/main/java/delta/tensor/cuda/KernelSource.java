package delta.tensor.cuda;

import delta.tensor.BinaryOp;
import delta.tensor.DType;
import delta.tensor.ReduceOp;
import delta.tensor.UnaryOp;

/**
 * CUDA C source of the kernels the CUDA backend compiles at run time with NVRTC. Pure Java (no
 * JCuda), so the sources can be generated and checked on a machine without a GPU; each kernel is
 * compiled once per process and cached by its name ({@link CudaRuntime#function}).
 *
 * <p>Every element-wise kernel takes its operands through a {@code Lay} struct passed by value:
 * the (coalesced) result shape and, per operand, its strides in elements (0 for broadcast axes,
 * negative for reversed views); operand pointers already include the view's offset. The result
 * of an element-wise kernel is contiguous except for {@link #copy}, whose output has strides too.
 */
public final class KernelSource {
    private KernelSource() {
    }

    /** Most axes a kernel handles after merging axes that are contiguous for every operand. */
    public static final int MAX_RANK = 8;
    /** Operands a {@code Lay} struct describes: output or first input, then up to three more. */
    public static final int MAX_OPERANDS = 4;
    /** Ints in a {@code Lay} struct: rank, dims, then the strides of each operand. */
    public static final int LAYOUT_INTS = 1 + MAX_RANK + MAX_OPERANDS * MAX_RANK;
    /** Threads per block of the reduction, softmax and arg-reduction kernels (a power of two). */
    public static final int REDUCE_THREADS = 256;

    static final String PRELUDE = """
            #define MAXR %d
            struct Lay { int rank; int dims[MAXR]; int st[%d][MAXR]; };
            #define DL_NAN __longlong_as_double(0x7ff8000000000000LL)
            #define DL_INF __longlong_as_double(0x7ff0000000000000LL)
            __device__ __forceinline__ long long dl_pos(const Lay& L, long long i, int k) {
                long long p = 0;
                for (int d = L.rank - 1; d >= 0; d--) {
                    long long q = i / L.dims[d];
                    p += (i - q * L.dims[d]) * (long long) L.st[k][d];
                    i = q;
                }
                return p;
            }
            __device__ __forceinline__ double dl_max(double a, double b) { return a != a ? a : (b != b ? b : (a > b ? a : b)); }
            __device__ __forceinline__ double dl_min(double a, double b) { return a != a ? a : (b != b ? b : (a < b ? a : b)); }
            """.formatted(MAX_RANK, MAX_OPERANDS) + pythonDivision("double", "") + pythonDivision("float", "f");

    /**
     * {@code %} and {@code //} as Python and NumPy compute them (delta.tensor.BinaryOp.remainder and
     * floorDivide, which the CPU kernels use), for one floating type: C's fmod moved to the divisor's
     * side, and the quotient of the exact difference snapped to an integer.
     */
    private static String pythonDivision(String type, String f) {
        String zero = "f".equals(f) ? "0.0f" : "0.0", one = "f".equals(f) ? "1.0f" : "1.0", half = "f".equals(f) ? "0.5f" : "0.5";
        return """
            __device__ __forceinline__ T dl_rem(T a, T b) {
                T r = fmodF(a, b);
                if (r == 0 && b != 0) return copysignF(ZERO, b);
                return r != 0 && (r < 0) != (b < 0) ? r + b : r;
            }
            __device__ __forceinline__ T dl_floordiv(T a, T b) {
                if (b == 0) return a / b;
                T mod = fmodF(a, b), div = (a - mod) / b;
                if (mod != 0 && (b < 0) != (mod < 0)) div -= ONE;
                if (div == 0) return copysignF(ZERO, a / b);
                T fl = floorF(div);
                return div - fl > HALF ? fl + ONE : fl;
            }
            """.replace("T ", type + " ").replace("T)", type + ")").replace("F(", f + "(")
                .replace("ZERO", zero).replace("ONE", one).replace("HALF", half);
    }

    /** The C type a storage of {@code t} holds. */
    public static String ctype(DType t) {
        return switch (t) {
            case F32 -> "float";
            case F64 -> "double";
            case I64 -> "long long";
            case BOOL -> "unsigned char";
        };
    }

    /** A kernel: its entry point name and its complete source. */
    public record Kernel(String name, String source) {
    }

    /** Converts expression {@code v} (of type {@code from}) for storing as {@code to}. */
    static String store(String v, DType to) {
        return switch (to) {
            case BOOL -> "(unsigned char) ((" + v + ") != 0)";
            default -> "(" + ctype(to) + ") (" + v + ")";
        };
    }

    static String grid(String body) {
        return grid("n", body);
    }

    /** A grid-stride loop of {@code i} over {@code [0, count)} around {@code body}. */
    static String grid(String count, String body) {
        return "    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < " + count
                + "; i += (long long) gridDim.x * blockDim.x) {\n" + body + "    }\n";
    }

    /** The expression computing {@code op} of {@code x} (of C type {@code ct}, a float type). */
    public static String unaryExpr(UnaryOp op, DType compute) {
        boolean f = compute == DType.F32;
        String s = f ? "f" : "";
        String one = f ? "1.0f" : "1.0", zero = f ? "0.0f" : "0.0";
        return switch (op) {
            case NEG -> "-x";
            case EXP -> "exp" + s + "(x)";
            case LOG -> "log" + s + "(x)";
            case LOG1P -> "log1p" + s + "(x)";
            case EXPM1 -> "expm1" + s + "(x)";
            case SQRT -> "sqrt" + s + "(x)";
            case SIN -> "sin" + s + "(x)";
            case COS -> "cos" + s + "(x)";
            case TANH -> "tanh" + s + "(x)";
            case SIGMOID -> one + " / (" + one + " + exp" + s + "(-x))";
            case RELU -> "(x != x || x > " + zero + ") ? x : " + zero;
            case ABS -> "fabs" + s + "(x)";
            case SIGN -> "x > " + zero + " ? " + one + " : (x < " + zero + " ? -" + one + " : x)";
            case FLOOR -> "floor" + s + "(x)";
            case CEIL -> "ceil" + s + "(x)";
            case ROUND -> "rint" + s + "(x)";
            case ISNAN -> "isnan(x)";
            case ISINF -> "isinf(x)";
            case ISFINITE -> "isfinite(x)";
            case NOT -> "x == " + zero;
        };
    }

    /** The expression computing {@code x op y} in {@code compute}. */
    public static String binaryExpr(BinaryOp op, DType compute) {
        boolean f = compute == DType.F32;
        String s = f ? "f" : "";
        String two = f ? "2.0f" : "2.0";
        String cast = f ? "(float) " : "";
        return switch (op) {
            case ADD -> "x + y";
            case SUB -> "x - y";
            case MUL -> "x * y";
            case DIV -> "x / y";
            case POW -> "y == " + two + " ? x * x : pow" + s + "(x, y)";
            case MAXIMUM -> cast + "dl_max(x, y)";
            case MINIMUM -> cast + "dl_min(x, y)";
            case REMAINDER -> "dl_rem(x, y)";
            case FLOOR_DIVIDE -> "dl_floordiv(x, y)";
            case EQ -> "x == y";
            case NE -> "x != y";
            case LT -> "x < y";
            case LE -> "x <= y";
            case GT -> "x > y";
            case GE -> "x >= y";
            case AND -> "x != 0 && y != 0";
            case OR -> "x != 0 || y != 0";
        };
    }

    /** {@code y[i] = op(x[pos])}: operand 0 of the layout is the input. */
    public static Kernel unary(UnaryOp op, DType in) {
        DType compute = DType.floating(in), out = op.resultType(in);
        String name = "dl_unary_" + op.name().toLowerCase() + "_" + in.label();
        String ct = ctype(compute);
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ctype(out) + "* __restrict__ out, const "
                + ctype(in) + "* __restrict__ a, Lay L, long long n) {\n"
                + grid("        " + ct + " x = (" + ct + ") a[dl_pos(L, i, 0)];\n        out[i] = " + store(unaryExpr(op, compute), out) + ";\n")
                + "}\n";
        return new Kernel(name, src);
    }

    /** {@code y[i] = a[pos0] op b[pos1]}. */
    public static Kernel binary(BinaryOp op, DType ta, DType tb) {
        DType compute = DType.promote(ta, tb), out = op.resultType(ta, tb);
        String name = "dl_binary_" + op.name().toLowerCase() + "_" + ta.label() + "_" + tb.label();
        String ct = ctype(compute);
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ctype(out) + "* __restrict__ out, const "
                + ctype(ta) + "* __restrict__ a, const " + ctype(tb) + "* __restrict__ b, Lay L, long long n) {\n"
                + grid("        " + ct + " x = (" + ct + ") a[dl_pos(L, i, 0)];\n        " + ct + " y = (" + ct
                        + ") b[dl_pos(L, i, 1)];\n        out[i] = " + store(binaryExpr(op, compute), out) + ";\n")
                + "}\n";
        return new Kernel(name, src);
    }

    /** {@code out[pos0] = (to) in[pos1]}: copies and conversions, into any strided output. */
    public static Kernel copy(DType from, DType to) {
        String name = "dl_copy_" + from.label() + "_" + to.label();
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ctype(to) + "* out, const " + ctype(from)
                + "* __restrict__ a, Lay L, long long n) {\n"
                + grid("        out[dl_pos(L, i, 0)] = " + store("a[dl_pos(L, i, 1)]", to) + ";\n") + "}\n";
        return new Kernel(name, src);
    }

    /** {@code out[i] = c[pos0] != 0 ? a[pos1] : b[pos2]} in {@code promote(ta, tb)}. */
    public static Kernel where(DType tc, DType ta, DType tb) {
        DType compute = DType.promote(ta, tb);
        String name = "dl_where_" + tc.label() + "_" + ta.label() + "_" + tb.label();
        String ct = ctype(compute);
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ct + "* __restrict__ out, const " + ctype(tc)
                + "* __restrict__ c, const " + ctype(ta) + "* __restrict__ a, const " + ctype(tb)
                + "* __restrict__ b, Lay L, long long n) {\n"
                + grid("        out[i] = c[dl_pos(L, i, 0)] != 0 ? (" + ct + ") a[dl_pos(L, i, 1)] : (" + ct
                        + ") b[dl_pos(L, i, 2)];\n")
                + "}\n";
        return new Kernel(name, src);
    }

    /** {@code out[i] = min(max(x, lo), hi)}. */
    public static Kernel clip(DType in) {
        DType compute = DType.floating(in);
        String name = "dl_clip_" + in.label();
        String ct = ctype(compute);
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ct + "* __restrict__ out, const " + ctype(in)
                + "* __restrict__ a, Lay L, long long n, double lo, double hi) {\n"
                + grid("        " + ct + " x = (" + ct + ") a[dl_pos(L, i, 0)];\n        out[i] = (" + ct
                        + ") dl_min(dl_max(x, (" + ct + ") lo), (" + ct + ") hi);\n")
                + "}\n";
        return new Kernel(name, src);
    }

    /** {@code out[i] = value} (used by full). */
    public static Kernel fill(DType t) {
        String name = "dl_fill_" + t.label();
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ctype(t) + "* __restrict__ out, long long n, double v) {\n"
                + grid("        out[i] = " + store("v", t) + ";\n") + "}\n";
        return new Kernel(name, src);
    }

    static String blockReduce(String combine) {
        return """
                        sh[threadIdx.x] = acc;
                        __syncthreads();
                        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
                            if (threadIdx.x < s) { double u = sh[threadIdx.x], w = sh[threadIdx.x + s]; sh[threadIdx.x] = %s; }
                            __syncthreads();
                        }
                        acc = sh[0];
                        __syncthreads();
                """.formatted(combine.replace("A", "u").replace("B", "w"));
    }

    /**
     * A reduction: one block per output element. Layout {@code O} walks the kept axes (operand 0:
     * the input's strides), layout {@code R} the reduced axes (operand 0: the input's strides).
     * Accumulates in double, so f32 sums round once; the result has the input's floating type.
     */
    public static Kernel reduce(ReduceOp op, DType in) {
        DType out = DType.floating(in);
        String name = "dl_reduce_" + op.name().toLowerCase() + "_" + in.label();
        String load = "(double) x[base + dl_pos(R, j, 0)]";
        String loop = "        for (long long j = threadIdx.x; j < m; j += blockDim.x) { double v = " + load + "; acc = %s; }\n";
        StringBuilder body = new StringBuilder();
        switch (op) {
            case SUM, MEAN -> {
                body.append("        double acc = 0.0;\n").append(loop.formatted("acc + v")).append(blockReduce("A + B"));
                body.append(op == ReduceOp.MEAN ? "        double r = acc / (double) m;\n" : "        double r = acc;\n");
            }
            case MAX -> body.append("        double acc = -DL_INF;\n").append(loop.formatted("dl_max(acc, v)"))
                    .append(blockReduce("dl_max(A, B)")).append("        double r = acc;\n");
            case MIN -> body.append("        double acc = DL_INF;\n").append(loop.formatted("dl_min(acc, v)"))
                    .append(blockReduce("dl_min(A, B)")).append("        double r = acc;\n");
            case LOGSUMEXP -> {
                body.append("        double acc = -DL_INF;\n").append(loop.formatted("dl_max(acc, v)")).append(blockReduce("dl_max(A, B)"));
                body.append("        double shift = (acc != acc || isinf(acc)) ? 0.0 : acc;\n");
                body.append("        if (m == 0) shift = 0.0;\n");
                body.append("        double top = acc;\n        acc = 0.0;\n");
                body.append(loop.formatted("acc + exp(v - shift)")).append(blockReduce("A + B"));
                body.append("        double r = top != top ? top : shift + log(acc);\n");
            }
        }
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ctype(out) + "* __restrict__ out, const "
                + ctype(in) + "* __restrict__ x, Lay O, Lay R, long long nOut, long long m) {\n"
                + "    __shared__ double sh[" + REDUCE_THREADS + "];\n"
                + "    for (long long o = blockIdx.x; o < nOut; o += gridDim.x) {\n"
                + "        long long base = dl_pos(O, o, 0);\n" + body
                + "        if (threadIdx.x == 0) out[o] = (" + ctype(out) + ") r;\n"
                + "    }\n}\n";
        return new Kernel(name, src);
    }

    /**
     * argmax / argmin: one block per output, the first extreme's index along the reduced axes
     * (NaN wins, as in NumPy). Layouts as in {@link #reduce}.
     */
    public static Kernel argReduce(boolean max, DType in) {
        String name = "dl_arg" + (max ? "max" : "min") + "_" + in.label();
        String better = max ? "v > bv" : "v < bv";
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(long long* __restrict__ out, const " + ctype(in)
                + "* __restrict__ x, Lay O, Lay R, long long nOut, long long m) {\n"
                + "    __shared__ double sv[" + REDUCE_THREADS + "];\n"
                + "    __shared__ long long si[" + REDUCE_THREADS + "];\n"
                + "    for (long long o = blockIdx.x; o < nOut; o += gridDim.x) {\n"
                + "        long long base = dl_pos(O, o, 0);\n"
                + "        double bv = 0.0; long long bi = -1;\n"
                + "        for (long long j = threadIdx.x; j < m; j += blockDim.x) {\n"
                + "            double v = (double) x[base + dl_pos(R, j, 0)];\n"
                + "            if (bi < 0 || (bv == bv && (v != v || " + better + "))) { bv = v; bi = j; }\n"
                + "        }\n"
                + "        sv[threadIdx.x] = bv; si[threadIdx.x] = bi;\n"
                + "        __syncthreads();\n"
                + "        for (int s = blockDim.x / 2; s > 0; s >>= 1) {\n"
                + "            if (threadIdx.x < s) {\n"
                + "                double v = sv[threadIdx.x + s]; long long j = si[threadIdx.x + s];\n"
                + "                double b = sv[threadIdx.x]; long long k = si[threadIdx.x];\n"
                + "                bool take = j >= 0 && (k < 0 || (b == b ? (v != v || " + (max ? "v > b" : "v < b")
                + " || (v == b && j < k)) : (v != v && j < k)));\n"
                + "                if (take) { sv[threadIdx.x] = v; si[threadIdx.x] = j; }\n"
                + "            }\n"
                + "            __syncthreads();\n"
                + "        }\n"
                + "        if (threadIdx.x == 0) out[o] = si[0] < 0 ? 0 : si[0];\n"
                + "        __syncthreads();\n"
                + "    }\n}\n";
        return new Kernel(name, src);
    }

    /**
     * softmax / log_softmax along one axis: one block per line. Layout {@code L} walks the lines
     * (operand 0: the output's strides, operand 1: the input's); {@code xs}/{@code ys} step along
     * the axis. Computes in double.
     */
    public static Kernel softmax(boolean log, DType in) {
        DType out = DType.floating(in);
        String name = "dl_" + (log ? "log_softmax" : "softmax") + "_" + in.label();
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ctype(out) + "* __restrict__ y, const "
                + ctype(in) + "* __restrict__ x, Lay L, long long lines, long long m, long long xs, long long ys) {\n"
                + "    __shared__ double sh[" + REDUCE_THREADS + "];\n"
                + "    for (long long o = blockIdx.x; o < lines; o += gridDim.x) {\n"
                + "        long long yb = dl_pos(L, o, 0), xb = dl_pos(L, o, 1);\n"
                + "        double acc = -DL_INF;\n"
                + "        for (long long j = threadIdx.x; j < m; j += blockDim.x) acc = dl_max(acc, (double) x[xb + j * xs]);\n"
                + blockReduce("dl_max(A, B)")
                + "        double mx = acc;\n"
                + "        double shift = isinf(mx) ? 0.0 : mx;\n"
                + "        acc = 0.0;\n"
                + "        for (long long j = threadIdx.x; j < m; j += blockDim.x) acc += exp((double) x[xb + j * xs] - shift);\n"
                + blockReduce("A + B")
                + "        double sum = acc;\n"
                + "        for (long long j = threadIdx.x; j < m; j += blockDim.x) {\n"
                + "            double v = (double) x[xb + j * xs] - shift;\n"
                + "            y[yb + j * ys] = (" + ctype(out) + ") (" + (log ? "v - log(sum)" : "exp(v) / sum") + ");\n"
                + "        }\n"
                + "    }\n}\n";
        return new Kernel(name, src);
    }

    /**
     * im2col for conv2d: {@code cols[n][(c*KH + kh)*KW + kw][oh*OW + ow] = x[n][c][oh*sh - ph + kh][ow*sw - pw + kw]}
     * (0 in the padding); {@code x} contiguous NCHW.
     */
    public static Kernel im2col(DType t) {
        String ct = ctype(t);
        String name = "dl_im2col_" + t.label();
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ct + "* __restrict__ cols, const " + ct
                + "* __restrict__ x, int N, int C, int H, int W, int KH, int KW, int OH, int OW, int sh, int sw, int ph, int pw, long long n) {\n"
                + grid("""
                                long long r = i;
                                int ow = (int) (r % OW); r /= OW;
                                int oh = (int) (r % OH); r /= OH;
                                int kw = (int) (r % KW); r /= KW;
                                int kh = (int) (r % KH); r /= KH;
                                int c = (int) (r % C); r /= C;
                                long long b = r;
                                int h = oh * sh - ph + kh, w = ow * sw - pw + kw;
                                cols[i] = (h >= 0 && h < H && w >= 0 && w < W) ? x[((b * C + c) * H + h) * (long long) W + w] : (CT) 0;
                        """.replace("CT", ct))
                + "}\n";
        return new Kernel(name, src);
    }

    /** col2im, the adjoint of {@link #im2col}: each input pixel sums the columns it was copied to (no atomics). */
    public static Kernel col2im(DType t) {
        String ct = ctype(t);
        String name = "dl_col2im_" + t.label();
        String src = PRELUDE + "extern \"C\" __global__ void " + name + "(" + ct + "* __restrict__ dx, const " + ct
                + "* __restrict__ cols, int N, int C, int H, int W, int KH, int KW, int OH, int OW, int sh, int sw, int ph, int pw, long long n) {\n"
                + grid("""
                                long long r = i;
                                int w = (int) (r % W); r /= W;
                                int h = (int) (r % H); r /= H;
                                int c = (int) (r % C); r /= C;
                                long long b = r;
                                double acc = 0.0;
                                for (int kh = 0; kh < KH; kh++) {
                                    int th = h + ph - kh;
                                    if (th < 0 || th % sh != 0) continue;
                                    int oh = th / sh;
                                    if (oh >= OH) continue;
                                    for (int kw = 0; kw < KW; kw++) {
                                        int tw = w + pw - kw;
                                        if (tw < 0 || tw % sw != 0) continue;
                                        int ow = tw / sw;
                                        if (ow >= OW) continue;
                                        acc += (double) cols[((b * C + c) * KH * KW + kh * KW + kw) * (long long) (OH * OW) + oh * OW + ow];
                                    }
                                }
                                dx[i] = (CT) acc;
                        """.replace("CT", ct))
                + "}\n";
        return new Kernel(name, src);
    }

    /** Every kernel the backend can ask for, for the source checks. */
    public static java.util.List<Kernel> all() {
        java.util.List<Kernel> all = new java.util.ArrayList<>();
        for (DType t : DType.values()) {
            for (UnaryOp op : UnaryOp.values()) {
                all.add(unary(op, t));
            }
            for (DType u : DType.values()) {
                for (BinaryOp op : BinaryOp.values()) {
                    all.add(binary(op, t, u));
                }
                all.add(copy(t, u));
            }
            for (ReduceOp op : ReduceOp.values()) {
                all.add(reduce(op, t));
            }
            all.add(argReduce(true, t));
            all.add(argReduce(false, t));
            all.add(softmax(false, t));
            all.add(softmax(true, t));
            all.add(clip(t));
            all.add(fill(t));
            all.add(where(DType.BOOL, t, t));
        }
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            all.add(im2col(t));
            all.add(col2im(t));
        }
        all.addAll(IndexKernels.all());
        all.addAll(ScanKernels.all());
        return all;
    }
}
