package delta.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The sum of a vector's lanes from the first to the last. The Vector API's
 * {@code reduceLanes(ADD)} adds them in that order before C2 has compiled the caller (its Java
 * fallback) and in a tree afterwards (the intrinsic need not keep the order for floating point),
 * so a sum's last bit depended on when the JIT finished; floating-point addition is not
 * associative. Summing the lanes one by one in a fixed order gives the same bits either way, for a
 * few additions per row or chunk, not per element (docs/tensors.md, "Reproducibility"). Lanes
 * outside a mask count as zero, which adding leaves a sum unchanged.
 */
final class LaneSums {
    private LaneSums() {
    }

    static double sum(DoubleVector v) {
        // The lane count is a constant of the species, so C2 unrolls this into lane extractions
        // (an array copy of the lanes cost an allocation per row: softmax over rows of 10, +50%).
        double s = v.lane(0);
        for (int i = 1; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }

    static float sum(FloatVector v) {
        float s = v.lane(0);
        for (int i = 1; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }

    static double sum(DoubleVector v, VectorMask<Double> m) {
        return sum(DoubleVector.zero(v.species()).blend(v, m));
    }

    static float sum(FloatVector v, VectorMask<Float> m) {
        return sum(FloatVector.zero(v.species()).blend(v, m));
    }
}
