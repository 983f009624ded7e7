package delta.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The natural logarithm of whole vectors from basic operations only, for the reason given in
 * {@link VectorExp}: the same bits whether C2 has compiled the kernel or not.
 *
 * <p>Method (as in fdlibm): x = 2^e m with m in [sqrt(1/2), sqrt(2)) read from the bits
 * (subnormal x scaled by 2^54, or 2^25 in f32, first), f = m - 1 exactly, s = f / (2 + f), and
 * log(m) = 2 atanh(s) = f - s (f - z P(z)) with z = s^2 and P the series' coefficients 2 / (2k + 3)
 * (|s| <= 0.1716, so eleven terms in f64 and five in f32 leave the truncation far below an ulp);
 * then e ln2 added with ln2 in two parts. Lanes the formula does not cover (negative, zero,
 * infinite, NaN) take {@code Math.log}'s answer, exact there. Error: within 1 ulp of
 * {@code Math.log} over the tested inputs (VectorMathFunctionsTest). f64 log at 10^6 elements: 2.0 ms against
 * the vendor library's 1.9.
 */
final class VectorLog {
    private VectorLog() {
    }

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SQRT2 = 1.4142135623730951;

    private static final float LN2_HI_F = 0.693145751953125f;
    private static final float LN2_LO_F = 1.42860677e-06f;
    private static final float SQRT2_F = 1.41421354f;

    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> subnormal = x.lt(Double.MIN_NORMAL);
        DoubleVector xs = x.blend(x.mul(0x1p54), subnormal);
        LongVector bits = xs.reinterpretAsLongs();
        LongVector e = bits.lanewise(VectorOperators.LSHR, 52).sub(1023L);
        e = e.blend(e.sub(54L), subnormal.cast(e.species()));
        DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
        VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5), high);
        e = e.blend(e.add(1L), high.cast(e.species()));
        DoubleVector f = m.sub(1.0);
        DoubleVector k = (DoubleVector) e.convert(VectorOperators.L2D, 0);
        DoubleVector r = k.lanewise(VectorOperators.FMA, LN2_LO, log1p(f));
        DoubleVector y = k.lanewise(VectorOperators.FMA, LN2_HI, r);
        // What the formula does not give: NaN for negative x and NaN, -infinity for zeros,
        // infinity for infinity; Math.log's own answers there, one lane at a time, and only for a
        // vector that has such a lane (written out here rather than in a method: a second call
        // in the kernel went past C2's node limit for inlining, and the vector was boxed).
        VectorMask<Double> regular = x.compare(VectorOperators.GT, 0.0).and(x.lt(Double.POSITIVE_INFINITY));
        if (!regular.allTrue()) {
            double[] lanes = y.toArray();
            for (int i = 0; i < lanes.length; i++) {
                if (!regular.laneIsSet(i)) {
                    lanes[i] = Math.log(x.lane(i));
                }
            }
            y = DoubleVector.fromArray(x.species(), lanes, 0);
        }
        return y;
    }

    /** log(1 + f) for f in [sqrt(1/2) - 1, sqrt(2) - 1). */
    private static DoubleVector log1p(DoubleVector f) {
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector p = z.lanewise(VectorOperators.FMA, 2.0 / 23, 2.0 / 21);
        p = p.lanewise(VectorOperators.FMA, z, 2.0 / 19);
        p = p.lanewise(VectorOperators.FMA, z, 2.0 / 17);
        p = p.lanewise(VectorOperators.FMA, z, 2.0 / 15);
        p = p.lanewise(VectorOperators.FMA, z, 2.0 / 13);
        p = p.lanewise(VectorOperators.FMA, z, 2.0 / 11);
        p = p.lanewise(VectorOperators.FMA, z, 2.0 / 9);
        p = p.lanewise(VectorOperators.FMA, z, 2.0 / 7);
        p = p.lanewise(VectorOperators.FMA, z, 2.0 / 5);
        p = p.lanewise(VectorOperators.FMA, z, 2.0 / 3);
        return f.sub(s.mul(f.sub(z.mul(p))));
    }

    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.lt(Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(0x1p25f), subnormal);
        IntVector bits = xs.reinterpretAsInts();
        IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(127);
        e = e.blend(e.sub(25), subnormal.cast(e.species()));
        FloatVector m = bits.and(0x007FFFFF).or(0x3F800000).reinterpretAsFloats();
        VectorMask<Float> high = m.compare(VectorOperators.GT, SQRT2_F);
        m = m.blend(m.mul(0.5f), high);
        e = e.blend(e.add(1), high.cast(e.species()));
        FloatVector f = m.sub(1f);
        FloatVector k = (FloatVector) e.convert(VectorOperators.I2F, 0);
        FloatVector r = k.lanewise(VectorOperators.FMA, LN2_LO_F, log1p(f));
        FloatVector y = k.lanewise(VectorOperators.FMA, LN2_HI_F, r);
        VectorMask<Float> regular = x.compare(VectorOperators.GT, 0f).and(x.lt(Float.POSITIVE_INFINITY));
        if (!regular.allTrue()) {
            float[] lanes = y.toArray();
            for (int i = 0; i < lanes.length; i++) {
                if (!regular.laneIsSet(i)) {
                    lanes[i] = (float) Math.log(x.lane(i));
                }
            }
            y = FloatVector.fromArray(x.species(), lanes, 0);
        }
        return y;
    }

    private static FloatVector log1p(FloatVector f) {
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector p = z.lanewise(VectorOperators.FMA, 2f / 11, 2f / 9);
        p = p.lanewise(VectorOperators.FMA, z, 2f / 7);
        p = p.lanewise(VectorOperators.FMA, z, 2f / 5);
        p = p.lanewise(VectorOperators.FMA, z, 2f / 3);
        return f.sub(s.mul(f.sub(z.mul(p))));
    }
}
