package delta.tensor.cpu;

import static delta.tensor.cpu.VectorExp.SHIFT;
import static delta.tensor.cpu.VectorExp.SHIFT_BITS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * sin and cos of whole vectors from basic operations only, for the reason given in
 * {@link VectorExp}: the same bits whether C2 has compiled the kernel or not.
 *
 * <p>Method (Cody and Waite's reduction, as in fdlibm for moderate arguments): x = k pi/2 + r with
 * k = round(x / (pi/2)) and pi/2 in three parts of 33 bits plus a tail, each product exact in a
 * fused multiply-add and each step rounded once, so |r| <= pi/4; sin r and cos r by their Taylor
 * polynomials (degrees 17 and 18: truncation below half an ulp); then the quadrant k mod 4 picks
 * +-sin r or +-cos r. Lanes with |x| above 2^19 pi/2, where three parts no longer give r exactly
 * enough, and non-finite lanes take {@code Math.sin}/{@code Math.cos}'s answer, exact and the same
 * in every JIT tier. f32 is computed in f64 and rounded (VectorMath). Error: within 2 ulps of
 * {@code Math.sin}/{@code Math.cos} over the tested inputs, 1 in f32 (VectorMathFunctionsTest); fdlibm's
 * last ulp needs the reduced argument as two doubles, which this does not keep.
 */
final class VectorSinCos {
    private VectorSinCos() {
    }

    private static final double TWO_OVER_PI = 6.36619772367581382433e-01;
    private static final double PIO2_1 = 1.57079632673412561417e+00;
    private static final double PIO2_2 = 6.07710050630396597660e-11;
    private static final double PIO2_3 = 2.02226624871116645580e-21;
    private static final double PIO2_3T = 8.47842766036889956997e-32;
    /** Beyond this |x| the reduction above is not exact enough (fdlibm's bound for it). */
    private static final double REDUCTION_LIMIT = 0x1p19 * Math.PI / 2;

    static DoubleVector sin(DoubleVector x) {
        return evaluate(x, false);
    }

    static DoubleVector cos(DoubleVector x) {
        return evaluate(x, true);
    }

    private static DoubleVector evaluate(DoubleVector x, boolean cosine) {
        DoubleVector t = x.lanewise(VectorOperators.FMA, TWO_OVER_PI, SHIFT);
        DoubleVector k = t.sub(SHIFT);
        DoubleVector r = k.lanewise(VectorOperators.FMA, -PIO2_1, x);
        r = k.lanewise(VectorOperators.FMA, -PIO2_2, r);
        r = k.lanewise(VectorOperators.FMA, -PIO2_3, r);
        r = k.lanewise(VectorOperators.FMA, -PIO2_3T, r);
        // The quadrant: sin x = sin r, cos r, -sin r, -cos r for k mod 4 = 0, 1, 2, 3; cos x is sin
        // of the next quadrant.
        LongVector quadrant = t.reinterpretAsLongs().sub(SHIFT_BITS);
        if (cosine) {
            quadrant = quadrant.add(1L);
        }
        VectorMask<Double> useCos = quadrant.and(1L).compare(VectorOperators.NE, 0L).cast(x.species());
        VectorMask<Double> negate = quadrant.and(2L).compare(VectorOperators.NE, 0L).cast(x.species());
        DoubleVector z = r.mul(r);
        DoubleVector y = sinTaylor(r, z).blend(cosTaylor(z), useCos);
        y = y.blend(y.neg(), negate);
        if (!cosine) {
            // sin(-0) = -0, which r + r z p loses (the product's zero is +0).
            y = y.blend(x, x.eq(0.0));
        }
        return patchLarge(x, y, cosine);
    }

    /** sin r for |r| <= pi/4, z = r^2: r times its Taylor series in z to degree 17. */
    private static DoubleVector sinTaylor(DoubleVector r, DoubleVector z) {
        DoubleVector p = z.lanewise(VectorOperators.FMA, 1.0 / 355687428096000.0, -1.0 / 1307674368000.0);
        p = p.lanewise(VectorOperators.FMA, z, 1.0 / 6227020800.0);
        p = p.lanewise(VectorOperators.FMA, z, -1.0 / 39916800.0);
        p = p.lanewise(VectorOperators.FMA, z, 1.0 / 362880.0);
        p = p.lanewise(VectorOperators.FMA, z, -1.0 / 5040.0);
        p = p.lanewise(VectorOperators.FMA, z, 1.0 / 120.0);
        p = p.lanewise(VectorOperators.FMA, z, -1.0 / 6.0);
        // r + r z p: the leading term added last, exactly.
        return r.mul(z).lanewise(VectorOperators.FMA, p, r);
    }

    /** cos r for |r| <= pi/4, z = r^2: its Taylor series in z to degree 18. */
    private static DoubleVector cosTaylor(DoubleVector z) {
        DoubleVector p = z.lanewise(VectorOperators.FMA, -1.0 / 6402373705728000.0, 1.0 / 20922789888000.0);
        p = p.lanewise(VectorOperators.FMA, z, -1.0 / 87178291200.0);
        p = p.lanewise(VectorOperators.FMA, z, 1.0 / 479001600.0);
        p = p.lanewise(VectorOperators.FMA, z, -1.0 / 3628800.0);
        p = p.lanewise(VectorOperators.FMA, z, 1.0 / 40320.0);
        p = p.lanewise(VectorOperators.FMA, z, -1.0 / 720.0);
        p = p.lanewise(VectorOperators.FMA, z, 1.0 / 24.0);
        // 1 - z/2 + z^2 p: the leading terms added last.
        DoubleVector hz = z.mul(0.5);
        return z.mul(z).lanewise(VectorOperators.FMA, p, DoubleVector.broadcast(z.species(), 1.0).sub(hz));
    }

    /** Math's answer for lanes beyond the reduction's range and for NaN and infinities. */
    private static DoubleVector patchLarge(DoubleVector x, DoubleVector y, boolean cosine) {
        VectorMask<Double> regular = x.abs().compare(VectorOperators.LE, REDUCTION_LIMIT);
        if (regular.allTrue()) {
            return y;
        }
        double[] lanes = y.toArray();
        for (int i = 0; i < lanes.length; i++) {
            if (!regular.laneIsSet(i)) {
                lanes[i] = cosine ? Math.cos(x.lane(i)) : Math.sin(x.lane(i));
            }
        }
        return DoubleVector.fromArray(x.species(), lanes, 0);
    }
}
