package delta.tensor.cpu;

import delta.tensor.BinaryOp;
import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;
import delta.tensor.UnaryOp;

/**
 * Drives the element-wise kernels over any views: broadcasts the operands to the result's
 * shape (stride 0), walks the result row by row ({@link Loop}), hands each kernel unit-stride
 * rows of its computing type ({@link Operand}), and splits large tensors across the cores.
 * Contiguous operands of the computing type are never copied: the whole tensor is one row.
 * Every result here is written in full (the walk visits each of its elements once), so it is
 * allocated {@link CpuStorage#uninitialized uninitialized}: no zeroing pass where the JVM allows.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** Relative cost of an op per element, to decide when to use several threads. */
    private static long cost(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, RELU, SIGN, NOT, FLOOR, CEIL, ROUND, ISNAN, ISINF, ISFINITE -> 1;
            case SQRT -> 2;
            default -> Simd.AVAILABLE ? 4 : 16; // vector exp/tanh/... cost a few cycles per element, Math.exp tens
        };
    }

    public static Tensor unary(UnaryOp op, Tensor x) {
        return unary(op, x, null);
    }

    /**
     * The result's storage: that of {@code scratch} when it fits exactly (the backend contract of
     * Backend.binary: a temporary nothing else reads), else a new one. Writing a result into an
     * operand is safe here because every kernel reads element i of its operands before it writes
     * element i of the result.
     */
    private static CpuStorage output(DType dtype, Shape shape, Tensor scratch) {
        if (scratch != null && scratch.dtype() == dtype && scratch.offset() == 0 && scratch.isContiguous()
                && scratch.shape().equals(shape) && scratch.storage() instanceof CpuStorage s && s.length() == shape.size()) {
            return s;
        }
        return CpuStorage.uninitialized(dtype, shape.size());
    }

    public static Tensor unary(UnaryOp op, Tensor x, Tensor scratch) {
        CpuStorage xs = CpuStorage.of(op.label(), x);
        DType compute = DType.floating(x.dtype());
        Shape shape = x.shape();
        CpuStorage ys = output(op.resultType(x.dtype()), shape, scratch);
        Loop loop = Loop.of(shape, new int[][] {shape.strides(), x.strides()}, new int[] {0, x.offset()});
        int maxLen = Operand.needsCopy(xs, loop.inner[1], compute) ? Rows.BUFFER : Integer.MAX_VALUE;
        loop.runParallel(maxLen, cost(op), () -> {
            Operand a = new Operand(xs, loop.inner[1], compute, 0);
            return (base, len) -> {
                a.load(base[1], len);
                if (op.isPredicate() && compute == DType.F32) {
                    UnaryKernels.predicateF32(op, a.f32, a.off, ys.bool(), base[0], len);
                } else if (op.isPredicate()) {
                    UnaryKernels.predicateF64(op, a.f64, a.off, ys.bool(), base[0], len);
                } else if (compute == DType.F32) {
                    UnaryKernels.f32(op, a.f32, a.off, ys.f32(), base[0], len);
                } else {
                    UnaryKernels.f64(op, a.f64, a.off, ys.f64(), base[0], len);
                }
            };
        });
        return Tensor.contiguous(ys, shape);
    }

    public static Tensor clip(Tensor x, double lo, double hi) {
        CpuStorage xs = CpuStorage.of("clip", x);
        if (lo > hi) {
            throw new TensorError("clip", "lower bound " + lo + " is above upper bound " + hi);
        }
        DType compute = DType.floating(x.dtype());
        Shape shape = x.shape();
        CpuStorage ys = CpuStorage.uninitialized(compute, shape.size());
        Loop loop = Loop.of(shape, new int[][] {shape.strides(), x.strides()}, new int[] {0, x.offset()});
        int maxLen = Operand.needsCopy(xs, loop.inner[1], compute) ? Rows.BUFFER : Integer.MAX_VALUE;
        loop.runParallel(maxLen, 1, () -> {
            Operand a = new Operand(xs, loop.inner[1], compute, 0);
            return (base, len) -> {
                a.load(base[1], len);
                if (compute == DType.F32) {
                    UnaryKernels.clipF32(a.f32, a.off, ys.f32(), base[0], len, (float) lo, (float) hi);
                } else {
                    UnaryKernels.clipF64(a.f64, a.off, ys.f64(), base[0], len, lo, hi);
                }
            };
        });
        return Tensor.contiguous(ys, shape);
    }

    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        return binary(op, a, b, null);
    }

    public static Tensor binary(BinaryOp op, Tensor a, Tensor b, Tensor scratch) {
        CpuStorage as = CpuStorage.of(op.label(), a), bs = CpuStorage.of(op.label(), b);
        Shape shape = Shape.broadcast(op.label(), a.shape(), b.shape());
        if (op == BinaryOp.POW && b.size() == 1 && a.dtype() == DType.promote(a.dtype(), b.dtype())) {
            Tensor fast = powScalar(a.broadcastTo(shape), bs.get(b.offset()), scratch == a ? scratch : null);
            if (fast != null) {
                return fast;
            }
        }
        Tensor av = a.broadcastTo(shape), bv = b.broadcastTo(shape);
        DType compute = DType.promote(a.dtype(), b.dtype());
        CpuStorage ys = output(op.resultType(a.dtype(), b.dtype()), shape, scratch);
        Loop loop = Loop.of(shape, new int[][] {shape.strides(), av.strides(), bv.strides()},
                new int[] {0, av.offset(), bv.offset()});
        boolean copy = Operand.needsCopy(as, loop.inner[1], compute) || Operand.needsCopy(bs, loop.inner[2], compute);
        long cost = op == BinaryOp.POW ? 16 : 1;
        loop.runParallel(copy ? Rows.BUFFER : Integer.MAX_VALUE, cost, () -> {
            Operand x = new Operand(as, loop.inner[1], compute, 0), y = new Operand(bs, loop.inner[2], compute, 1);
            return (base, len) -> {
                x.load(base[1], len);
                y.load(base[2], len);
                if (op.isPredicate()) {
                    if (compute == DType.F32) {
                        BinaryKernels.predicateF32(op, x.f32, x.off, y.f32, y.off, ys.bool(), base[0], len);
                    } else {
                        BinaryKernels.predicateF64(op, x.f64, x.off, y.f64, y.off, ys.bool(), base[0], len);
                    }
                } else if (compute == DType.F32) {
                    BinaryKernels.f32(op, x.f32, x.off, y.f32, y.off, ys.f32(), base[0], len);
                } else {
                    BinaryKernels.f64(op, x.f64, x.off, y.f64, y.off, ys.f64(), base[0], len);
                }
            };
        });
        return Tensor.contiguous(ys, shape);
    }

    /**
     * {@code x ** e} for the exponents programs use most (x**2 in every loss), without
     * Math.pow, which costs tens of cycles per element. Null when {@code e} is not one of them.
     */
    private static Tensor powScalar(Tensor x, double e, Tensor scratch) {
        if (e == 2) {
            return binary(BinaryOp.MUL, x, x, scratch);
        } else if (e == 1) {
            return convert("pow", x, x.dtype());
        }
        return null; // not 0.5 -> sqrt: they differ at -0 and -infinity
    }

    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        CpuStorage cs = CpuStorage.of("where", cond), as = CpuStorage.of("where", a), bs = CpuStorage.of("where", b);
        Shape shape;
        try {
            shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        } catch (TensorError e) {
            throw new TensorError("where", "shapes " + cond.shape() + ", " + a.shape() + " and " + b.shape()
                    + " cannot be broadcast together");
        }
        Tensor cv = cond.broadcastTo(shape), av = a.broadcastTo(shape), bv = b.broadcastTo(shape);
        DType compute = DType.promote(a.dtype(), b.dtype());
        CpuStorage ys = CpuStorage.uninitialized(compute, shape.size());
        if (whereFlat(cv, av, bv, compute, ys)) {
            return Tensor.contiguous(ys, shape);
        }
        Loop loop = Loop.of(shape, new int[][] {shape.strides(), cv.strides(), av.strides(), bv.strides()},
                new int[] {0, cv.offset(), av.offset(), bv.offset()});
        loop.runParallel(Rows.BUFFER, 2, () -> {
            Operand c = new Operand(cs, loop.inner[1], compute, 0), x = new Operand(as, loop.inner[2], compute, 1),
                    y = new Operand(bs, loop.inner[3], compute, 2);
            return (base, len) -> {
                c.load(base[1], len);
                x.load(base[2], len);
                y.load(base[3], len);
                int o = base[0];
                if (compute == DType.F32) {
                    float[] out = ys.f32();
                    for (int i = 0; i < len; i++) {
                        out[o + i] = c.f32[c.off + i] != 0 ? x.f32[x.off + i] : y.f32[y.off + i];
                    }
                } else {
                    double[] out = ys.f64();
                    for (int i = 0; i < len; i++) {
                        out[o + i] = c.f64[c.off + i] != 0 ? x.f64[x.off + i] : y.f64[y.off + i];
                    }
                }
            };
        });
        return Tensor.contiguous(ys, shape);
    }

    /**
     * The common where: a contiguous bool condition selecting between contiguous operands or single
     * values of the result's dtype (the adjoint of relu, {@code where(x > 0, g, 0.0)}), as one flat
     * loop over the arrays. The general path converts every row of the condition and of a broadcast
     * value into buffers first, which took 5-6 ns an element (W2's relu adjoint: 0.16 ms a step).
     * False, having done nothing, for any other layout.
     */
    private static boolean whereFlat(Tensor cv, Tensor av, Tensor bv, DType compute, CpuStorage ys) {
        if (cv.dtype() != DType.BOOL || !cv.isContiguous() || (compute != DType.F32 && compute != DType.F64)
                || av.dtype() != compute || bv.dtype() != compute) {
            return false;
        }
        boolean aOne = isSingleValue(av), bOne = isSingleValue(bv);
        if (!aOne && !av.isContiguous() || !bOne && !bv.isContiguous()) {
            return false;
        }
        byte[] c = ((CpuStorage) cv.storage()).bool();
        int co = cv.offset(), ao = av.offset(), bo = bv.offset(), n = cv.size();
        CpuStorage as = (CpuStorage) av.storage(), bs = (CpuStorage) bv.storage();
        Parallel.forRange(n, Parallel.chunks(n, n / 1024 + 1), (from, to) -> {
            // Selected through bit masks, without a branch: a condition such as x > 0 is true for a
            // random half of the elements, and a branch mispredicted that often cost 4 ns an element.
            if (compute == DType.F32) {
                float[] out = ys.f32(), x = as.f32(), y = bs.f32();
                int x0 = Float.floatToRawIntBits(x[ao]), y0 = Float.floatToRawIntBits(y[bo]);
                for (int i = from; i < to; i++) {
                    int take = -c[co + i]; // all ones where the condition holds (bools are 0 or 1)
                    int xb = aOne ? x0 : Float.floatToRawIntBits(x[ao + i]);
                    int yb = bOne ? y0 : Float.floatToRawIntBits(y[bo + i]);
                    out[i] = Float.intBitsToFloat(xb & take | yb & ~take);
                }
            } else {
                double[] out = ys.f64(), x = as.f64(), y = bs.f64();
                long x0 = Double.doubleToRawLongBits(x[ao]), y0 = Double.doubleToRawLongBits(y[bo]);
                for (int i = from; i < to; i++) {
                    long take = -c[co + i];
                    long xb = aOne ? x0 : Double.doubleToRawLongBits(x[ao + i]);
                    long yb = bOne ? y0 : Double.doubleToRawLongBits(y[bo + i]);
                    out[i] = Double.longBitsToDouble(xb & take | yb & ~take);
                }
            }
        });
        return true;
    }

    /** A value broadcast to every element: all its strides are 0. */
    private static boolean isSingleValue(Tensor t) {
        for (int stride : t.strides()) {
            if (stride != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code x} itself when contiguous, else a contiguous copy of the same dtype. */
    public static Tensor contiguousView(Tensor x) {
        return x.isContiguous() ? x : convert("contiguous", x, x.dtype());
    }

    /** Copies {@code src} (any view, any dtype) into the view {@code dst} of a fresh result, converting. */
    public static void copyInto(Tensor src, Tensor dst) {
        CpuStorage ss = CpuStorage.of("copy", src), ds = (CpuStorage) dst.storage();
        Loop loop = Loop.of(dst.shape(), new int[][] {dst.strides(), src.strides()}, new int[] {dst.offset(), src.offset()});
        loop.runParallel(Integer.MAX_VALUE, 1,
                () -> (base, len) -> Rows.copy(ss, base[1], loop.inner[1], ds, base[0], loop.inner[0], len));
    }

    /** A contiguous copy of {@code x} converted to {@code dtype}. */
    public static Tensor convert(String op, Tensor x, DType dtype) {
        CpuStorage xs = CpuStorage.of(op, x);
        Shape shape = x.shape();
        if (x.dtype() == dtype && x.isContiguous() && shape.size() > 0) {
            // A plain copy of one range: about 3x faster at 10^6 elements (no zeroing pass, see copyOfRange).
            return Tensor.contiguous(xs.copyOfRange(x.offset(), shape.size()), shape);
        }
        CpuStorage ys = CpuStorage.uninitialized(dtype, shape.size());
        Loop loop = Loop.of(shape, new int[][] {shape.strides(), x.strides()}, new int[] {0, x.offset()});
        loop.runParallel(Integer.MAX_VALUE, 1,
                () -> (base, len) -> Rows.copy(xs, base[1], loop.inner[1], ys, base[0], 1, len));
        return Tensor.contiguous(ys, shape);
    }
}
