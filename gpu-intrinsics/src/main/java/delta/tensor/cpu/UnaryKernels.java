package delta.tensor.cpu;

import delta.tensor.UnaryOp;

/**
 * Unit-stride loops for the element-wise unary operations, one per op so that the switch is
 * taken once per row. With the Vector API every op but sign runs in {@link VectorMath}: C2
 * does not auto-vectorize these loops (input and output may be the same array at different
 * offsets), so the plain loops here are the fallback. The scalar definitions are {@link UnaryOp#apply}; sigmoid is computed branch-free as
 * 1/(1+e^-x), which is exact in the limits (e^-x overflows to infinity, giving 0).
 */
final class UnaryKernels {
    private UnaryKernels() {
    }

    static void f32(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
        if (Simd.AVAILABLE) {
            if (VectorMath.handles(op)) {
                VectorMath.unaryF32(op, x, xo, y, yo, n);
                return;
            }
            if (VectorMath.simpleF32(op, x, xo, y, yo, n)) {
                return;
            }
        }
        switch (op) {
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = -x[xo + i];
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.exp(x[xo + i]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.log(x[xo + i]);
                }
            }
            case LOG1P -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.log1p(x[xo + i]);
                }
            }
            case EXPM1 -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.expm1(x[xo + i]);
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.sqrt(x[xo + i]);
                }
            }
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.sin(x[xo + i]);
                }
            }
            case COS -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.cos(x[xo + i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.tanh(x[xo + i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) (1.0 / (1.0 + Math.exp(-x[xo + i])));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    // Clear negative numbers with a sign mask: a branch mispredicts on random signs and C2
                    // does not vectorize Math.max at an offset. -0 gives +0, NaN stays NaN.
                    int bits = Float.floatToRawIntBits(x[xo + i]);
                    y[yo + i] = Float.intBitsToFloat(bits & ~(bits >> 31));
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.abs(x[xo + i]);
                }
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.signum(x[xo + i]);
                }
            }
            case FLOOR -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.floor(x[xo + i]);
                }
            }
            case CEIL -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.ceil(x[xo + i]);
                }
            }
            case ROUND -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.rint(x[xo + i]);
                }
            }
            case NOT, ISNAN, ISINF, ISFINITE -> throw new IllegalArgumentException(op.label() + " has a bool result");
        }
    }

    static void f64(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        if (Simd.AVAILABLE) {
            if (VectorMath.handles(op)) {
                VectorMath.unaryF64(op, x, xo, y, yo, n);
                return;
            }
            if (VectorMath.simpleF64(op, x, xo, y, yo, n)) {
                return;
            }
        }
        switch (op) {
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = -x[xo + i];
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.exp(x[xo + i]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.log(x[xo + i]);
                }
            }
            case LOG1P -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.log1p(x[xo + i]);
                }
            }
            case EXPM1 -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.expm1(x[xo + i]);
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.sqrt(x[xo + i]);
                }
            }
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.sin(x[xo + i]);
                }
            }
            case COS -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.cos(x[xo + i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.tanh(x[xo + i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = 1.0 / (1.0 + Math.exp(-x[xo + i]));
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    long bits = Double.doubleToRawLongBits(x[xo + i]);
                    y[yo + i] = Double.longBitsToDouble(bits & ~(bits >> 63));
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.abs(x[xo + i]);
                }
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.signum(x[xo + i]);
                }
            }
            case FLOOR -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.floor(x[xo + i]);
                }
            }
            case CEIL -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.ceil(x[xo + i]);
                }
            }
            case ROUND -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.rint(x[xo + i]);
                }
            }
            case NOT, ISNAN, ISINF, ISFINITE -> throw new IllegalArgumentException(op.label() + " has a bool result");
        }
    }

    /** clip: {@code min(max(x, lo), hi)}; NaN stays NaN. */
    static void clipF32(float[] x, int xo, float[] y, int yo, int n, float lo, float hi) {
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = v < lo ? lo : (v > hi ? hi : v);
        }
    }

    static void clipF64(double[] x, int xo, double[] y, int yo, int n, double lo, double hi) {
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            y[yo + i] = v < lo ? lo : (v > hi ? hi : v);
        }
    }

    /** The predicates ({@link UnaryOp#isPredicate}) of f32 elements, as 0 or 1 bytes. */
    static void predicateF32(UnaryOp op, float[] x, int xo, byte[] y, int yo, int n) {
        switch (op) {
            case NOT -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (x[xo + i] == 0 ? 1 : 0);
                }
            }
            case ISNAN -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (Float.isNaN(x[xo + i]) ? 1 : 0);
                }
            }
            case ISINF -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (Float.isInfinite(x[xo + i]) ? 1 : 0);
                }
            }
            case ISFINITE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (Float.isFinite(x[xo + i]) ? 1 : 0);
                }
            }
            default -> throw new IllegalArgumentException(op.label() + " is not a predicate");
        }
    }

    /** The predicates of f64 elements, as 0 or 1 bytes. */
    static void predicateF64(UnaryOp op, double[] x, int xo, byte[] y, int yo, int n) {
        switch (op) {
            case NOT -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (x[xo + i] == 0 ? 1 : 0);
                }
            }
            case ISNAN -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (Double.isNaN(x[xo + i]) ? 1 : 0);
                }
            }
            case ISINF -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (Double.isInfinite(x[xo + i]) ? 1 : 0);
                }
            }
            case ISFINITE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (Double.isFinite(x[xo + i]) ? 1 : 0);
                }
            }
            default -> throw new IllegalArgumentException(op.label() + " is not a predicate");
        }
    }
}
