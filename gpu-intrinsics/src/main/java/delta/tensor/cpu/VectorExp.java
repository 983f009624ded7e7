package delta.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * e^x for whole vectors, written with additions, multiplications, fused multiply-adds and bit
 * operations only, so that it gives the same bits whether C2 has compiled the calling kernel or
 * not. The Vector API's own EXP does not: compiled, it calls the CPU vendor's vector library;
 * before that, it computes each lane with {@code Math.exp}, and the two differ in the last bit for
 * about 1% (f32) and 4% (f64) of inputs, so results depended on when the JIT finished (see
 * docs/tensors.md, "Reproducibility"). Every operation used here is exactly rounded (IEEE 754) in
 * both forms.
 *
 * <p>Method: x = k ln2 + r with k = round(x / ln2) and |r| <= ln2 / 2 (ln2 in two parts, each
 * product exact in a fused multiply-add), e^r by its Taylor polynomial (degree 13 in f64, 7 in f32:
 * truncation below a hundredth of an ulp), then the scaling by 2^k as two exact multiplications by
 * powers of two built from exponent bits, so that results near overflow and in the subnormal range
 * are rounded once. Error: within 1 ulp of {@code Math.exp} over the tested inputs
 * (VectorMathFunctionsTest). x is clamped first to where the result is 0 or infinite anyway; NaN stays NaN.
 *
 * <p>Each step is a method of its own below C2's limit for inlining a hot method (325 bytes of
 * bytecode): a vector that crosses a call C2 did not inline is boxed, and exp written as one
 * method (371 bytes) ran at half the speed of the vendor library. Inlined, f64 e^x on 10^6
 * elements takes 1.5-1.6 ms against the library's 1.35-1.4 ms, f32 0.75-0.8 against 0.65-0.7
 * (memory-bound either way; evaluating the polynomial as two shorter chains gained nothing and
 * cost accuracy).
 */
final class VectorExp {
    private VectorExp() {
    }

    // The reduction's constants, shared with VectorTanh.
    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0.6931471805599453;
    static final double LN2_LO = 2.3190468138462996e-17;
    /** 1.5 * 2^52: added to x / ln2, it leaves round(x / ln2) in the low bits of the sum. */
    static final double SHIFT = 0x1.8p52;
    static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);

    static final float LOG2E_F = 1.44269504f;
    static final float LN2_HI_F = 0.693147182f;
    static final float LN2_LO_F = -1.90465421e-09f;
    static final float SHIFT_F = 0x1.8p23f;
    static final int SHIFT_BITS_F = Float.floatToRawIntBits(SHIFT_F);

    static DoubleVector exp(DoubleVector x) {
        // e^-746 is below half the smallest subnormal, e^710 above the largest double.
        DoubleVector xc = x.max(-746.0).min(710.0);
        DoubleVector t = xc.lanewise(VectorOperators.FMA, LOG2E, SHIFT);
        DoubleVector k = t.sub(SHIFT);
        DoubleVector r = k.lanewise(VectorOperators.FMA, -LN2_HI, xc);
        r = k.lanewise(VectorOperators.FMA, -LN2_LO, r);
        return scale(taylor(r), t);
    }

    /** e^r for |r| <= ln2 / 2: its Taylor polynomial of degree 13, in Horner's order. */
    private static DoubleVector taylor(DoubleVector r) {
        return expm1OverR(r).lanewise(VectorOperators.FMA, r, 1.0);
    }

    /** (e^r - 1) / r for |r| <= ln2 / 2: the rest of the Taylor polynomial (VectorTanh uses it for e^r - 1). */
    static DoubleVector expm1OverR(DoubleVector r) {
        DoubleVector p = r.lanewise(VectorOperators.FMA, 1.0 / 6227020800.0, 1.0 / 479001600.0);
        p = p.lanewise(VectorOperators.FMA, r, 1.0 / 39916800.0);
        p = p.lanewise(VectorOperators.FMA, r, 1.0 / 3628800.0);
        p = p.lanewise(VectorOperators.FMA, r, 1.0 / 362880.0);
        p = p.lanewise(VectorOperators.FMA, r, 1.0 / 40320.0);
        p = p.lanewise(VectorOperators.FMA, r, 1.0 / 5040.0);
        p = p.lanewise(VectorOperators.FMA, r, 1.0 / 720.0);
        p = p.lanewise(VectorOperators.FMA, r, 1.0 / 120.0);
        p = p.lanewise(VectorOperators.FMA, r, 1.0 / 24.0);
        p = p.lanewise(VectorOperators.FMA, r, 1.0 / 6.0);
        p = p.lanewise(VectorOperators.FMA, r, 0.5);
        return p.lanewise(VectorOperators.FMA, r, 1.0);
    }

    /** p * 2^k, k = round(x / ln2) being the low bits of t, as p * 2^(k >> 1) * 2^(k - (k >> 1)): each factor a normal double for every clamped x. */
    private static DoubleVector scale(DoubleVector p, DoubleVector t) {
        LongVector ki = t.reinterpretAsLongs().sub(SHIFT_BITS);
        LongVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
        LongVector k2 = ki.sub(k1);
        DoubleVector s1 = k1.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = k2.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(s1).mul(s2);
    }

    static FloatVector exp(FloatVector x) {
        // e^-104 is below half the smallest subnormal float, e^89 above the largest float.
        FloatVector xc = x.max(-104f).min(89f);
        FloatVector t = xc.lanewise(VectorOperators.FMA, LOG2E_F, SHIFT_F);
        FloatVector k = t.sub(SHIFT_F);
        FloatVector r = k.lanewise(VectorOperators.FMA, -LN2_HI_F, xc);
        r = k.lanewise(VectorOperators.FMA, -LN2_LO_F, r);
        return scale(taylor(r), t);
    }

    /** e^r for |r| <= ln2 / 2: its Taylor polynomial of degree 7, in Horner's order. */
    private static FloatVector taylor(FloatVector r) {
        return expm1OverR(r).lanewise(VectorOperators.FMA, r, 1f);
    }

    /** (e^r - 1) / r for |r| <= ln2 / 2, in f32. */
    static FloatVector expm1OverR(FloatVector r) {
        FloatVector p = r.lanewise(VectorOperators.FMA, 1f / 5040f, 1f / 720f);
        p = p.lanewise(VectorOperators.FMA, r, 1f / 120f);
        p = p.lanewise(VectorOperators.FMA, r, 1f / 24f);
        p = p.lanewise(VectorOperators.FMA, r, 1f / 6f);
        p = p.lanewise(VectorOperators.FMA, r, 0.5f);
        return p.lanewise(VectorOperators.FMA, r, 1f);
    }

    /** As the f64 scale, with float exponent bits (bias 127, 23 mantissa bits). */
    private static FloatVector scale(FloatVector p, FloatVector t) {
        IntVector ki = t.reinterpretAsInts().sub(SHIFT_BITS_F);
        IntVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
        IntVector k2 = ki.sub(k1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }
}
