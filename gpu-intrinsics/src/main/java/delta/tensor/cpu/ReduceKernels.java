package delta.tensor.cpu;

import delta.tensor.ReduceOp;

/**
 * The loops of sum, max and min. Partial results are always doubles, whatever the input type,
 * so an f32 sum over many elements does not lose precision the way a float accumulator
 * would. Row reductions use vector accumulators ({@link VectorReduce}) or, without the Vector
 * API, four scalar ones, so that the adds pipeline (the order of additions then differs from
 * a naive loop, which changes only the rounding).
 */
final class ReduceKernels {
    private ReduceKernels() {
    }

    static double identity(ReduceOp op) {
        return switch (op) {
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
            default -> 0.0;
        };
    }

    static double combine(ReduceOp op, double a, double b) {
        return switch (op) {
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            default -> a + b;
        };
    }

    /** Reduces a unit-stride row of floats. */
    static double rowF32(ReduceOp op, float[] a, int off, int n) {
        if (Simd.AVAILABLE && n >= 32) {
            return op == ReduceOp.MAX || op == ReduceOp.MIN ? VectorReduce.extremeF32(a, off, n, op == ReduceOp.MAX)
                    : VectorReduce.sumF32(a, off, n);
        }
        double s0, s1, s2, s3;
        s0 = s1 = s2 = s3 = identity(op);
        int i = 0;
        switch (op) {
            case MAX -> {
                for (; i + 3 < n; i += 4) {
                    s0 = Math.max(s0, a[off + i]);
                    s1 = Math.max(s1, a[off + i + 1]);
                    s2 = Math.max(s2, a[off + i + 2]);
                    s3 = Math.max(s3, a[off + i + 3]);
                }
                for (; i < n; i++) {
                    s0 = Math.max(s0, a[off + i]);
                }
                return Math.max(Math.max(s0, s1), Math.max(s2, s3));
            }
            case MIN -> {
                for (; i + 3 < n; i += 4) {
                    s0 = Math.min(s0, a[off + i]);
                    s1 = Math.min(s1, a[off + i + 1]);
                    s2 = Math.min(s2, a[off + i + 2]);
                    s3 = Math.min(s3, a[off + i + 3]);
                }
                for (; i < n; i++) {
                    s0 = Math.min(s0, a[off + i]);
                }
                return Math.min(Math.min(s0, s1), Math.min(s2, s3));
            }
            default -> {
                for (; i + 3 < n; i += 4) {
                    s0 += a[off + i];
                    s1 += a[off + i + 1];
                    s2 += a[off + i + 2];
                    s3 += a[off + i + 3];
                }
                for (; i < n; i++) {
                    s0 += a[off + i];
                }
                return (s0 + s1) + (s2 + s3);
            }
        }
    }

    /** Reduces a unit-stride row of doubles. */
    static double rowF64(ReduceOp op, double[] a, int off, int n) {
        if (Simd.AVAILABLE && n >= 32) {
            return op == ReduceOp.MAX || op == ReduceOp.MIN ? VectorReduce.extremeF64(a, off, n, op == ReduceOp.MAX)
                    : VectorReduce.sumF64(a, off, n);
        }
        double s0, s1, s2, s3;
        s0 = s1 = s2 = s3 = identity(op);
        int i = 0;
        switch (op) {
            case MAX -> {
                for (; i + 3 < n; i += 4) {
                    s0 = Math.max(s0, a[off + i]);
                    s1 = Math.max(s1, a[off + i + 1]);
                    s2 = Math.max(s2, a[off + i + 2]);
                    s3 = Math.max(s3, a[off + i + 3]);
                }
                for (; i < n; i++) {
                    s0 = Math.max(s0, a[off + i]);
                }
                return Math.max(Math.max(s0, s1), Math.max(s2, s3));
            }
            case MIN -> {
                for (; i + 3 < n; i += 4) {
                    s0 = Math.min(s0, a[off + i]);
                    s1 = Math.min(s1, a[off + i + 1]);
                    s2 = Math.min(s2, a[off + i + 2]);
                    s3 = Math.min(s3, a[off + i + 3]);
                }
                for (; i < n; i++) {
                    s0 = Math.min(s0, a[off + i]);
                }
                return Math.min(Math.min(s0, s1), Math.min(s2, s3));
            }
            default -> {
                for (; i + 3 < n; i += 4) {
                    s0 += a[off + i];
                    s1 += a[off + i + 1];
                    s2 += a[off + i + 2];
                    s3 += a[off + i + 3];
                }
                for (; i < n; i++) {
                    s0 += a[off + i];
                }
                return (s0 + s1) + (s2 + s3);
            }
        }
    }

    /** {@code acc[ao + i*as] = combine(acc[...], a[off + i])}: one row folded into many outputs. */
    static void accumulateF32(ReduceOp op, double[] acc, int ao, int as, float[] a, int off, int n) {
        switch (op) {
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    acc[ao + i * as] = Math.max(acc[ao + i * as], a[off + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    acc[ao + i * as] = Math.min(acc[ao + i * as], a[off + i]);
                }
            }
            default -> {
                if (as == 1) {
                    for (int i = 0; i < n; i++) {
                        acc[ao + i] += a[off + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        acc[ao + i * as] += a[off + i];
                    }
                }
            }
        }
    }

    static void accumulateF64(ReduceOp op, double[] acc, int ao, int as, double[] a, int off, int n) {
        switch (op) {
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    acc[ao + i * as] = Math.max(acc[ao + i * as], a[off + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    acc[ao + i * as] = Math.min(acc[ao + i * as], a[off + i]);
                }
            }
            default -> {
                if (as == 1) {
                    for (int i = 0; i < n; i++) {
                        acc[ao + i] += a[off + i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        acc[ao + i * as] += a[off + i];
                    }
                }
            }
        }
    }
}
