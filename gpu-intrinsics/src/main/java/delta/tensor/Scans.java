package delta.tensor;

/**
 * Scans along an axis, for every backend: read to the host, scanned line by line, written back.
 * Cumulative sums (f32 sums kept in f32, as NumPy's cumsum does) and products: a serial pass per
 * line, rare in a training step next to products and element-wise work, so one plain loop serves
 * all devices.
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
        AxisLines lines = AxisLines.of(shape, ax);
        int n = lines.n();
        for (int p = 0; p < lines.pre(); p++) {
            for (int q = 0; q < lines.post(); q++) {
                double total = 0;
                float total32 = 0;
                for (int k = 0; k < n; k++) {
                    int at = lines.at(p, reverse ? n - 1 - k : k, q);
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

    /**
     * The product along {@code axis} (all elements when null) and, with {@code others}, instead of
     * it the product of every other element of the line at each position: prod's gradient, exact
     * where the line holds zeros (a prefix and a suffix product, no division).
     */
    static Tensor product(Backend backend, Tensor x, Integer axis, boolean keepdims, boolean others) {
        Tensor flat = axis == null ? backend.reshape(x, x.size()) : x;
        Shape shape = flat.shape();
        int ax = axis == null ? 0 : shape.axis("prod", axis);
        DType dtype = DType.floating(x.dtype());
        double[] data = backend.toDoubleArray(flat);
        AxisLines lines = AxisLines.of(shape, ax);
        int n = lines.n();
        double[] out = new double[others ? data.length : lines.pre() * lines.post()];
        double[] prefix = new double[n + 1];
        for (int p = 0; p < lines.pre(); p++) {
            for (int q = 0; q < lines.post(); q++) {
                prefix[0] = 1;
                for (int k = 0; k < n; k++) {
                    prefix[k + 1] = prefix[k] * data[lines.at(p, k, q)];
                }
                if (!others) {
                    out[p * lines.post() + q] = prefix[n];
                    continue;
                }
                double suffix = 1;
                for (int k = n - 1; k >= 0; k--) {
                    int at = lines.at(p, k, q);
                    out[at] = prefix[k] * suffix;
                    suffix *= data[at];
                }
            }
        }
        if (others) {
            return backend.fromArray(out, x.shape(), dtype);
        }
        return backend.fromArray(out, x.shape().reduced(axis == null ? null : ax, keepdims), dtype);
    }
}
