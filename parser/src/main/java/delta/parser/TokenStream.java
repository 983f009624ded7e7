package delta.parser;

import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parser's cursor over the tokens, with what every part of the parser shares: error
 * construction, the nesting-depth guard, and the source extent of parenthesised expressions.
 */
final class TokenStream {
    /** Deeper input is rejected rather than risking a StackOverflowError here or in later passes. */
    static final int MAX_DEPTH = 200;

    private final SourceText source;
    private final List<Token> tokens;
    private int pos;
    private int depth;
    /**
     * There is no node for parentheses, but {@code (a + b) * c} must still span from '('. The
     * parenthesised node keeps its own exact span; its parent asks {@link #spanOf} for the wider one.
     */
    private final Map<Expr, Span> parenthesised = new IdentityHashMap<>();

    TokenStream(SourceText source) {
        this.source = source;
        this.tokens = Lexer.tokenize(source.text());
    }

    SourceText source() {
        return source;
    }

    // ---- reading ------------------------------------------------------------------------

    /** The current token; reaching a lexical error throws it. */
    Token peek() {
        Token t = tokens.get(pos);
        if (t.kind() == TokenKind.ERROR) {
            throw (SyntaxError) t.value();
        }
        return t;
    }

    /** A token further ahead, without throwing on a lexical error; past the end it is the last token. */
    Token lookahead(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    /** The raw token at an absolute index, clamped to the last token. */
    Token raw(int index) {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    int position() {
        return pos;
    }

    boolean at(TokenKind kind) {
        return peek().kind() == kind;
    }

    boolean atAny(TokenKind... kinds) {
        TokenKind k = peek().kind();
        for (TokenKind kind : kinds) {
            if (k == kind) {
                return true;
            }
        }
        return false;
    }

    Token advance() {
        Token t = peek();
        if (t.kind() != TokenKind.EOF) {
            pos++;
        }
        return t;
    }

    boolean match(TokenKind kind) {
        if (at(kind)) {
            advance();
            return true;
        }
        return false;
    }

    void skipNewlines() {
        while (at(TokenKind.NEWLINE)) {
            pos++;
        }
    }

    /** The kind of the next token that is not a newline, without consuming anything. */
    TokenKind kindAfterNewlines() {
        int i = pos;
        while (raw(i).kind() == TokenKind.NEWLINE) {
            i++;
        }
        return raw(i).kind();
    }

    /** Consumes a token of the given kind or fails with "expected {what}, found ...". */
    Token expect(TokenKind kind, String what) {
        if (!at(kind)) {
            throw expected(what);
        }
        return advance();
    }

    /** Consumes the closer for {@code open}, or fails naming where the opener was. */
    Token expectClose(Token open) {
        TokenKind closer = open.kind().closer();
        if (!at(closer)) {
            throw unclosed(open);
        }
        return advance();
    }

    // ---- errors -------------------------------------------------------------------------

    /** "expected {what}, found ..." at the current token; incomplete exactly when that is the end of input. */
    SyntaxError expected(String what) {
        Token t = peek();
        return error("expected " + what + ", found " + describe(t), t);
    }

    /**
     * Like {@link #expected}, for a place just after a complete expression: there a stray '=' is
     * almost always a comparison written with one '='.
     */
    SyntaxError expectedAfterExpression(String what) {
        if (at(TokenKind.ASSIGN)) {
            return assignmentWhereComparisonMeant();
        }
        return expected(what);
    }

    SyntaxError assignmentWhereComparisonMeant() {
        return error("'=' is assignment; use '==' to compare", peek());
    }

    SyntaxError unclosed(Token open) {
        String closer = switch (open.kind()) {
            case LPAREN -> "')'";
            case LBRACKET -> "']'";
            default -> "'}'";
        };
        return expectedAfterExpression(closer + " to close '" + open.text() + "' at " + lineColumn(open.start()));
    }

    SyntaxError error(String message, Token at) {
        return new SyntaxError(message, at.span(), at.kind() == TokenKind.EOF);
    }

    SyntaxError error(String message, Span at) {
        return new SyntaxError(message, at, false);
    }

    String lineColumn(int offset) {
        return source.lineOf(offset) + ":" + source.columnOf(offset);
    }

    static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "end of input";
            case NEWLINE -> "end of line";
            case STRING, FSTRING -> shorten(t.text());
            default -> "'" + shorten(t.text()) + "'";
        };
    }

    /** For places that want a name: says so when the user wrote a keyword there. */
    static String describeWhereNameExpected(Token t) {
        return t.kind().isKeyword() ? "keyword '" + t.text() + "'" : describe(t);
    }

    private static String shorten(String s) {
        String oneLine = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return oneLine.length() <= 24 ? oneLine : oneLine.substring(0, 21) + "...";
    }

    // ---- nesting ------------------------------------------------------------------------

    void enter() {
        if (++depth > MAX_DEPTH) {
            throw nestingTooDeep();
        }
    }

    SyntaxError nestingTooDeep() {
        return error("nesting too deep (more than " + MAX_DEPTH + " levels)", lookahead(0).span());
    }

    void exit() {
        depth--;
    }

    // ---- spans --------------------------------------------------------------------------

    void markParenthesised(Expr e, Span withParens) {
        parenthesised.put(e, withParens);
    }

    /** The source extent of an expression as written, parentheses included. */
    Span spanOf(Expr e) {
        return parenthesised.getOrDefault(e, e.span());
    }

    static Span span(int start, int end) {
        return new Span(start, end);
    }
}
