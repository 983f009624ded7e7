package delta.parser.ast;

/**
 * Where a syntax node came from: a half-open range of character offsets into its source text.
 * Line and column are derived on demand from {@link delta.parser.SourceText}, so spans stay small.
 */
public record Span(int start, int end) implements java.io.Serializable {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }
}
