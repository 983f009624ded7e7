package delta.parser;

import delta.parser.ast.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns source text into tokens, all at once. A lexical error does not throw here: it becomes a
 * final {@link TokenKind#ERROR} token, so that the parser reports whichever error comes first in
 * the text, a syntax error before it or the lexical error itself.
 *
 * <p>Newlines separate statements, except inside ( ) and [ ] where they never can, so the lexer
 * drops them there. Inside { } they are kept even when that brace sits within parentheses, so that
 * a block-bodied lambda passed as an argument still separates its statements.
 */
final class Lexer {
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    /** The open brackets, innermost last, as their opener kinds. */
    private final List<TokenKind> brackets = new ArrayList<>();
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    /** The tokens of a text, ending with EOF or with an ERROR token. */
    static List<Token> tokenize(String text) {
        Lexer lexer = new Lexer(text);
        try {
            lexer.run();
        } catch (SyntaxError error) {
            Span s = error.span();
            lexer.tokens.add(new Token(TokenKind.ERROR, s.start(), s.end(), "", error));
        }
        return lexer.tokens;
    }

    static boolean isNameStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNamePart(int c) {
        return isNameStart(c) || isDigit(c);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Whether a string could be written as a plain name: an identifier that is not a keyword. */
    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0)) || TokenKind.KEYWORDS.containsKey(s)) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNamePart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void run() {
        // A byte order mark is an editor artefact, not a character of the program.
        if (text.startsWith("\uFEFF")) {
            pos = 1;
        }
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                add(TokenKind.EOF, pos, pos, null);
                return;
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                newline();
            } else if (isDigit(c)) {
                number();
            } else if (c == '"' || c == '\'' || (c == 'f' && pos + 1 < text.length() && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\''))) {
                // A string, or an f-string (f right before the quote), before names so that f" is not the name f.
                int start = pos;
                StringLexer string = new StringLexer(text, start);
                boolean formatted = c == 'f';
                Object value = formatted ? string.readFString() : string.read();
                pos = string.end();
                add(formatted ? TokenKind.FSTRING : TokenKind.STRING, start, pos, value);
            } else if (isNameStart(c)) {
                name();
            } else {
                operator(c);
            }
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void newline() {
        TokenKind open = brackets.isEmpty() ? null : brackets.getLast();
        boolean suppressed = open == TokenKind.LPAREN || open == TokenKind.LBRACKET;
        // Runs of blank lines carry no more meaning than one newline.
        boolean repeated = !tokens.isEmpty() && tokens.getLast().kind() == TokenKind.NEWLINE;
        if (!suppressed && !repeated) {
            add(TokenKind.NEWLINE, pos, pos + 1, null);
        }
        pos++;
    }

    private void name() {
        int start = pos;
        while (pos < text.length() && isNamePart(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        add(TokenKind.KEYWORDS.getOrDefault(word, TokenKind.NAME), start, pos, null);
    }

    private void number() {
        int start = pos;
        digits();
        boolean isFloat = false;
        if (peek(0) == '.' && isDigit(peek(1))) {
            pos++;
            digits();
            isFloat = true;
        }
        if (peek(0) == 'e' || peek(0) == 'E') {
            int j = pos + 1;
            if (peekAt(j) == '+' || peekAt(j) == '-') {
                j++;
            }
            if (isDigit(peekAt(j))) {
                pos = j;
                digits();
                isFloat = true;
            }
        }
        if (isNamePart(peek(0))) {
            while (isNamePart(peek(0))) {
                pos++;
            }
            throw error("invalid number literal '" + text.substring(start, pos) + "'", start, pos);
        }
        String digits = text.substring(start, pos).replace("_", "");
        if (isFloat) {
            double value = Double.parseDouble(digits);
            if (Double.isInfinite(value)) {
                throw error("float literal too large", start, pos);
            }
            add(TokenKind.FLOAT, start, pos, value);
        } else {
            try {
                add(TokenKind.INT, start, pos, Long.parseLong(digits));
            } catch (NumberFormatException tooLarge) {
                throw error("integer literal too large", start, pos);
            }
        }
    }

    /** A run of digits that starts with a digit, with single underscores allowed between digits. */
    private void digits() {
        pos++;
        while (true) {
            char c = peek(0);
            if (isDigit(c)) {
                pos++;
            } else if (c == '_' && isDigit(peek(1))) {
                pos += 2;
            } else if (c == '_') {
                throw error("'_' in a number must be between two digits", pos, pos + 1);
            } else {
                return;
            }
        }
    }

    private void operator(char c) {
        int start = pos;
        char next = peek(1);
        TokenKind kind;
        switch (c) {
            case '(' -> kind = TokenKind.LPAREN;
            case ')' -> kind = TokenKind.RPAREN;
            case '[' -> kind = TokenKind.LBRACKET;
            case ']' -> kind = TokenKind.RBRACKET;
            case '{' -> kind = TokenKind.LBRACE;
            case '}' -> kind = TokenKind.RBRACE;
            case ',' -> kind = TokenKind.COMMA;
            case '.' -> kind = TokenKind.DOT;
            case ':' -> kind = TokenKind.COLON;
            case ';' -> kind = TokenKind.SEMI;
            case '@' -> kind = TokenKind.AT;
            case '%' -> kind = TokenKind.PERCENT;
            case '+' -> kind = next == '=' ? TokenKind.PLUS_ASSIGN : TokenKind.PLUS;
            case '-' -> kind = next == '=' ? TokenKind.MINUS_ASSIGN : next == '>' ? TokenKind.ARROW : TokenKind.MINUS;
            case '*' -> kind = next == '=' ? TokenKind.STAR_ASSIGN : next == '*' ? TokenKind.STAR_STAR : TokenKind.STAR;
            case '/' -> kind = next == '=' ? TokenKind.SLASH_ASSIGN : next == '/' ? TokenKind.SLASH_SLASH : TokenKind.SLASH;
            case '=' -> kind = next == '=' ? TokenKind.EQ : TokenKind.ASSIGN;
            case '<' -> kind = next == '=' ? TokenKind.LE : TokenKind.LT;
            case '>' -> kind = next == '=' ? TokenKind.GE : TokenKind.GT;
            case '!' -> {
                if (next != '=') {
                    throw error("unexpected character '!'; use 'not' for negation", start, start + 1);
                }
                kind = TokenKind.NE;
            }
            default -> throw unexpectedCharacter(c);
        }
        pos += isTwoCharacter(kind) ? 2 : 1;
        add(kind, start, pos, null);
        if (kind.isOpener()) {
            brackets.add(kind);
        } else if (kind.isCloser()) {
            closeBracket(kind);
        }
    }

    private static boolean isTwoCharacter(TokenKind kind) {
        return switch (kind) {
            case PLUS_ASSIGN, MINUS_ASSIGN, STAR_ASSIGN, SLASH_ASSIGN, ARROW, STAR_STAR, SLASH_SLASH, EQ, NE, LE, GE -> true;
            default -> false;
        };
    }

    /**
     * Pops the bracket this closer matches. A mismatched closer is left for the parser to report:
     * the parser fails at or before it, so what the lexer does with later newlines cannot matter.
     */
    private void closeBracket(TokenKind closer) {
        for (int i = brackets.size() - 1; i >= 0; i--) {
            if (brackets.get(i).closer() == closer) {
                while (brackets.size() > i) {
                    brackets.removeLast();
                }
                return;
            }
        }
    }

    private SyntaxError unexpectedCharacter(char c) {
        int cp = text.codePointAt(pos);
        int end = pos + Character.charCount(cp);
        String hint = switch (c) {
            case '&' -> "; use 'and'";
            case '|' -> "; use 'or'";
            default -> "";
        };
        String shown = Character.isISOControl(cp) || Character.isWhitespace(cp) || (cp <= 0xFFFF && Character.isSurrogate(c))
                ? String.format("U+%04X", cp)
                : "'" + Character.toString(cp) + "'";
        return error("unexpected character " + shown + hint, pos, end);
    }

    private char peek(int ahead) {
        return peekAt(pos + ahead);
    }

    private char peekAt(int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private void add(TokenKind kind, int start, int end, Object value) {
        tokens.add(new Token(kind, start, end, text.substring(start, end), value));
    }

    private static SyntaxError error(String message, int start, int end) {
        return new SyntaxError(message, new Span(start, end), false);
    }
}
