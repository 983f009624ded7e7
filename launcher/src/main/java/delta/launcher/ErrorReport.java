package delta.launcher;

import delta.parser.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Turns a Delta error into what a user reads: {@code file:line:col: error: message}, the line with
 * a caret, and the Delta stack trace (Delta functions only, never Java frames).
 */
public final class ErrorReport {
    private static final int MAX_REPEATS = 3;
    /** A longer trace shows its first and last frames: where the error was, and where it started. */
    private static final int MAX_LINES = 40;
    private static final int TAIL_LINES = 5;

    private ErrorReport() {}

    public static String format(PolyglotException error) {
        if (error.isInternalError() || error.isHostException()) {
            return "internal error: " + error.getMessage() + "\n" + javaTrace(error);
        }
        StringBuilder out = new StringBuilder();
        SourceSection where = location(error);
        String message = error.getMessage() == null ? "error" : error.getMessage();
        if (where != null && where.isAvailable()) {
            int line = where.getStartLine();
            String lineText = where.getSource().hasCharacters() ? lineOf(where, line) : null;
            int caret = where.getStartLine() == where.getEndLine() ? where.getCharLength() : (lineText == null ? 1 : lineText.length() - where.getStartColumn() + 1);
            out.append(Diagnostic.format(where.getSource().getName(), line, where.getStartColumn(), lineText, caret, message));
        } else {
            out.append("error: ").append(message);
        }
        if (!error.isSyntaxError()) {
            appendTrace(error, out);
        }
        return out.toString();
    }

    /** The error's own location or, for an error raised inside a builtin, its caller's. */
    private static SourceSection location(PolyglotException error) {
        if (error.getSourceLocation() != null) {
            return error.getSourceLocation();
        }
        for (PolyglotException.StackFrame frame : error.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getSourceLocation() != null) {
                return frame.getSourceLocation();
            }
        }
        return null;
    }

    private static String lineOf(SourceSection where, int line) {
        CharSequence text = where.getSource().getCharacters(line);
        return text.toString().replaceAll("[\r\n]+$", "");
    }

    private static void appendTrace(PolyglotException error, StringBuilder out) {
        List<String> frames = new ArrayList<>();
        for (PolyglotException.StackFrame frame : error.getPolyglotStackTrace()) {
            // '$' functions are the internal helpers of generated derivative code, not the user's.
            if (!frame.isGuestFrame() || frame.getRootName() == null || frame.getRootName().startsWith("$")) {
                continue;
            }
            SourceSection at = frame.getSourceLocation();
            String place = at == null ? "builtin" : at.getSource().getName() + ":" + at.getStartLine() + ":" + at.getStartColumn();
            frames.add("  at " + frame.getRootName() + " (" + place + ")");
        }
        if (frames.isEmpty()) {
            return;
        }
        out.append("\nDelta stack trace (most recent call first):");
        List<String> lines = new ArrayList<>();
        // Deep recursion repeats one frame thousands of times: show a few and count the rest.
        for (int i = 0; i < frames.size(); i++) {
            int run = 1;
            while (i + run < frames.size() && frames.get(i + run).equals(frames.get(i))) {
                run++;
            }
            for (int k = 0; k < Math.min(run, MAX_REPEATS); k++) {
                lines.add(frames.get(i));
            }
            if (run > MAX_REPEATS) {
                lines.add("  ... the frame above repeated " + (run - MAX_REPEATS) + " more times");
            }
            i += run - 1;
        }
        // Mutual recursion repeats a cycle of frames, which the collapsing above does not catch.
        if (lines.size() > MAX_LINES) {
            int omitted = lines.size() - MAX_LINES;
            List<String> kept = new ArrayList<>(lines.subList(0, MAX_LINES - TAIL_LINES));
            kept.add("  ... " + omitted + " more frames ...");
            kept.addAll(lines.subList(lines.size() - TAIL_LINES, lines.size()));
            lines = kept;
        }
        for (String line : lines) {
            out.append('\n').append(line);
        }
    }

    private static String javaTrace(Throwable error) {
        java.io.StringWriter text = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
