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
        int n = shape.dim(ax), pre = shape.sub(0, ax).size(), post = shape.sub(ax + 1, shape.rank()).size();
        long[] out = new long[data.length];
        Integer[] order = new Integer[n];
        double[] line = new double[n];
        // Double.compare orders nan after every number, and -0.0 before 0.0; a stable sort keeps ties in place.
        Comparator<Integer> byValue = (i, j) -> Double.compare(line[i] == 0 ? 0.0 : line[i], line[j] == 0 ? 0.0 : line[j]);
        for (int p = 0; p < pre; p++) {
            for (int q = 0; q < post; q++) {
                for (int k = 0; k < n; k++) {
                    line[k] = data[(p * n + k) * post + q];
                    order[k] = k;
                }
                Arrays.sort(order, byValue);
                for (int k = 0; k < n; k++) {
                    out[(p * n + k) * post + q] = order[k];
                }
            }
        }
        return backend.fromArray(out, shape);
    }
}
