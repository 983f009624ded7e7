package delta.language.tensor;

import delta.tensor.CpuBackend;
import delta.tensor.DType;
import delta.tensor.Tensor;
import java.util.Locale;

/**
 * Prints tensors the way PyTorch does: nested brackets aligned under each other, every element in
 * one format chosen for the whole tensor (fixed with {@link #precision} digits, or scientific when
 * the magnitudes call for it), and a summary with {@code ...} when there are more than
 * {@link #THRESHOLD} elements. Unlike PyTorch the shape and dtype are always shown, because a
 * dynamically typed program has no other place to read them.
 */
public final class TensorFormat {
    /** Above this many elements, only the first and last {@link #EDGE} entries of each axis print. */
    static final int THRESHOLD = 1000;
    static final int EDGE = 3;
    private static final String PREFIX = "tensor(";

    private static volatile int precision = 4;

    private TensorFormat() {}

    public static int precision() {
        return precision;
    }

    /** Digits after the point for floating tensors (PyTorch's set_printoptions(precision=...)). */
    public static void setPrecision(int digits) {
        precision = digits;
    }

    public static String format(Tensor t) {
        double[] values = CpuBackend.INSTANCE.toDoubleArray(hostCopy(t));
        boolean summarize = t.size() > THRESHOLD;
        ElementFormat format = ElementFormat.choose(t.dtype(), values, precision);
        StringBuilder out = new StringBuilder(PREFIX);
        int[] dims = t.shape().dims();
        if (dims.length == 0) {
            out.append(format.apply(values[0]).strip());
        } else {
            appendAxis(out, values, dims, 0, 0, format, summarize, PREFIX.length());
        }
        out.append(", shape=").append(t.shape()).append(", dtype=").append(t.dtype().label());
        if (t.device().kind() != delta.tensor.Device.Kind.CPU) {
            out.append(", device=").append(t.device());
        }
        return out.append(')').toString();
    }

    private static Tensor hostCopy(Tensor t) {
        return t.device().kind() == delta.tensor.Device.Kind.CPU ? t : TensorSupport.toHost(t);
    }

    private static void appendAxis(StringBuilder out, double[] values, int[] dims, int axis, int base, ElementFormat format,
                    boolean summarize, int indent) {
        int n = dims[axis];
        int stride = 1;
        for (int a = axis + 1; a < dims.length; a++) {
            stride *= dims[a];
        }
        out.append('[');
        boolean last = axis == dims.length - 1;
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                out.append(last ? "..., " : "...,\n" + " ".repeat(indent + 1));
                i = n - EDGE;
            }
            if (last) {
                out.append(format.apply(values[base + i]));
            } else {
                appendAxis(out, values, dims, axis + 1, base + i * stride, format, summarize, indent + 1);
            }
            if (i < n - 1) {
                out.append(last ? ", " : ",\n".repeat(dims.length - axis - 1) + " ".repeat(indent + 1));
            }
        }
        out.append(']');
    }

    /** One printed form for every element of a tensor, padded to a common width. */
    private record ElementFormat(DType dtype, boolean scientific, int digits, int width) {
        static ElementFormat choose(DType dtype, double[] values, int digits) {
            boolean scientific = false;
            if (dtype.isFloating()) {
                double maxAbs = 0;
                double minAbs = Double.POSITIVE_INFINITY;
                for (double v : values) {
                    if (Double.isFinite(v) && v != 0) {
                        maxAbs = Math.max(maxAbs, Math.abs(v));
                        minAbs = Math.min(minAbs, Math.abs(v));
                    }
                }
                // PyTorch's rule: scientific when the range is wide or the values very large or small.
                scientific = maxAbs > 1e8 || (minAbs < 1e-4 && minAbs != Double.POSITIVE_INFINITY) || (maxAbs / minAbs > 1000 && maxAbs > 1000);
            }
            ElementFormat unpadded = new ElementFormat(dtype, scientific, digits, 0);
            int width = 0;
            for (double v : values) {
                width = Math.max(width, unpadded.apply(v).length());
            }
            return new ElementFormat(dtype, scientific, digits, width);
        }

        String apply(double v) {
            String text;
            if (dtype == DType.BOOL) {
                text = v != 0 ? "true" : "false";
            } else if (dtype == DType.I64) {
                text = Long.toString((long) v);
            } else if (Double.isNaN(v)) {
                text = "nan";
            } else if (Double.isInfinite(v)) {
                text = v > 0 ? "inf" : "-inf";
            } else if (scientific) {
                text = String.format(Locale.ROOT, "%." + digits + "e", v);
            } else {
                text = String.format(Locale.ROOT, "%." + digits + "f", v);
            }
            return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
        }
    }
}
