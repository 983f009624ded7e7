package delta.tensor;

import java.util.Arrays;
import java.util.Comparator;

/**
 * argsort along an axis, for every backend: read to the host, each line's positions sorted (stably,
 * ascending, nan last as in NumPy), written back as i64. Sorting is rare in a training step, so
 * one plain implementation serves all devices.
 */
final class Orderings {
    private Orderings() {
    }

    static Tensor argsort(Backend backend, Tensor x, int axis) {
        Shape shape = x.shape();
        int ax = shape.axis("argsort", axis);
        double[] data = backend.toDoubleArray(x);
        AxisLines lines = AxisLines.of(shape, ax);
        int n = lines.n();
        long[] out = new long[data.length];
        Integer[] order = new Integer[n];
        double[] line = new double[n];
        // Double.compare orders nan after every number, and -0.0 before 0.0; a stable sort keeps ties in place.
        Comparator<Integer> byValue = (i, j) -> Double.compare(line[i] == 0 ? 0.0 : line[i], line[j] == 0 ? 0.0 : line[j]);
        for (int p = 0; p < lines.pre(); p++) {
            for (int q = 0; q < lines.post(); q++) {
                for (int k = 0; k < n; k++) {
                    line[k] = data[lines.at(p, k, q)];
                    order[k] = k;
                }
                Arrays.sort(order, byValue);
                for (int k = 0; k < n; k++) {
                    out[lines.at(p, k, q)] = order[k];
                }
            }
        }
        return backend.fromArray(out, shape);
    }
}
