package delta.parser;

/**
 * The one format of every message Delta shows for a user's mistake, compiler-style:
 *
 * <pre>
 * file.dl:3:9: error: unknown name 'pritn' (did you mean 'print'?)
 *     3 | let y = pritn(x)
 *       |         ^^^^^
 * </pre>
 *
 * The parser, the runtime and the launcher all format through here so the output never drifts.
 */
public final class Diagnostic {
    private Diagnostic() {}

    /**
     * @param lineText the source line, or null when it is not available
     * @param caretLength how many characters to underline (at least one caret is drawn)
     */
    public static String format(String file, int line, int column, String lineText, int caretLength, String message) {
        StringBuilder out = new StringBuilder();
        out.append(file).append(':').append(line).append(':').append(column).append(": error: ").append(message);
        if (lineText != null) {
            String gutter = String.valueOf(line);
            String blank = " ".repeat(gutter.length());
            String shown = lineText.replace('\t', ' ');
            int carets = Math.max(1, Math.min(caretLength, shown.length() - (column - 1)));
            out.append('\n').append("  ").append(gutter).append(" | ").append(shown);
            out.append('\n').append("  ").append(blank).append(" | ")
                    .append(" ".repeat(Math.max(0, column - 1))).append("^".repeat(carets));
        }
        return out.toString();
    }

    /** Formats a message about a span of a source text. */
    public static String format(SourceText source, int start, int end, String message) {
        int line = source.lineOf(start);
        int column = source.columnOf(start);
        int lineEnd = line < source.lineCount() ? source.lineOf(end) : line;
        int length = lineEnd == line ? Math.max(1, end - start) : source.lineText(line).length() - column + 1;
        return format(source.name(), line, column, source.lineText(line), length, message);
    }
}
