package delta.parser;

import delta.parser.ast.Expr;

/**
 * The entry points of the parser. Any input either parses or throws a {@link SyntaxError} at its
 * first error; no other exception escapes.
 */
public final class Parser {
    private Parser() {}

    /** A whole file or REPL input: a Block of its top-level items, spanning the whole text. */
    public static Expr.Block parseProgram(SourceText source) throws SyntaxError {
        return new StatementParser(new TokenStream(source)).parseProgram();
    }

    /** A single expression, optionally surrounded by newlines; for tests and tools. */
    public static Expr parseExpression(SourceText source) throws SyntaxError {
        TokenStream ts = new TokenStream(source);
        ts.skipNewlines();
        Expr e = new StatementParser(ts).expressions().parseExpression();
        ts.skipNewlines();
        if (!ts.at(TokenKind.EOF)) {
            throw ts.expectedAfterExpression("end of input after the expression");
        }
        return e;
    }
}
