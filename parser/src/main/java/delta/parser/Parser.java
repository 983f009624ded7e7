package delta.parser;

import delta.parser.ast.Expr;
import java.util.function.Function;

/**
 * The entry points of the parser. Any input either parses or throws a {@link SyntaxError} at its
 * first error; no other exception escapes.
 */
public final class Parser {
    /**
     * The builtin an f-string's fields call, {@code f"{x:.2f}"} being {@code $format(x, ".2f")}:
     * format under a name a program cannot write, so cannot shadow. Unlike the other '$' names it
     * is not a helper of derivative code: differentiated code treats it as a constant.
     */
    public static final String FSTRING_FORMAT = "$format";

    /** The builtin {@code x in xs} calls, as {@code $contains(x, xs)}; like {@link #FSTRING_FORMAT}, a constant builtin. */
    public static final String CONTAINS = "$contains";

    private Parser() {}

    /** A whole file or REPL input: a Block of its top-level items, spanning the whole text. */
    public static Expr.Block parseProgram(SourceText source) throws SyntaxError {
        return run(source, ts -> new StatementParser(ts).parseProgram());
    }

    /** A single expression, optionally surrounded by newlines; for tests and tools. */
    public static Expr parseExpression(SourceText source) throws SyntaxError {
        return run(source, ts -> {
            ts.skipNewlines();
            Expr e = new StatementParser(ts).expressions().parseExpression();
            ts.skipNewlines();
            if (!ts.at(TokenKind.EOF)) {
                throw ts.expectedAfterExpression("end of input after the expression");
            }
            return e;
        });
    }

    private static <T> T run(SourceText source, Function<TokenStream, T> parse) {
        TokenStream ts = new TokenStream(source);
        try {
            return parse.apply(ts);
        } catch (StackOverflowError overflow) {
            // The depth limit keeps the default 1 MiB thread stack well clear of this; a caller on a
            // much smaller stack still gets a SyntaxError rather than a crash.
            throw ts.nestingTooDeep();
        }
    }
}
