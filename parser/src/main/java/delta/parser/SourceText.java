package delta.parser;

import java.util.Arrays;

/** A named source text with line/column lookup for diagnostics. Lines and columns are 1-based. */
public final class SourceText {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    public SourceText(String name, String text) {
        this.name = name;
        this.text = text;
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        lineStarts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    public int lineOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, Math.min(offset, text.length()));
        return index >= 0 ? index + 1 : -index - 1;
    }

    public int columnOf(int offset) {
        return Math.min(offset, text.length()) - lineStarts[lineOf(offset) - 1] + 1;
    }

    /** The text of a line without its line terminator. */
    public String lineText(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, end);
    }
}
