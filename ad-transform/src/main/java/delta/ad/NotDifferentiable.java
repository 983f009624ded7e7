package delta.ad;

import delta.parser.ast.Span;

/** A construct the transform cannot differentiate; the language reports it at {@code span}. */
public final class NotDifferentiable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Span span;

    public NotDifferentiable(String message, Span span) {
        super(message, null, false, false);
        this.span = span;
    }

    public Span span() {
        return span;
    }
}
