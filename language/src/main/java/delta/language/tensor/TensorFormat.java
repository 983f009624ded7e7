package delta.language.tensor;

import delta.tensor.CpuBackend;
import delta.tensor.DType;
import delta.tensor.Tensor;
import delta.language.DeltaContext;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prints tensors the way PyTorch does: nested brackets aligned under each other, every element in
 * one format chosen for the whole tensor (fixed with {@link #precision()} digits, or scientific when
 * the magnitudes call for it), and a summary with {@code ...} when there are more than
 * {@link #THRESHOLD} elements. Unlike PyTorch the shape and dtype are always shown, because a
 * dynamically typed program has no other place to read them.
 */
public final class TensorFormat {
    /** Above this many elements, only the first and last {@link #EDGE} entries of each axis print. */
    static final int THRESHOLD = 1000;
    static final int EDGE = 3;
    private static final String PREFIX = "tensor(";

    static final int DEFAULT_PRECISION = 4;

    /**
     * set_print_precision is a setting of the context that calls it (a script's choice must not leak
     * into the other contexts of the engine, such as the next test's); weak keys let closed contexts go.
     */
    private static final Map<DeltaContext, Integer> PRECISION = Collections.synchronizedMap(new WeakHashMap<>());

    private TensorFormat() {}

    /** Digits after the point in the current context (4 unless set_print_precision changed it). */
    public static int precision() {
        DeltaContext context = currentContext();
        Integer digits = context == null ? null : PRECISION.get(context);
        return digits == null ? DEFAULT_PRECISION : digits;
    }

    /** Digits after the point for floating tensors in the current context (PyTorch's set_printoptions(precision=...)). */
    public static void setPrecision(int digits) {
        DeltaContext context = currentContext();
        if (context != null) {
            PRECISION.put(context, digits);
        }
    }

    private static DeltaContext currentContext() {
        try {
            return DeltaContext.get(null);
        } catch (IllegalStateException | AssertionError noContextEntered) {
            return null;
        }
    }

    public static String format(Tensor t) {
        Tensor host = hostCopy(t);
        int[] dims = t.shape().dims();
        boolean summarize = t.size() > THRESHOLD;
        // Only the printed elements are read (the summary of a huge tensor reads a few hundred),
        // and they alone choose the format, as in PyTorch.
        int[] shown = new int[dims.length];
        for (int a = 0; a < dims.length; a++) {
            shown[a] = elided(dims[a], summarize) ? 2 * EDGE : dims[a];
        }
        double[] values = printedValues(host, dims, shown, summarize);
        ElementFormat format = ElementFormat.choose(t.dtype(), values, precision());
        StringBuilder out = new StringBuilder(PREFIX);
        if (dims.length == 0) {
            out.append(format.apply(values[0]).strip());
        } else {
            appendAxis(out, values, dims, shown, 0, 0, format, summarize, PREFIX.length());
        }
        out.append(", shape=").append(t.shape()).append(", dtype=").append(t.dtype().label());
        if (t.device().kind() != delta.tensor.Device.Kind.CPU) {
            out.append(", device=").append(t.device());
        }
        return out.append(')').toString();
    }

    private static boolean elided(int n, boolean summarize) {
        return summarize && n > 2 * EDGE;
    }

    /** The printed elements in row-major order over the {@code shown} grid: every index, or the first and last EDGE of an elided axis. */
    private static double[] printedValues(Tensor host, int[] dims, int[] shown, boolean summarize) {
        if (!summarize) {
            return CpuBackend.INSTANCE.toDoubleArray(host);
        }
        int count = 1;
        for (int n : shown) {
            count *= n;
        }
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            int rest = k;
            int flat = 0;
            int stride = 1;
            for (int a = dims.length - 1; a >= 0; a--) {
                int index = rest % shown[a];
                rest /= shown[a];
                int i = elided(dims[a], true) && index >= EDGE ? dims[a] - 2 * EDGE + index : index;
                flat += i * stride;
                stride *= dims[a];
            }
            values[k] = CpuBackend.INSTANCE.getFlat(host, flat);
        }
        return values;
    }

    private static Tensor hostCopy(Tensor t) {
        return t.device().kind() == delta.tensor.Device.Kind.CPU ? t : TensorSupport.toHost(t);
    }

    /**
     * One axis as PyTorch prints it: the entries joined by a comma and as many line breaks as there
     * are axes inside (a blank line between matrices), inner lines indented under the bracket, and
     * {@code ...} as one more entry where a summary leaves entries out.
     */
    private static void appendAxis(StringBuilder out, double[] values, int[] dims, int[] shown, int axis, int base, ElementFormat format,
                    boolean summarize, int indent) {
        int n = shown[axis];
        int stride = 1;
        for (int a = axis + 1; a < shown.length; a++) {
            stride *= shown[a];
        }
        boolean last = axis == dims.length - 1;
        String separator = last ? ", " : "," + "\n".repeat(dims.length - axis - 1) + " ".repeat(indent + 1);
        out.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(separator);
            }
            if (i == EDGE && elided(dims[axis], summarize)) {
                out.append("...").append(separator);
            }
            if (last) {
                out.append(format.apply(values[base + i]));
            } else {
                appendAxis(out, values, dims, shown, axis + 1, base + i * stride, format, summarize, indent + 1);
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
                // With no digits a float still shows that it is one, as PyTorch's "3." does.
                text = String.format(Locale.ROOT, "%." + digits + "f", v) + (digits == 0 ? "." : "");
            }
            return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
        }
    }
}
