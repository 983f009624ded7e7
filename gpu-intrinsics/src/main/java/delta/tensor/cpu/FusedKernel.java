package delta.tensor.cpu;

import delta.tensor.BinaryOp;
import delta.tensor.DType;
import delta.tensor.Fused;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a {@link Fused} element-wise expression in one walk over its result: each stretch of
 * at most {@link #CHUNK} elements goes through every operator in per-thread buffers (a few KB,
 * which stay in the core's cache) and only the last operator writes to the result. Operator by
 * operator, each operator wrote a full-size temporary that the next one read back: at 10^4 f64
 * elements an 80 KB fresh array per operator (cold memory, since the JVM hands out new arrays
 * from a young generation far larger than the cache), at 10^6 an 8 MB array the JVM zeroes first.
 * The kernels are the same as the stepwise operators' ({@link BinaryKernels}, {@link UnaryKernels},
 * x ** 2 as x * x), applied in the same order, so results agree bit for bit.
 */
public final class FusedKernel {
    /**
     * Elements per stretch (4 KB of f64 per buffer). Measured on the Rosenbrock terms at 10^4 f64
     * elements (7 operators): 24 us with stretches of 1024, 19-20 us with 512 or 256.
     */
    static final int CHUNK = 512;

    /** How many expressions have been evaluated fused, and how many of them into a view of another tensor: tests read them. */
    private static final java.util.concurrent.atomic.AtomicLong EVALUATIONS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong INTO_VIEWS = new java.util.concurrent.atomic.AtomicLong();

    private FusedKernel() {
    }

    public static long evaluations() {
        return EVALUATIONS.get();
    }

    public static long evaluationsIntoViews() {
        return INTO_VIEWS.get();
    }

    public static Tensor evaluate(Fused e, DType dtype) {
        Shape shape = e.shape();
        CpuStorage out = CpuStorage.uninitialized(dtype, shape.size());
        Tensor result = Tensor.contiguous(out, shape);
        run(e, result, false);
        return result;
    }

    /**
     * Writes (or with {@code accumulate}, adds) {@code e} into {@code target}, a CPU view of e's
     * shape and dtype: the adjoint of a slice goes straight into its place in the larger adjoint.
     */
    public static void evaluateInto(Fused e, Tensor target, boolean accumulate) {
        INTO_VIEWS.incrementAndGet();
        run(e, target, accumulate);
    }

    private static void run(Fused e, Tensor target, boolean accumulate) {
        EVALUATIONS.incrementAndGet();
        DType dtype = target.dtype();
        Shape shape = e.shape();
        List<Tensor> leaves = new ArrayList<>();
        collectLeaves(e, shape, leaves);
        CpuStorage out = CpuStorage.of("fused", target);
        int[][] strides = new int[leaves.size() + 1][];
        int[] offsets = new int[leaves.size() + 1];
        strides[0] = target.strides();
        offsets[0] = target.offset();
        for (int k = 0; k < leaves.size(); k++) {
            strides[k + 1] = leaves.get(k).strides();
            offsets[k + 1] = leaves.get(k).offset();
        }
        Loop loop = Loop.of(shape, strides, offsets);
        CpuStorage[] storages = new CpuStorage[leaves.size()];
        for (int k = 0; k < storages.length; k++) {
            storages[k] = CpuStorage.of("fused", leaves.get(k));
        }
        int outStride = loop.inner[0];
        boolean writesDirectly = outStride == 1 && !accumulate;
        // Each operator's pass runs in cache: per element, a fused expression costs about what one
        // operator writing memory does, plus a fraction for each further operator; weighing every
        // operator fully would hand small expressions to a second thread for less than the handoff.
        loop.runParallel(CHUNK, 1 + cost(e) / 4, () -> {
            Builder builder = new Builder(dtype, storages, loop.inner);
            Step root = builder.build(e);
            if (writesDirectly) {
                return (base, len) -> root.run(base, len, out, base[0]);
            }
            return (base, len) -> {
                root.load(base, len);
                store(root, out, base[0], outStride, len, accumulate);
            };
        });
    }

    /** Writes or adds a computed stretch into the target's elements {@code at, at + stride, ...}. */
    private static void store(Step values, CpuStorage out, int at, int stride, int len, boolean accumulate) {
        if (out.dtype() == DType.F32) {
            float[] y = out.f32();
            if (stride == 1 && accumulate) {
                BinaryKernels.f32(BinaryOp.ADD, y, at, values.f32, values.off, y, at, len);
                return;
            }
            for (int i = 0; i < len; i++) {
                y[at + i * stride] = accumulate ? y[at + i * stride] + values.f32[values.off + i] : values.f32[values.off + i];
            }
        } else {
            double[] y = out.f64();
            if (stride == 1 && accumulate) {
                BinaryKernels.f64(BinaryOp.ADD, y, at, values.f64, values.off, y, at, len);
                return;
            }
            for (int i = 0; i < len; i++) {
                y[at + i * stride] = accumulate ? y[at + i * stride] + values.f64[values.off + i] : values.f64[values.off + i];
            }
        }
    }

    /** The leaves of {@code e} in the order {@link Builder} numbers them, broadcast to the result's shape. */
    private static void collectLeaves(Fused e, Shape shape, List<Tensor> out) {
        switch (e) {
            case Fused.Leaf l -> out.add(l.tensor().broadcastTo(shape));
            case Fused.Scalar s -> {
            }
            case Fused.Binary b -> {
                collectLeaves(b.left(), shape, out);
                if (!isSquare(b)) {
                    collectLeaves(b.right(), shape, out);
                }
            }
            case Fused.Negate n -> collectLeaves(n.operand(), shape, out);
        }
    }

    private static long cost(Fused e) {
        return switch (e) {
            case Fused.Leaf l -> 0;
            case Fused.Scalar s -> 0;
            case Fused.Binary b -> (b.op() == BinaryOp.POW && !isSquare(b) ? 16 : 1) + cost(b.left()) + cost(b.right());
            case Fused.Negate n -> 1 + cost(n.operand());
        };
    }

    /** {@code x ** 2}, computed as x * x like the stepwise power by a number. */
    private static boolean isSquare(Fused.Binary b) {
        return b.op() == BinaryOp.POW && b.right() instanceof Fused.Scalar s && s.value() == 2;
    }

    /** {@code x ** 1}: a copy of x. */
    private static boolean isIdentityPower(Fused.Binary b) {
        return b.op() == BinaryOp.POW && b.right() instanceof Fused.Scalar s && s.value() == 1;
    }

    /**
     * One node of the expression for one thread: after {@link #load}, its values for the current
     * stretch are in {@code f64}/{@code f32} from {@code off}.
     */
    private abstract static class Step {
        double[] f64;
        float[] f32;
        int off;

        abstract void load(int[] base, int len);

        /** Evaluates into {@code out} from {@code at} (the root writes the result there). */
        void run(int[] base, int len, CpuStorage out, int at) {
            load(base, len);
            if (out.dtype() == DType.F32) {
                System.arraycopy(f32, off, out.f32(), at, len);
            } else {
                System.arraycopy(f64, off, out.f64(), at, len);
            }
        }
    }

    /** Numbers the leaves and hands out this thread's row buffers, one per node that needs one. */
    private static final class Builder {
        private final DType dtype;
        private final CpuStorage[] storages;
        private final int[] inner;
        private int leaf;
        private int slot;

        Builder(DType dtype, CpuStorage[] storages, int[] inner) {
            this.dtype = dtype;
            this.storages = storages;
            this.inner = inner;
        }

        Step build(Fused e) {
            return switch (e) {
                case Fused.Leaf l -> new LeafStep(dtype, storages[leaf], inner[leaf + 1], ++leaf, this);
                case Fused.Scalar s -> new ScalarStep(dtype, s.value(), this);
                case Fused.Binary b when isSquare(b) -> {
                    Step x = build(b.left());
                    yield new BinaryStep(dtype, BinaryOp.MUL, x, x, this);
                }
                case Fused.Binary b when isIdentityPower(b) -> build(b.left());
                case Fused.Binary b -> new BinaryStep(dtype, b.op(), build(b.left()), build(b.right()), this);
                case Fused.Negate n -> new NegateStep(dtype, build(n.operand()), this);
            };
        }

        /** A row-buffer slot of this thread's own: one per operand and intermediate result. */
        int nextSlot() {
            return slot++;
        }

        void buffer(Step step) {
            if (dtype == DType.F32) {
                step.f32 = RowBuffers.f32(nextSlot());
            } else {
                step.f64 = RowBuffers.f64(nextSlot());
            }
        }
    }

    /** A tensor operand: its own array when the stretch is contiguous and of the dtype, else a copy ({@link Operand}). */
    private static final class LeafStep extends Step {
        private final Operand source;
        private final int operand;

        LeafStep(DType dtype, CpuStorage storage, int stride, int operand, Builder builder) {
            this.source = new Operand(storage, stride, dtype, builder.nextSlot());
            this.operand = operand;
        }

        @Override
        void load(int[] base, int len) {
            source.load(base[operand], len);
            f32 = source.f32;
            f64 = source.f64;
            off = source.off;
        }
    }

    /** A number, filled once into a buffer as long as a stretch. */
    private static final class ScalarStep extends Step {
        ScalarStep(DType dtype, double value, Builder builder) {
            builder.buffer(this);
            if (dtype == DType.F32) {
                java.util.Arrays.fill(f32, 0, CHUNK, (float) value);
            } else {
                java.util.Arrays.fill(f64, 0, CHUNK, value);
            }
        }

        @Override
        void load(int[] base, int len) {
        }
    }

    /** An operator: computes into its own buffer, or as the root straight into the result. */
    private abstract static class OperatorStep extends Step {
        @Override
        void load(int[] base, int len) {
            compute(base, len, f32, f64, 0);
        }

        @Override
        void run(int[] base, int len, CpuStorage out, int at) {
            compute(base, len, out.dtype() == DType.F32 ? out.f32() : null, out.dtype() == DType.F64 ? out.f64() : null, at);
        }

        /** Loads the operands' stretch and writes the result into {@code y32} or {@code y64} from {@code at}. */
        abstract void compute(int[] base, int len, float[] y32, double[] y64, int at);
    }

    private static final class BinaryStep extends OperatorStep {
        private final BinaryOp op;
        private final Step left;
        private final Step right;

        BinaryStep(DType dtype, BinaryOp op, Step left, Step right, Builder builder) {
            this.op = op;
            this.left = left;
            this.right = right;
            builder.buffer(this);
        }

        @Override
        void compute(int[] base, int len, float[] y32, double[] y64, int at) {
            left.load(base, len);
            if (right != left) {
                right.load(base, len);
            }
            if (y32 != null) {
                BinaryKernels.f32(op, left.f32, left.off, right.f32, right.off, y32, at, len);
            } else {
                BinaryKernels.f64(op, left.f64, left.off, right.f64, right.off, y64, at, len);
            }
        }
    }

    private static final class NegateStep extends OperatorStep {
        private final Step operand;

        NegateStep(DType dtype, Step operand, Builder builder) {
            this.operand = operand;
            builder.buffer(this);
        }

        @Override
        void compute(int[] base, int len, float[] y32, double[] y64, int at) {
            operand.load(base, len);
            if (y32 != null) {
                UnaryKernels.f32(UnaryOp.NEG, operand.f32, operand.off, y32, at, len);
            } else {
                UnaryKernels.f64(UnaryOp.NEG, operand.f64, operand.off, y64, at, len);
            }
        }
    }
}
