package delta.tensor.cpu;

import delta.tensor.BinaryOp;
import delta.tensor.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transcendental element-wise loops with the Vector API, from basic vector operations
 * ({@link VectorExp}, {@link VectorLog}, {@link VectorTanh}, {@link VectorSinCos}) rather than the
 * Vector API's own routines, which call Intel's SVML once C2 has compiled a kernel and
 * {@code Math} per lane before, with last-bit differences between the two (docs/tensors.md,
 * "Reproducibility"); instead of one {@code Math} call per element either way. The last partial vector uses a mask, so every element of a tensor goes through the
 * same routine (results do not depend on an element's position). sigmoid is 1 / (1 + e^-x)
 * with no branch: e^-x overflows to infinity for very negative x and the result is then 0.
 * Only loaded when {@link Simd#AVAILABLE}.
 */
final class VectorMath {
    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;
    /** Floats as many as SD has lanes (half its width), for f32 functions computed in f64. */
    private static final VectorSpecies<Float> SF_DOUBLE = VectorSpecies.of(float.class, VectorShape.forBitSize(SD.vectorBitSize() / 2));

    private VectorMath() {
    }

    /**
     * Whether {@link #unaryF32}/{@link #unaryF64} implement {@code op}; the simple ops are in
     * {@link #simpleF32}/{@link #simpleF64}.
     */
    static boolean handles(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, SIN, COS, TANH, SIGMOID -> true;
            default -> false;
        };
    }



    static void unaryF32(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
        // One loop per op: the Vector API needs the operator to be a compile-time constant of the
        // loop (passed in a variable, exp measured 25x slower: no intrinsic, boxed vectors).
        switch (op) {
            case EXP -> expF32(x, xo, y, yo, n);
            case LOG -> logF32(x, xo, y, yo, n);
            case SIN -> sinF32(x, xo, y, yo, n);
            case COS -> cosF32(x, xo, y, yo, n);
            case TANH -> tanhF32(x, xo, y, yo, n);
            case SIGMOID -> sigmoidF32(x, xo, y, yo, n);
            default -> throw new IllegalArgumentException(op.label());
        }
    }

    private static void expF32(float[] x, int xo, float[] y, int yo, int n) {
        int step = SF.length(), bound = SF.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            FloatVector v = FloatVector.fromArray(SF, x, xo + i);
            VectorExp.exp(v).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Float> m = SF.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(SF, x, xo + i, m);
            VectorExp.exp(v).intoArray(y, yo + i, m);
        }
    }

    private static void logF32(float[] x, int xo, float[] y, int yo, int n) {
        int step = SF.length(), bound = SF.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            FloatVector v = FloatVector.fromArray(SF, x, xo + i);
            VectorLog.log(v).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Float> m = SF.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(SF, x, xo + i, m);
            VectorLog.log(v).intoArray(y, yo + i, m);
        }
    }

    private static void sinF32(float[] x, int xo, float[] y, int yo, int n) {
        sinCosF32(x, xo, y, yo, n, false);
    }

    private static void cosF32(float[] x, int xo, float[] y, int yo, int n) {
        sinCosF32(x, xo, y, yo, n, true);
    }

    /**
     * f32 sin or cos computed in f64 ({@link VectorSinCos}) and rounded: as many floats at a time
     * as a double vector has lanes, so that the routine is inlined once (two halves of a full float
     * vector put two copies in one compilation, past C2's node limit for inlining: 2.8x slower).
     */
    private static void sinCosF32(float[] x, int xo, float[] y, int yo, int n, boolean cosine) {
        int step = SF_DOUBLE.length(), bound = SF_DOUBLE.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(SF_DOUBLE, x, xo + i).convertShape(VectorOperators.F2D, SD, 0);
            DoubleVector r = cosine ? VectorSinCos.cos(v) : VectorSinCos.sin(v);
            ((FloatVector) r.convertShape(VectorOperators.D2F, SF_DOUBLE, 0)).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Float> m = SF_DOUBLE.indexInRange(i, n);
            DoubleVector v = (DoubleVector) FloatVector.fromArray(SF_DOUBLE, x, xo + i, m).convertShape(VectorOperators.F2D, SD, 0);
            DoubleVector r = cosine ? VectorSinCos.cos(v) : VectorSinCos.sin(v);
            ((FloatVector) r.convertShape(VectorOperators.D2F, SF_DOUBLE, 0)).intoArray(y, yo + i, m);
        }
    }

    private static void tanhF32(float[] x, int xo, float[] y, int yo, int n) {
        int step = SF.length(), bound = SF.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            FloatVector v = FloatVector.fromArray(SF, x, xo + i);
            VectorTanh.tanh(v).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Float> m = SF.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(SF, x, xo + i, m);
            VectorTanh.tanh(v).intoArray(y, yo + i, m);
        }
    }

    private static void sigmoidF32(float[] x, int xo, float[] y, int yo, int n) {
        int step = SF.length(), bound = SF.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            FloatVector v = FloatVector.fromArray(SF, x, xo + i);
            FloatVector.broadcast(SF, 1f).div(VectorExp.exp(v.neg()).add(1f)).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Float> m = SF.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(SF, x, xo + i, m);
            FloatVector.broadcast(SF, 1f).div(VectorExp.exp(v.neg()).add(1f)).intoArray(y, yo + i, m);
        }
    }

    static void unaryF64(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        // One loop per op: the Vector API needs the operator to be a compile-time constant of the
        // loop (passed in a variable, exp measured 25x slower: no intrinsic, boxed vectors).
        switch (op) {
            case EXP -> expF64(x, xo, y, yo, n);
            case LOG -> logF64(x, xo, y, yo, n);
            case SIN -> sinF64(x, xo, y, yo, n);
            case COS -> cosF64(x, xo, y, yo, n);
            case TANH -> tanhF64(x, xo, y, yo, n);
            case SIGMOID -> sigmoidF64(x, xo, y, yo, n);
            default -> throw new IllegalArgumentException(op.label());
        }
    }

    private static void expF64(double[] x, int xo, double[] y, int yo, int n) {
        int step = SD.length(), bound = SD.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
            VectorExp.exp(v).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Double> m = SD.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i, m);
            VectorExp.exp(v).intoArray(y, yo + i, m);
        }
    }

    private static void logF64(double[] x, int xo, double[] y, int yo, int n) {
        int step = SD.length(), bound = SD.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
            VectorLog.log(v).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Double> m = SD.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i, m);
            VectorLog.log(v).intoArray(y, yo + i, m);
        }
    }

    private static void sinF64(double[] x, int xo, double[] y, int yo, int n) {
        int step = SD.length(), bound = SD.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
            VectorSinCos.sin(v).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Double> m = SD.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i, m);
            VectorSinCos.sin(v).intoArray(y, yo + i, m);
        }
    }

    private static void cosF64(double[] x, int xo, double[] y, int yo, int n) {
        int step = SD.length(), bound = SD.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
            VectorSinCos.cos(v).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Double> m = SD.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i, m);
            VectorSinCos.cos(v).intoArray(y, yo + i, m);
        }
    }

    private static void tanhF64(double[] x, int xo, double[] y, int yo, int n) {
        int step = SD.length(), bound = SD.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
            VectorTanh.tanh(v).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Double> m = SD.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i, m);
            VectorTanh.tanh(v).intoArray(y, yo + i, m);
        }
    }

    private static void sigmoidF64(double[] x, int xo, double[] y, int yo, int n) {
        int step = SD.length(), bound = SD.loopBound(n), i = 0;
        for (; i < bound; i += step) {
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
            DoubleVector.broadcast(SD, 1.0).div(VectorExp.exp(v.neg()).add(1.0)).intoArray(y, yo + i);
        }
        if (i < n) {
            // The tail through the same routine (masked), so no element's result depends on its position.
            VectorMask<Double> m = SD.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(SD, x, xo + i, m);
            DoubleVector.broadcast(SD, 1.0).div(VectorExp.exp(v.neg()).add(1.0)).intoArray(y, yo + i, m);
        }
    }

    /** add, sub, mul, div; false for other ops. Unmasked main loop, scalar tail (both exact, so they agree). */
    static boolean binaryF32(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
        int step = SF.length(), bound = SF.loopBound(n), i = 0;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += step) {
                    FloatVector.fromArray(SF, a, ao + i).add(FloatVector.fromArray(SF, b, bo + i)).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = a[ao + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (; i < bound; i += step) {
                    FloatVector.fromArray(SF, a, ao + i).sub(FloatVector.fromArray(SF, b, bo + i)).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = a[ao + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (; i < bound; i += step) {
                    FloatVector.fromArray(SF, a, ao + i).mul(FloatVector.fromArray(SF, b, bo + i)).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = a[ao + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (; i < bound; i += step) {
                    FloatVector.fromArray(SF, a, ao + i).div(FloatVector.fromArray(SF, b, bo + i)).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = a[ao + i] / b[bo + i];
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** neg, abs, sqrt, relu (all exact, so the scalar tail agrees); false for other ops. */
    static boolean simpleF32(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
        int step = SF.length(), bound = SF.loopBound(n), i = 0;
        switch (op) {
            case NEG -> {
                for (; i < bound; i += step) {
                    FloatVector v = FloatVector.fromArray(SF, x, xo + i);
                    v.neg().intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = -x[xo + i];
                }
            }
            case ABS -> {
                for (; i < bound; i += step) {
                    FloatVector v = FloatVector.fromArray(SF, x, xo + i);
                    v.abs().intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = Math.abs(x[xo + i]);
                }
            }
            case SQRT -> {
                for (; i < bound; i += step) {
                    FloatVector v = FloatVector.fromArray(SF, x, xo + i);
                    v.sqrt().intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = (float) Math.sqrt(x[xo + i]);
                }
            }
            case RELU -> {
                for (; i < bound; i += step) {
                    FloatVector v = FloatVector.fromArray(SF, x, xo + i);
                    v.max((float) 0).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = Math.max(x[xo + i], (float) 0);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** add, sub, mul, div; false for other ops. Unmasked main loop, scalar tail (both exact, so they agree). */
    static boolean binaryF64(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] y, int yo, int n) {
        int step = SD.length(), bound = SD.loopBound(n), i = 0;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += step) {
                    DoubleVector.fromArray(SD, a, ao + i).add(DoubleVector.fromArray(SD, b, bo + i)).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = a[ao + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (; i < bound; i += step) {
                    DoubleVector.fromArray(SD, a, ao + i).sub(DoubleVector.fromArray(SD, b, bo + i)).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = a[ao + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (; i < bound; i += step) {
                    DoubleVector.fromArray(SD, a, ao + i).mul(DoubleVector.fromArray(SD, b, bo + i)).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = a[ao + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (; i < bound; i += step) {
                    DoubleVector.fromArray(SD, a, ao + i).div(DoubleVector.fromArray(SD, b, bo + i)).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = a[ao + i] / b[bo + i];
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** neg, abs, sqrt, relu (all exact, so the scalar tail agrees); false for other ops. */
    static boolean simpleF64(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        int step = SD.length(), bound = SD.loopBound(n), i = 0;
        switch (op) {
            case NEG -> {
                for (; i < bound; i += step) {
                    DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
                    v.neg().intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = -x[xo + i];
                }
            }
            case ABS -> {
                for (; i < bound; i += step) {
                    DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
                    v.abs().intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = Math.abs(x[xo + i]);
                }
            }
            case SQRT -> {
                for (; i < bound; i += step) {
                    DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
                    v.sqrt().intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = Math.sqrt(x[xo + i]);
                }
            }
            case RELU -> {
                for (; i < bound; i += step) {
                    DoubleVector v = DoubleVector.fromArray(SD, x, xo + i);
                    v.max((double) 0).intoArray(y, yo + i);
                }
                for (; i < n; i++) {
                    y[yo + i] = Math.max(x[xo + i], (double) 0);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code y[yo + j] += alpha * x[xo + j]} for j in [0, n): one row of a vector-matrix product. */
    static void axpyF32(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int step = SF.length(), bound = SF.loopBound(n), j = 0;
        FloatVector av = FloatVector.broadcast(SF, alpha);
        for (; j < bound; j += step) {
            av.fma(FloatVector.fromArray(SF, x, xo + j), FloatVector.fromArray(SF, y, yo + j)).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = Math.fma(alpha, x[xo + j], y[yo + j]);
        }
    }

    /** {@code sum_j x[xo + j] * z[zo + j]}: one element of a matrix-vector product. */
    static float dotF32(float[] x, int xo, float[] z, int zo, int n) {
        int step = SF.length(), j = 0;
        FloatVector s0 = FloatVector.zero(SF), s1 = s0;
        for (; j + 2 * step <= n; j += 2 * step) {
            s0 = FloatVector.fromArray(SF, x, xo + j).fma(FloatVector.fromArray(SF, z, zo + j), s0);
            s1 = FloatVector.fromArray(SF, x, xo + j + step).fma(FloatVector.fromArray(SF, z, zo + j + step), s1);
        }
        float s = LaneSums.sum(s0.add(s1));
        for (; j < n; j++) {
            s = Math.fma(x[xo + j], z[zo + j], s);
        }
        return s;
    }

    /** {@code y[yo + j] += alpha * x[xo + j]} for j in [0, n): one row of a vector-matrix product. */
    static void axpyF64(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        int step = SD.length(), bound = SD.loopBound(n), j = 0;
        DoubleVector av = DoubleVector.broadcast(SD, alpha);
        for (; j < bound; j += step) {
            av.fma(DoubleVector.fromArray(SD, x, xo + j), DoubleVector.fromArray(SD, y, yo + j)).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = Math.fma(alpha, x[xo + j], y[yo + j]);
        }
    }

    /** {@code sum_j x[xo + j] * z[zo + j]}: one element of a matrix-vector product. */
    static double dotF64(double[] x, int xo, double[] z, int zo, int n) {
        int step = SD.length(), j = 0;
        DoubleVector s0 = DoubleVector.zero(SD), s1 = s0;
        for (; j + 2 * step <= n; j += 2 * step) {
            s0 = DoubleVector.fromArray(SD, x, xo + j).fma(DoubleVector.fromArray(SD, z, zo + j), s0);
            s1 = DoubleVector.fromArray(SD, x, xo + j + step).fma(DoubleVector.fromArray(SD, z, zo + j + step), s1);
        }
        double s = LaneSums.sum(s0.add(s1));
        for (; j < n; j++) {
            s = Math.fma(x[xo + j], z[zo + j], s);
        }
        return s;
    }

    /** Lane-wise max/min with Java semantics (NaN wins, -0 < +0), as {@link Math#max}. */
    static void maxF32(float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += SF.length()) {
            VectorMask<Float> m = SF.indexInRange(i, n);
            FloatVector.fromArray(SF, a, ao + i, m).max(FloatVector.fromArray(SF, b, bo + i, m)).intoArray(y, yo + i, m);
        }
    }

    static void minF32(float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += SF.length()) {
            VectorMask<Float> m = SF.indexInRange(i, n);
            FloatVector.fromArray(SF, a, ao + i, m).min(FloatVector.fromArray(SF, b, bo + i, m)).intoArray(y, yo + i, m);
        }
    }

    static void maxF64(double[] a, int ao, double[] b, int bo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += SD.length()) {
            VectorMask<Double> m = SD.indexInRange(i, n);
            DoubleVector.fromArray(SD, a, ao + i, m).max(DoubleVector.fromArray(SD, b, bo + i, m)).intoArray(y, yo + i, m);
        }
    }

    static void minF64(double[] a, int ao, double[] b, int bo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += SD.length()) {
            VectorMask<Double> m = SD.indexInRange(i, n);
            DoubleVector.fromArray(SD, a, ao + i, m).min(DoubleVector.fromArray(SD, b, bo + i, m)).intoArray(y, yo + i, m);
        }
    }
}
