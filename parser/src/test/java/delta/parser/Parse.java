package delta.parser;

import static org.junit.jupiter.api.Assertions.assertThrows;

import delta.parser.ast.Expr;

/** Short helpers for tests: parse strings and render or inspect the result. */
final class Parse {
    private Parse() {}

    static Expr.Block program(String text) {
        return Parser.parseProgram(new SourceText("test.dl", text));
    }

    static Expr expression(String text) {
        return Parser.parseExpression(new SourceText("test.dl", text));
    }

    /** The fully parenthesised rendering of a single expression. */
    static String expr(String text) {
        return TreePrinter.print(expression(text));
    }

    /** The rendering of a program's items, joined by "; ". */
    static String prog(String text) {
        return TreePrinter.program(program(text));
    }

    /** The only item of a one-item program. */
    static Expr single(String text) {
        Expr.Block block = program(text);
        if (block.items().size() != 1) {
            throw new AssertionError("expected one item, got " + block.items().size() + ": " + TreePrinter.program(block));
        }
        return block.items().getFirst();
    }

    static SyntaxError error(String text) {
        return assertThrows(SyntaxError.class, () -> program(text), () -> "expected a syntax error for: " + text);
    }

    /** The source text a span covers. */
    static String text(String source, delta.parser.ast.Span span) {
        return source.substring(span.start(), span.end());
    }
}
