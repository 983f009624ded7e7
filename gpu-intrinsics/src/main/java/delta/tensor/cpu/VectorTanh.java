package delta.tensor.cpu;

import static delta.tensor.cpu.VectorExp.LN2_HI;
import static delta.tensor.cpu.VectorExp.LN2_HI_F;
import static delta.tensor.cpu.VectorExp.LN2_LO;
import static delta.tensor.cpu.VectorExp.LN2_LO_F;
import static delta.tensor.cpu.VectorExp.LOG2E;
import static delta.tensor.cpu.VectorExp.LOG2E_F;
import static delta.tensor.cpu.VectorExp.SHIFT;
import static delta.tensor.cpu.VectorExp.SHIFT_BITS;
import static delta.tensor.cpu.VectorExp.SHIFT_BITS_F;
import static delta.tensor.cpu.VectorExp.SHIFT_F;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * tanh of whole vectors from basic operations only, for the reason given in {@link VectorExp}: the
 * same bits whether C2 has compiled the kernel or not.
 *
 * <p>Method: for a = |x|, tanh(a) = m / (m + 2) with m = e^(2a) - 1, which keeps full relative
 * accuracy down to the smallest a (1 - 2 / (e^(2a) + 1) would cancel). m comes from the same
 * reduction as e^x, 2a = k ln2 + r with k >= 0, as 2^k q + (2^k - 1) where q = e^r - 1 is the
 * Taylor polynomial without its constant term (for k = 0 that is q itself, exactly); the sign of x
 * is put back from its bits, so tanh(-0) = -0. a is clamped to 20 (9 in f32), beyond which tanh
 * rounds to 1; NaN stays NaN. Error: within 3 ulps of {@code Math.tanh} in f64 and 2 in f32 (of its
 * value rounded to float) over the tested inputs
 * (VectorMathFunctionsTest).
 */
final class VectorTanh {
    private VectorTanh() {
    }

    static DoubleVector tanh(DoubleVector x) {
        DoubleVector y = x.abs().min(20.0).mul(2.0);
        DoubleVector t = y.lanewise(VectorOperators.FMA, LOG2E, SHIFT);
        DoubleVector k = t.sub(SHIFT);
        DoubleVector r = k.lanewise(VectorOperators.FMA, -LN2_HI, y);
        r = k.lanewise(VectorOperators.FMA, -LN2_LO, r);
        DoubleVector s = t.reinterpretAsLongs().sub(SHIFT_BITS).add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector m = s.lanewise(VectorOperators.FMA, VectorExp.expm1OverR(r).mul(r), s.sub(1.0));
        DoubleVector magnitude = m.div(m.add(2.0));
        LongVector sign = x.reinterpretAsLongs().and(Long.MIN_VALUE);
        return magnitude.reinterpretAsLongs().or(sign).reinterpretAsDoubles();
    }

    static FloatVector tanh(FloatVector x) {
        FloatVector y = x.abs().min(9f).mul(2f);
        FloatVector t = y.lanewise(VectorOperators.FMA, LOG2E_F, SHIFT_F);
        FloatVector k = t.sub(SHIFT_F);
        FloatVector r = k.lanewise(VectorOperators.FMA, -LN2_HI_F, y);
        r = k.lanewise(VectorOperators.FMA, -LN2_LO_F, r);
        FloatVector s = t.reinterpretAsInts().sub(SHIFT_BITS_F).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector m = s.lanewise(VectorOperators.FMA, VectorExp.expm1OverR(r).mul(r), s.sub(1f));
        FloatVector magnitude = m.div(m.add(2f));
        IntVector sign = x.reinterpretAsInts().and(Integer.MIN_VALUE);
        return magnitude.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }
}
