package delta.language.io;

import static delta.language.io.IoSupport.error;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaNone;
import delta.language.runtime.DeltaRecord;
import delta.language.runtime.RecordShape;
import delta.language.runtime.Values;
import java.io.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A tqdm-like progress bar on stderr. The bar is a plain record (its fields can be read, and
 * {@code tty} set), updated in place by the builtins: on a terminal it is redrawn on one line
 * with a carriage return, at most ten times a second; elsewhere (a log file, a pipe) nothing is
 * drawn and {@code progress_log} and {@code progress_close} each write one plain line.
 */
final class Progress {
    private Progress() {}

    private static final RecordShape SHAPE = new RecordShape(List.of("label", "total", "n", "start", "last_draw", "metrics", "tty", "closed", "logged"));
    private static final int LABEL = 0;
    private static final int TOTAL = 1;
    private static final int N = 2;
    private static final int START = 3;
    private static final int LAST_DRAW = 4;
    private static final int METRICS = 5;
    private static final int TTY = 6;
    private static final int CLOSED = 7;
    /** The count at the last progress_log, so that closing right after one writes no second, identical line. */
    private static final int LOGGED = 8;
    private static final double REDRAW_SECONDS = 0.1;
    private static final int WIDTH = 20;

    static List<Builtin> all() {
        return List.of(
            IoSupport.of("stderr_is_tty", 0, 0, "stderr_is_tty()",
                "whether standard error is a terminal (the launcher says so through -Ddelta.stderr.tty; otherwise the JVM's console is asked)",
                (site, args) -> isTty()),
            IoSupport.of("progress_bar", 1, 2, "progress_bar(total[, label])",
                "a progress bar record for a loop of total steps (none when unknown), shown on stderr", (site, args) -> bar(site, args)),
            IoSupport.of("progress_update", 1, 3, "progress_update(bar[, n[, metrics]])",
                "advances the bar by n steps (1) and sets the metrics shown beside it (a record of numbers or strs); redraws on a terminal at most 10 times a second",
                (site, args) -> {
                    DeltaRecord bar = barArg(site, args);
                    long n = IoSupport.given(args, 1) ? integer(site, args, 1) : 1;
                    bar.set(N, (Long) bar.get(N) + n);
                    metrics(site, bar, args, 2);
                    double now = now();
                    boolean done = bar.get(TOTAL) instanceof Long total && (Long) bar.get(N) >= total;
                    if (tty(bar) && (now - (Double) bar.get(LAST_DRAW) >= REDRAW_SECONDS || done)) {
                        bar.set(LAST_DRAW, now);
                        write(site, "\r" + line(bar, now, true) + "\u001b[K");
                    }
                    return DeltaNone.INSTANCE;
                }),
            IoSupport.of("progress_log", 1, 2, "progress_log(bar[, metrics])",
                "writes the bar's state as one permanent line (on a terminal, above the bar), for example once per epoch",
                (site, args) -> {
                    DeltaRecord bar = barArg(site, args);
                    metrics(site, bar, args, 1);
                    double now = now();
                    if (tty(bar)) {
                        bar.set(LAST_DRAW, now);
                        write(site, "\r" + line(bar, now, false) + "\u001b[K\n" + line(bar, now, true) + "\u001b[K");
                    } else {
                        write(site, line(bar, now, false) + "\n");
                    }
                    bar.set(LOGGED, bar.get(N));
                    return DeltaNone.INSTANCE;
                }),
            IoSupport.of("progress_close", 1, 2, "progress_close(bar[, metrics])",
                "finishes the bar: its final state stays on the terminal (or is written as one line); closing twice does nothing",
                (site, args) -> {
                    DeltaRecord bar = barArg(site, args);
                    metrics(site, bar, args, 1);
                    if (Boolean.TRUE.equals(bar.get(CLOSED))) {
                        return DeltaNone.INSTANCE;
                    }
                    bar.set(CLOSED, true);
                    double now = now();
                    if (!tty(bar) && bar.get(N).equals(bar.get(LOGGED)) && !IoSupport.given(args, 1)) {
                        return DeltaNone.INSTANCE;
                    }
                    write(site, tty(bar) ? "\r" + line(bar, now, true) + "\u001b[K\n" : line(bar, now, false) + "\n");
                    return DeltaNone.INSTANCE;
                }));
    }

    static boolean isTty() {
        String property = System.getProperty("delta.stderr.tty");
        if (property != null) {
            return Boolean.parseBoolean(property.strip());
        }
        Console console = System.console();
        return console != null && console.isTerminal() && !"dumb".equals(System.getenv("TERM"));
    }

    private static double now() {
        return System.nanoTime() / 1e9;
    }

    private static long integer(BuiltinRootNode site, Object[] args, int index) {
        if (args[index] instanceof Long l && l >= 0) {
            return l;
        }
        throw IoSupport.wrongType(site, args, index, "a non-negative int");
    }

    private static Object bar(BuiltinRootNode site, Object[] args) {
        Object total = IoSupport.given(args, 0) ? integer(site, args, 0) : DeltaNone.INSTANCE;
        String label = IoSupport.given(args, 1) ? IoSupport.string(site, args, 1) : "";
        double now = now();
        return new DeltaRecord(SHAPE, new Object[]{label, total, 0L, now, -1.0, new DeltaRecord(new RecordShape(List.of()), new Object[0]), isTty(), false, -1L});
    }

    private static DeltaRecord barArg(BuiltinRootNode site, Object[] args) {
        if (args[0] instanceof DeltaRecord r && r.shape().size() == SHAPE.size() && r.shape().indexOf("last_draw") == LAST_DRAW && r.get(N) instanceof Long
                        && r.get(LAST_DRAW) instanceof Double && r.get(START) instanceof Double) {
            return r;
        }
        throw IoSupport.wrongType(site, args, 0, "a progress bar (made by progress_bar)");
    }

    private static boolean tty(DeltaRecord bar) {
        return Boolean.TRUE.equals(bar.get(TTY));
    }

    private static void metrics(BuiltinRootNode site, DeltaRecord bar, Object[] args, int index) {
        if (!IoSupport.given(args, index)) {
            return;
        }
        if (!(args[index] instanceof DeltaRecord)) {
            throw IoSupport.wrongType(site, args, index, "a record of metrics such as {loss: 0.25}");
        }
        bar.set(METRICS, args[index]);
    }

    private static void write(BuiltinRootNode site, String text) {
        try {
            OutputStream err = site.context().env().err();
            err.write(text.getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException e) {
            throw error(site, "cannot write to stderr: " + IoSupport.describe(e));
        }
    }

    /** {@code label 30%|██████    | 30/100 [00:12<00:28, 2.50it/s, loss=0.3]}; without the bar graphic for a plain line. */
    static String line(DeltaRecord bar, double now, boolean graphic) {
        String label = (String) bar.get(LABEL);
        long n = (Long) bar.get(N);
        Long total = bar.get(TOTAL) instanceof Long t ? t : null;
        double elapsed = Math.max(0, now - (Double) bar.get(START));
        double rate = elapsed > 0 ? n / elapsed : 0;
        StringBuilder out = new StringBuilder();
        if (!label.isEmpty()) {
            out.append(label).append(' ');
        }
        if (total != null && graphic) {
            double fraction = total == 0 ? 1 : Math.min(1.0, (double) n / total);
            out.append(String.format("%3d%%|", (int) (fraction * 100))).append(blocks(fraction)).append("| ");
        }
        out.append(n);
        if (total != null) {
            out.append('/').append(total);
        }
        out.append(" [").append(clock(elapsed));
        if (total != null) {
            out.append('<').append(rate > 0 ? clock(Math.max(0, total - n) / rate) : "?");
        }
        out.append(", ");
        if (n == 0 || elapsed == 0) {
            out.append("?it/s");
        } else if (rate >= 1) {
            out.append(String.format("%.2fit/s", rate));
        } else {
            out.append(String.format("%.2fs/it", 1 / rate));
        }
        DeltaRecord metrics = (DeltaRecord) bar.get(METRICS);
        for (int i = 0; i < metrics.shape().size(); i++) {
            out.append(", ").append(metrics.shape().name(i)).append('=').append(metric(metrics.get(i)));
        }
        return out.append(']').toString();
    }

    private static String blocks(double fraction) {
        String partial = " ▏▎▍▌▋▊▉";
        double cells = fraction * WIDTH;
        int full = (int) cells;
        StringBuilder out = new StringBuilder("█".repeat(full));
        if (full < WIDTH) {
            out.append(partial.charAt((int) ((cells - full) * 8)));
            out.append(" ".repeat(WIDTH - full - 1));
        }
        return out.toString();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%02d:%02d", s / 60, s % 60);
    }

    /** Four significant digits, without trailing zeros; other values as str shows them. */
    static String metric(Object value) {
        if (value instanceof delta.language.tensor.DeltaTensor t && t.tensor().shape().size() == 1) {
            double v = delta.language.tensor.TensorSupport.backend(t.tensor()).toDoubleArray(t.tensor())[0];
            value = t.tensor().dtype().isFloating() ? (Object) v : (Object) (long) v;
        }
        if (value instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
                return Values.str(d);
            }
            double a = Math.abs(d);
            if (a >= 1e-4 && a < 1e6) {
                return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
            }
            return String.format("%.3e", d);
        }
        return Values.str(value);
    }
}
