package delta.parser;

import static delta.parser.Parse.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Error messages, their positions, and the incomplete flag a REPL relies on. */
class ErrorTest {

    private static void assertError(String source, String message, String at) {
        SyntaxError e = error(source);
        assertEquals(message, e.getMessage(), () -> "message for: " + source);
        assertEquals(at, source.substring(e.span().start(), e.span().end()), () -> "span for: " + source);
    }

    @Test
    void unclosedParenthesisNamesWhereItOpened() {
        assertError("let y = 1\nlet z = (\n  f(a, b\nlet w = 2", "expected ')' to close '(' at 3:4, found 'let'", "let");
        assertError("[1, 2 3]", "expected ']' to close '[' at 1:1, found '3'", "3");
    }

    @Test
    void missingExpression() {
        assertError("{ let x = }", "expected an expression, found '}'", "}");
        assertError("f(,)", "expected an expression, found ','", ",");
        assertError("x = * 2", "expected an expression, found '*'", "*");
    }

    @Test
    void unexpectedCharacters() {
        assertError("let x = 1 $ 2", "unexpected character '$'", "$");
        assertError("a ! b", "unexpected character '!'; use 'not' for negation", "!");
        assertError("a && b", "unexpected character '&'; use 'and'", "&");
        assertError("x = `", "unexpected character '`'", "`");
        assertError("x = \u0007", "unexpected character U+0007", "\u0007");
    }

    @Test
    void firstErrorWinsEvenIfItIsLexical() {
        assertError("f(a b) $", "expected ')' to close '(' at 1:2, found 'b'", "b");
        assertError("f(a $ b", "unexpected character '$'", "$");
    }

    @Test
    void singleEqualsInConditions() {
        assertError("if x = 1 { }", "'=' is assignment; use '==' to compare", "=");
        assertError("while x = 1 { }", "'=' is assignment; use '==' to compare", "=");
        assertError("let y = a = 1", "'=' is assignment; use '==' to compare", "=");
        assertError("f(a.b = 1)", "'=' is assignment; use '==' to compare", "=");
    }

    @Test
    void comparisonsDoNotChain() {
        assertError("a < b < c", "comparisons cannot be chained; use 'and'", "<");
        assertError("a == b != c", "comparisons cannot be chained; use 'and'", "!=");
        assertError("if 0 <= i < n { }", "comparisons cannot be chained; use 'and'", "<");
    }

    @Test
    void notInsideArithmeticNeedsParentheses() {
        SyntaxError e = error("a == not b");
        assertTrue(e.getMessage().contains("parentheses"), e.getMessage());
        assertEquals(5, e.span().start());
    }

    @Test
    void invalidAssignmentTargets() {
        assertError("f(x) = 1", "cannot assign to this expression", "f(x)");
        assertError("a + b = 1", "cannot assign to this expression", "a + b");
        assertError("(a, b) = t", "cannot assign to this expression", "(a, b)");
        assertError("1 += 2", "cannot assign to this expression", "1");
    }

    @Test
    void literalProblems() {
        assertError("x = 9223372036854775808", "integer literal too large", "9223372036854775808");
        assertError("x = 12abc", "invalid number literal '12abc'", "12abc");
        assertError("x = 1e", "invalid number literal '1e'", "1e");
        assertError("x = 1__0", "'_' in a number must be between two digits", "_");
        assertError("x = 1_", "'_' in a number must be between two digits", "_");
        assertError("x = 1e999", "float literal too large", "1e999");
        assertError("x = \"a\\qb\"", "unknown escape sequence '\\q'; valid escapes are \\n \\t \\r \\0 \\\\ \\\" \\' \\uXXXX \\u{X...}", "\\q");
        assertTrue(error("x = \"\\u12\"").getMessage().startsWith("invalid unicode escape"));
        assertTrue(error("x = \"\\u{110000}\"").getMessage().contains("not a valid code point"));
        assertTrue(error("x = \"\\u{D800}\"").getMessage().contains("not a valid code point"));
        assertTrue(error("x = \"\\u{}\"").getMessage().startsWith("invalid unicode escape"));
    }

    @Test
    void duplicates() {
        assertError("fn f(a, b, a) = 1", "duplicate parameter 'a'", "a");
        assertError("(x, x) -> x", "duplicate parameter 'x'", "x");
        assertError("let r = {w: 1, b: 2, w: 3}", "duplicate field 'w' in record", "w");
        assertError("let r = {w: 1, \"w\": 3}", "duplicate field 'w' in record", "\"w\"");
        assertError("let (a, (b, a)) = t", "duplicate name 'a' in pattern", "a");
        assertError("for (i, i) in xs {}", "duplicate name 'i' in pattern", "i");
        assertError("f(axis=1, axis=2)", "duplicate argument 'axis'", "axis");
    }

    @Test
    void positionalAfterNamedArgument() {
        assertError("f(a, axis=1, b)", "positional argument cannot follow named arguments", "b");
    }

    @Test
    void badImports() {
        assertError("import \"lib/my-mod.dl\"",
                "cannot derive a name from the file name in \"lib/my-mod.dl\"; write 'import \"lib/my-mod.dl\" as NAME'",
                "\"lib/my-mod.dl\"");
        assertError("import \"x/if.dl\"",
                "cannot derive a name from the file name in \"x/if.dl\"; write 'import \"x/if.dl\" as NAME'", "\"x/if.dl\"");
        assertError("import 42", "expected a module name or a quoted file path after 'import', found '42'", "42");
        assertError("import nn as 3", "expected a name after 'as', found '3'", "3");
        assertError("import \"\"", "empty import path", "\"\"");
    }

    @Test
    void keywordsWhereNamesAreExpected() {
        assertError("let if = 1", "expected a name or a '(' tuple pattern after 'let', found keyword 'if'", "if");
        assertError("fn f(in) = 1", "expected a parameter name, found keyword 'in'", "in");
        assertError("r.for", "expected a field name after '.', found keyword 'for'", "for");
    }

    @Test
    void statementStructure() {
        assertError("a b", "expected a newline or ';' after the statement, found 'b'", "b");
        assertError("{ a b }", "expected a newline, ';' or '}' after the statement, found 'b'", "b");
        assertError("x }", "unmatched '}'", "}");
        assertError(")", "unmatched ')'", ")");
        assertError("{ x ) }", "unmatched ')'", ")");
        assertError("let x 1", "expected '=' after the pattern in 'let', found '1'", "1");
        assertError("for x of xs {}", "expected 'in' after the loop variable, found 'of'", "of");
        assertError("if x y", "expected '{' after the 'if' condition, found 'y'", "y");
        assertError("while x\n  y = 1", "expected '{' after the 'while' condition, found 'y'", "y");
        assertError("if x {} else y", "expected '{' or 'if' after 'else', found 'y'", "y");
        assertError("fn f(x) x", "expected '{' or '=' after the parameter list, found 'x'", "x");
        assertError("fn f x", "expected '(' to start the parameter list, found 'x'", "x");
        assertError("let f = fn g(x) = x", "a named function is declared as a statement; write 'fn(...)' for an anonymous function here", "g");
        assertError("f(let x = 1)", "expected an expression, found 'let'", "let");
        assertError("a[]", "expected an index, found ']'", "]");
        assertError("(1, 2) -> x", "expected a parameter name, found '1'", "1");
        assertError("{a: 1 b: 2}", "expected '}' to close '{' at 1:1, found 'b'", "b");
        assertError("{a 1}", "expected a newline, ';' or '}' after the statement, found '1'", "1");
        assertError("{a: 1, 2: 3}", "expected a field name, found '2'", "2");
    }

    @Test
    void messagesShowLongTokensShortened() {
        SyntaxError e = error("a \"a very long string literal that goes on\"");
        assertTrue(e.getMessage().endsWith("found \"a very long string l...") , e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "let x =", "let x =\n", "fn f() {", "fn f() {\n  let y = 1\n", "[1, 2", "f(a,", "(1 +", "x +\n",
        "\"unterminated", "'also unterminated\nover lines", "x = \"abc\\", "x = \"\\u{1F6", "x = \"\\u12",
        "if x {", "if x", "if x {} else", "while", "for x in", "for (a, b", "let", "import", "import nn as",
        "{a: 1,", "{\n", "x -> ", "(x, y) ->", "r.", "t[1:", "not", "-", "a and", "return (", "fn f(a, b) =",
        "let (a,", "# comment\nx = [\n  1,\n  2,\n", "f(fn(x) {\n  x\n", "a[i] +=",
    })
    void incompleteInputIsMarkedIncomplete(String source) {
        SyntaxError e = error(source);
        assertTrue(e.incomplete(), () -> "should be incomplete: " + source + " (" + e.getMessage() + ")");
        assertTrue(e.span().end() <= source.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "}", ")", "x }", "let x = )", "a < b < c", "1 = 2", "let x = 1 2", "f(a b", "$", "fn f(a, a) {",
        "let x = 9999999999999999999", "[1, 2 }", "\"bad \\q escape", "if x = 1 {", "{a: 1, a: 2",
    })
    void errorsBeforeTheEndAreNotIncomplete(String source) {
        SyntaxError e = error(source);
        assertFalse(e.incomplete(), () -> "should not be incomplete: " + source + " (" + e.getMessage() + ")");
    }

    @Test
    void completeInputParses() {
        for (String source : new String[] {"let x = 1", "fn f() {}", "[1, 2]", "return", "x\n", "if x {}\n"}) {
            Parse.program(source);
        }
    }

    @Test
    void nestingTooDeep() {
        String deep = "(".repeat(500) + "1" + ")".repeat(500);
        SyntaxError e = error(deep);
        assertTrue(e.getMessage().startsWith("nesting too deep"), e.getMessage());
        assertFalse(e.incomplete());
        String fine = "(".repeat(100) + "1" + ")".repeat(100);
        Parse.program(fine);
    }

    @Test
    void parseExpressionRejectsTrailingInput() {
        SyntaxError e = assertThrows(SyntaxError.class, () -> Parse.expression("1 + 2 3"));
        assertEquals("expected end of input after the expression, found '3'", e.getMessage());
        assertThrows(SyntaxError.class, () -> Parse.expression("let x = 1"));
    }

    @Test
    void diagnosticFormatting() {
        SourceText source = new SourceText("m.dl", "let a = 1\nlet y = pritn(x $\n");
        SyntaxError e = assertThrows(SyntaxError.class, () -> Parser.parseProgram(source));
        String shown = Diagnostic.format(source, e.span().start(), e.span().end(), e.getMessage());
        assertEquals("m.dl:2:17: error: unexpected character '$'\n  2 | let y = pritn(x $\n    |                 ^", shown);
    }
}
