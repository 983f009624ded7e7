package delta.parser;

import static delta.parser.TokenKind.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens, newline handling inside brackets, literals and lexical errors. */
class LexerTest {

    private static List<TokenKind> kinds(String text) {
        return Lexer.tokenize(text).stream().map(Token::kind).toList();
    }

    @Test
    void operatorsTakeTheLongestMatch() {
        assertEquals(List.of(STAR_STAR, STAR, SLASH_SLASH, SLASH, ARROW, MINUS, EQ, ASSIGN, NE, LE, LT, GE, GT, EOF),
                kinds("** * // / -> - == = != <= < >= >"));
        assertEquals(List.of(PLUS_ASSIGN, MINUS_ASSIGN, STAR_ASSIGN, SLASH_ASSIGN, PERCENT, AT, EOF),
                kinds("+= -= *= /= % @"));
        assertEquals(List.of(NAME, ARROW, NAME, EOF), kinds("x->y"));
        assertEquals(List.of(NAME, MINUS, INT, EOF), kinds("x-1"));
        assertEquals(List.of(STAR_STAR, ASSIGN, EOF), kinds("**="));
    }

    @Test
    void keywordsAndNames() {
        assertEquals(List.of(LET, FN, IF, ELSE, WHILE, FOR, IN, BREAK, CONTINUE, RETURN, AND, OR, NOT, TRUE, FALSE,
                NONE, IMPORT, AS, NAME, NAME, EOF),
                kinds("let fn if else while for in break continue return and or not true false none import as lets _"));
    }

    @Test
    void numbers() {
        List<Token> t = Lexer.tokenize("42 3.0 1e-3 2.5E+10 1_000 3.x");
        assertEquals(42L, t.get(0).value());
        assertEquals(3.0, t.get(1).value());
        assertEquals(1e-3, t.get(2).value());
        assertEquals(2.5e10, t.get(3).value());
        assertEquals(1000L, t.get(4).value());
        assertEquals(List.of(INT, DOT, NAME), t.subList(5, 8).stream().map(Token::kind).toList(), "3.x is a field access");
    }

    @Test
    void newlinesAreDroppedInsideParenthesesAndBracketsOnly() {
        assertEquals(List.of(NAME, NEWLINE, NAME, EOF), kinds("a\n\n\nb"));
        assertEquals(List.of(LPAREN, NAME, NAME, RPAREN, NEWLINE, EOF), kinds("(a\nb)\n"));
        assertEquals(List.of(LBRACKET, NAME, NAME, RBRACKET, EOF), kinds("[a\n\nb]"));
        assertEquals(List.of(LBRACE, NEWLINE, NAME, NEWLINE, RBRACE, EOF), kinds("{\na\n}"));
        assertEquals(List.of(LPAREN, LBRACE, NEWLINE, NAME, NEWLINE, RBRACE, NAME, RPAREN, EOF),
                kinds("({\na\n}\nb)"), "a brace inside parentheses keeps its newlines, and they stop after it closes");
    }

    @Test
    void commentsRunToTheEndOfTheLine() {
        assertEquals(List.of(NAME, NEWLINE, NAME, EOF), kinds("a # comment ( [ {\nb # more"));
    }

    @Test
    void byteOrderMarkIsSkipped() {
        assertEquals(List.of(NAME, EOF), kinds("\uFEFFx"));
    }

    @Test
    void lexicalErrorBecomesTheLastToken() {
        List<Token> t = Lexer.tokenize("a $ b");
        assertEquals(List.of(NAME, ERROR), t.stream().map(Token::kind).toList());
        SyntaxError e = (SyntaxError) t.get(1).value();
        assertEquals("unexpected character '$'", e.getMessage());
        assertFalse(e.incomplete());
    }

    @Test
    void unterminatedStringIsIncompleteAndPointsAtItsQuote() {
        SyntaxError e = (SyntaxError) Lexer.tokenize("x = 'abc").getLast().value();
        assertTrue(e.incomplete());
        assertEquals(4, e.span().start());
        assertEquals("unterminated string: missing closing '", e.getMessage());
    }

    @Test
    void identifierCheck() {
        assertTrue(Lexer.isIdentifier("other"));
        assertTrue(Lexer.isIdentifier("_a1"));
        assertFalse(Lexer.isIdentifier("my-mod"));
        assertFalse(Lexer.isIdentifier("1x"));
        assertFalse(Lexer.isIdentifier("for"));
        assertFalse(Lexer.isIdentifier(""));
    }
}
