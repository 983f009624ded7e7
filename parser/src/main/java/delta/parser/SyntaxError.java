package delta.parser;

import delta.parser.ast.Span;

/**
 * A parse error at a span of the source. {@code incomplete} is true when the input ended while a
 * bracket, block or string was still open, so that a REPL can ask for another line instead of
 * reporting an error.
 */
public final class SyntaxError extends RuntimeException {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final Span span;
    private final boolean incomplete;

    public SyntaxError(String message, Span span, boolean incomplete) {
        super(message, null, false, false);
        this.span = span;
        this.incomplete = incomplete;
    }

    public Span span() {
        return span;
    }

    public boolean incomplete() {
        return incomplete;
    }
}
