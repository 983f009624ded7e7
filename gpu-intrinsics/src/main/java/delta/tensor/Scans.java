package delta.tensor;

/**
 * Cumulative sums along an axis, for every backend: read to the host, scanned, written back. A
 * scan is a short serial pass per line, rare in a training step next to products and element-wise
 * work, so one plain loop serves all devices. f32 sums are kept in f32, as NumPy's cumsum does.
 */
final class Scans {
    private Scans() {
    }

    /** {@code out[..., i, ...] = x[..., 0, ...] + ... + x[..., i, ...]} along {@code axis}; from the end when {@code reverse}. */
    static Tensor cumsum(Backend backend, Tensor x, int axis, boolean reverse) {
        Shape shape = x.shape();
        int ax = shape.axis("cumsum", axis);
        DType dtype = DType.floating(x.dtype());
        double[] data = backend.toDoubleArray(x);
        int n = shape.dim(ax), pre = shape.sub(0, ax).size(), post = shape.sub(ax + 1, shape.rank()).size();
        for (int p = 0; p < pre; p++) {
            for (int q = 0; q < post; q++) {
                double total = 0;
                float total32 = 0;
                for (int k = 0; k < n; k++) {
                    int i = reverse ? n - 1 - k : k;
                    int at = (p * n + i) * post + q;
                    if (dtype == DType.F32) {
                        total32 += (float) data[at];
                        data[at] = total32;
                    } else {
                        total += data[at];
                        data[at] = total;
                    }
                }
            }
        }
        return backend.fromArray(data, shape, dtype);
    }
}
