package delta.parser;

import delta.parser.ast.Span;

/**
 * One token: its kind, its half-open range in the source, its source text, and for literals the
 * decoded value (a Long, Double or String). For {@link TokenKind#ERROR} the value is the SyntaxError.
 */
record Token(TokenKind kind, int start, int end, String text, Object value) {
    Span span() {
        return new Span(start, end);
    }

    boolean is(TokenKind k) {
        return kind == k;
    }
}
