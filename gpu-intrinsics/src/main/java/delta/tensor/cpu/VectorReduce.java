package delta.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row reductions with the Vector API: sum (f32 widened to double), max and min (NaN wins), and
 * the exp-and-sum pass of softmax. Several vector accumulators so that additions pipeline.
 * Only loaded when {@link Simd#AVAILABLE}.
 */
final class VectorReduce {
    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;

    private VectorReduce() {
    }

    /** Sum of a unit-stride f32 row, in double (each vector is widened to two double vectors). */
    static double sumF32(float[] a, int off, int n) {
        DoubleVector s0 = DoubleVector.zero(SD), s1 = s0, s2 = s0, s3 = s0;
        int step = SF.length();
        int i = 0;
        for (; i + 2 * step <= n; i += 2 * step) {
            FloatVector v = FloatVector.fromArray(SF, a, off + i);
            FloatVector w = FloatVector.fromArray(SF, a, off + i + step);
            s0 = s0.add(v.convertShape(VectorOperators.F2D, SD, 0));
            s1 = s1.add(v.convertShape(VectorOperators.F2D, SD, 1));
            s2 = s2.add(w.convertShape(VectorOperators.F2D, SD, 0));
            s3 = s3.add(w.convertShape(VectorOperators.F2D, SD, 1));
        }
        double s = LaneSums.sum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    static double sumF64(double[] a, int off, int n) {
        DoubleVector s0 = DoubleVector.zero(SD), s1 = s0, s2 = s0, s3 = s0;
        int step = SD.length();
        int i = 0;
        for (; i + 4 * step <= n; i += 4 * step) {
            s0 = s0.add(DoubleVector.fromArray(SD, a, off + i));
            s1 = s1.add(DoubleVector.fromArray(SD, a, off + i + step));
            s2 = s2.add(DoubleVector.fromArray(SD, a, off + i + 2 * step));
            s3 = s3.add(DoubleVector.fromArray(SD, a, off + i + 3 * step));
        }
        double s = LaneSums.sum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    /** Max (or min) of a unit-stride row with Java semantics (NaN wins); the identity when empty. */
    static double extremeF32(float[] a, int off, int n, boolean max) {
        float id = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        FloatVector m0 = FloatVector.broadcast(SF, id), m1 = m0;
        int step = SF.length();
        int i = 0;
        for (; i + 2 * step <= n; i += 2 * step) {
            FloatVector v = FloatVector.fromArray(SF, a, off + i), w = FloatVector.fromArray(SF, a, off + i + step);
            m0 = max ? m0.max(v) : m0.min(v);
            m1 = max ? m1.max(w) : m1.min(w);
        }
        float r = max ? m0.max(m1).reduceLanes(VectorOperators.MAX) : m0.min(m1).reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) {
            r = max ? Math.max(r, a[off + i]) : Math.min(r, a[off + i]);
        }
        return r;
    }

    static double extremeF64(double[] a, int off, int n, boolean max) {
        double id = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        DoubleVector m0 = DoubleVector.broadcast(SD, id), m1 = m0;
        int step = SD.length();
        int i = 0;
        for (; i + 2 * step <= n; i += 2 * step) {
            DoubleVector v = DoubleVector.fromArray(SD, a, off + i), w = DoubleVector.fromArray(SD, a, off + i + step);
            m0 = max ? m0.max(v) : m0.min(v);
            m1 = max ? m1.max(w) : m1.min(w);
        }
        double r = max ? m0.max(m1).reduceLanes(VectorOperators.MAX) : m0.min(m1).reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) {
            r = max ? Math.max(r, a[off + i]) : Math.min(r, a[off + i]);
        }
        return r;
    }

    /** {@code y[i] = exp(x[i] - shift)}, returning the sum of the y (accumulated in double). */
    static double expShiftedF32(float[] x, int xo, float[] y, int yo, int n, float shift) {
        int step = SF.length(), bound = SF.loopBound(n), i = 0;
        DoubleVector s0 = DoubleVector.zero(SD), s1 = s0;
        for (; i < bound; i += step) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(SF, x, xo + i).sub(shift));
            e.intoArray(y, yo + i);
            s0 = s0.add(e.convertShape(VectorOperators.F2D, SD, 0));
            s1 = s1.add(e.convertShape(VectorOperators.F2D, SD, 1));
        }
        double sum = LaneSums.sum(s0.add(s1));
        if (i < n) {
            VectorMask<Float> m = SF.indexInRange(i, n);
            FloatVector e = VectorExp.exp(FloatVector.fromArray(SF, x, xo + i, m).sub(shift));
            e.intoArray(y, yo + i, m);
            sum += LaneSums.sum(e, m);
        }
        return sum;
    }

    static double expShiftedF64(double[] x, int xo, double[] y, int yo, int n, double shift) {
        int step = SD.length(), bound = SD.loopBound(n), i = 0;
        DoubleVector acc = DoubleVector.zero(SD);
        for (; i < bound; i += step) {
            DoubleVector e = VectorExp.exp(DoubleVector.fromArray(SD, x, xo + i).sub(shift));
            e.intoArray(y, yo + i);
            acc = acc.add(e);
        }
        double sum = LaneSums.sum(acc);
        if (i < n) {
            VectorMask<Double> m = SD.indexInRange(i, n);
            DoubleVector e = VectorExp.exp(DoubleVector.fromArray(SD, x, xo + i, m).sub(shift));
            e.intoArray(y, yo + i, m);
            sum += LaneSums.sum(e, m);
        }
        return sum;
    }
}
