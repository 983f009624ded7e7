package delta.language.io;

import static delta.language.io.IoSupport.error;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaNone;
import delta.language.runtime.DeltaRecord;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;
import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorSupport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Line charts as SVG files, and sparklines as text. */
final class Plot {
    private Plot() {}

    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final String BARS = "▁▂▃▄▅▆▇█";

    private record Series(String name, double[] values) {}

    private record Options(String title, String xlabel, String ylabel, boolean logY) {}

    static List<Builtin> all() {
        return List.of(
            IoSupport.of("plot_svg", 2, 3, "plot_svg(series, path[, title_or_options])",
                "writes a line chart to an SVG file: series is a list or 1-D tensor of numbers (plotted against 0, 1, 2...) or a record of them (one line each, with a legend); the third argument is a title or a record {title, xlabel, ylabel, log_y}. The file is written whole or not at all",
                (site, args) -> {
                    List<Series> series = series(site, args[0]);
                    Options options = options(site, args);
                    IoSupport.writeAtomically(site, IoSupport.string(site, args, 1), svg(site, series, options).getBytes(StandardCharsets.UTF_8));
                    return DeltaNone.INSTANCE;
                }),
            IoSupport.of("sparkline", 1, 1, "sparkline(series)",
                "a one-line str of ▁▂▃▄▅▆▇█ showing a list or 1-D tensor of numbers, scaled from its min to its max (nan as a space)",
                (site, args) -> sparkline(values(site, args[0], "sparkline() expects a list or 1-D tensor of numbers, got "))));
    }

    // ---- arguments ----

    private static List<Series> series(BuiltinRootNode site, Object value) {
        List<Series> out = new ArrayList<>();
        String expected = "plot_svg() expects a list or 1-D tensor of numbers, or a record of them, as argument 1, got ";
        if (value instanceof DeltaRecord record) {
            for (int i = 0; i < record.shape().size(); i++) {
                out.add(new Series(record.shape().name(i), values(site, record.get(i), "plot_svg(): the series '" + record.shape().name(i) + "' should be a list or 1-D tensor of numbers, got ")));
            }
            if (out.isEmpty()) {
                throw error(site, "the record of series is empty");
            }
        } else {
            out.add(new Series("", values(site, value, expected)));
        }
        return out;
    }

    static double[] values(BuiltinRootNode site, Object value, String expected) {
        if (value instanceof DeltaTensor t && t.tensor().rank() <= 1) {
            return TensorSupport.backend(t.tensor()).toDoubleArray(t.tensor());
        }
        Object[] items = value instanceof DeltaList list ? list.toArray() : value instanceof DeltaTuple tuple ? tuple.items() : null;
        if (items != null) {
            double[] out = new double[items.length];
            for (int i = 0; i < items.length; i++) {
                Object item = items[i];
                if (item instanceof Double d) {
                    out[i] = d;
                } else if (item instanceof Long l) {
                    out[i] = l;
                } else if (item instanceof DeltaTensor t && t.tensor().shape().size() == 1) {
                    out[i] = TensorSupport.backend(t.tensor()).toDoubleArray(t.tensor())[0];
                } else {
                    throw delta.language.runtime.DeltaError.at(site, expected + "a list holding " + Values.describe(item));
                }
            }
            return out;
        }
        throw delta.language.runtime.DeltaError.at(site, expected + Values.describe(value));
    }

    private static Options options(BuiltinRootNode site, Object[] args) {
        if (!IoSupport.given(args, 2)) {
            return new Options("", "", "", false);
        }
        if (args[2] instanceof String title) {
            return new Options(title, "", "", false);
        }
        if (args[2] instanceof DeltaRecord r) {
            for (String name : r.shape().names()) {
                if (!List.of("title", "xlabel", "ylabel", "log_y").contains(name)) {
                    throw error(site, "unknown option '" + name + "'; the options are title, xlabel, ylabel and log_y");
                }
            }
            int log = r.shape().indexOf("log_y");
            if (log >= 0 && !(r.get(log) instanceof Boolean)) {
                throw error(site, "the option log_y should be a bool, got " + Values.describe(r.get(log)));
            }
            return new Options(text(r, "title"), text(r, "xlabel"), text(r, "ylabel"), log >= 0 && (Boolean) r.get(log));
        }
        throw IoSupport.wrongType(site, args, 2, "a title (str) or a record of options");
    }

    private static String text(DeltaRecord r, String name) {
        int i = r.shape().indexOf(name);
        return i < 0 ? "" : Values.str(r.get(i));
    }

    // ---- sparkline ----

    static String sparkline(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            if (Double.isNaN(v)) {
                out.append(' ');
            } else if (v == Double.POSITIVE_INFINITY) {
                out.append('█');
            } else if (v == Double.NEGATIVE_INFINITY) {
                out.append('▁');
            } else if (hi == lo) {
                out.append('▄');
            } else {
                out.append(BARS.charAt((int) Math.round((v - lo) / (hi - lo) * 7)));
            }
        }
        return out.toString();
    }

    // ---- SVG ----

    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;

    static String svg(BuiltinRootNode site, List<Series> series, Options options) {
        int left = 72;
        int right = 24;
        int top = options.title.isEmpty() ? 24 : 48;
        int bottom = options.xlabel.isEmpty() ? 44 : 64;
        double plotW = WIDTH - left - right;
        double plotH = HEIGHT - top - bottom;
        int maxLength = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            maxLength = Math.max(maxLength, s.values.length);
            for (double v : s.values) {
                double y = options.logY ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
                if (Double.isFinite(y)) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        if (lo > hi) {
            throw error(site, "nothing to plot: the series hold no finite " + (options.logY ? "positive " : "") + "numbers");
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double[] yTicks = ticks(lo, hi, 6);
        lo = Math.min(lo, yTicks[0]);
        hi = Math.max(hi, yTicks[yTicks.length - 1]);
        double xMax = Math.max(1, maxLength - 1);
        double[] xTicks = ticks(0, xMax, 8);
        final double ylo = lo;
        final double yhi = hi;
        java.util.function.DoubleUnaryOperator px = x -> left + x / xMax * plotW;
        java.util.function.DoubleUnaryOperator py = y -> top + (yhi - y) / (yhi - ylo) * plotH;

        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                        WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        if (!options.title.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">%s</text>%n", left + plotW / 2, escape(options.title)));
        }
        // grid and ticks
        svg.append("<g stroke=\"#e0e0e0\" stroke-width=\"1\">\n");
        for (double t : yTicks) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>%n", left, py.applyAsDouble(t), left + plotW, py.applyAsDouble(t)));
        }
        for (double t : xTicks) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%.2f\"/>%n", px.applyAsDouble(t), top, px.applyAsDouble(t), top + plotH));
        }
        svg.append("</g>\n");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"#333\"/>%n", left, top, plotW, plotH));
        svg.append("<g fill=\"#333\">\n");
        for (double t : yTicks) {
            String label = options.logY ? tickLabel(Math.pow(10, t)) : tickLabel(t);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>%n", left - 6, py.applyAsDouble(t), label));
        }
        for (double t : xTicks) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">%s</text>%n", px.applyAsDouble(t), top + plotH + 18, tickLabel(t)));
        }
        svg.append("</g>\n");
        if (!options.xlabel.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", left + plotW / 2, HEIGHT - 16, escape(options.xlabel)));
        }
        if (!options.ylabel.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n", top + plotH / 2,
                            top + plotH / 2, escape(options.ylabel)));
        }
        // lines: a gap wherever a value is not finite
        for (int s = 0; s < series.size(); s++) {
            double[] values = series.get(s).values;
            String color = COLORS[s % COLORS.length];
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            int points = 0;
            for (int i = 0; i < values.length; i++) {
                double y = options.logY ? (values[i] > 0 ? Math.log10(values[i]) : Double.NaN) : values[i];
                if (!Double.isFinite(y)) {
                    pen = false;
                    continue;
                }
                d.append(pen ? " L" : (d.length() == 0 ? "M" : " M")).append(String.format(Locale.ROOT, "%.2f %.2f", px.applyAsDouble(values.length == 1 ? 0 : i), py.applyAsDouble(y)));
                pen = true;
                points++;
            }
            if (points == 1 || values.length == 1) {
                // A single point draws no line: mark it.
                String[] xy = d.substring(1).trim().split(" ");
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n", xy[0], xy[1], color));
            } else if (points > 1) {
                svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" stroke-linejoin=\"round\"/>%n", d, color));
            }
        }
        // legend, top right inside the plot, when there are named series
        if (series.size() > 1 || !series.get(0).name.isEmpty()) {
            int longest = series.stream().mapToInt(s -> s.name.length()).max().orElse(0);
            double boxW = 34 + longest * 7.2;
            double boxH = 8 + 18 * series.size();
            double x0 = left + plotW - boxW - 8;
            double y0 = top + 8;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#bbb\"/>%n", x0, y0, boxW, boxH));
            for (int s = 0; s < series.size(); s++) {
                double y = y0 + 13 + 18 * s;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n", x0 + 6, y, x0 + 24, y, COLORS[s % COLORS.length]));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" dominant-baseline=\"middle\">%s</text>%n", x0 + 30, y, escape(series.get(s).name)));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** About {@code count} round tick values (steps of 1, 2 or 5 times a power of ten) covering lo..hi. */
    static double[] ticks(double lo, double hi, int count) {
        double raw = (hi - lo) / count;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            // Rounded through BigDecimal so that 0.1 * 3 prints as 0.3.
            out[i] = new BigDecimal(first + i * step).round(new java.math.MathContext(12)).doubleValue();
        }
        return out;
    }

    static String tickLabel(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            return new BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
