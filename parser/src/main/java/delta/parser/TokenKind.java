package delta.parser;

import java.util.Map;

/** The kinds of token the {@link Lexer} produces. */
enum TokenKind {
    INT, FLOAT, STRING, NAME,
    /** An f-string; the token's value is its list of {@link StringLexer.FStringPart}s. */
    FSTRING,

    LET, FN, IF, ELSE, WHILE, FOR, IN, BREAK, CONTINUE, RETURN, AND, OR, NOT, TRUE, FALSE, NONE, IMPORT, AS,

    LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE,
    COMMA, DOT, COLON, SEMI, ARROW,
    ASSIGN, PLUS_ASSIGN, MINUS_ASSIGN, STAR_ASSIGN, SLASH_ASSIGN,
    PLUS, MINUS, STAR, SLASH, SLASH_SLASH, PERCENT, STAR_STAR, AT,
    EQ, NE, LT, LE, GT, GE,

    NEWLINE,
    EOF,
    /** A lexical error; the token's value is the {@link SyntaxError}, thrown when the parser reaches it. */
    ERROR;

    static final Map<String, TokenKind> KEYWORDS = Map.ofEntries(
            Map.entry("let", LET), Map.entry("fn", FN), Map.entry("if", IF), Map.entry("else", ELSE),
            Map.entry("while", WHILE), Map.entry("for", FOR), Map.entry("in", IN), Map.entry("break", BREAK),
            Map.entry("continue", CONTINUE), Map.entry("return", RETURN), Map.entry("and", AND),
            Map.entry("or", OR), Map.entry("not", NOT), Map.entry("true", TRUE), Map.entry("false", FALSE),
            Map.entry("none", NONE), Map.entry("import", IMPORT), Map.entry("as", AS));

    boolean isKeyword() {
        return ordinal() >= LET.ordinal() && ordinal() <= AS.ordinal();
    }

    boolean isOpener() {
        return this == LPAREN || this == LBRACKET || this == LBRACE;
    }

    boolean isCloser() {
        return this == RPAREN || this == RBRACKET || this == RBRACE;
    }

    /** The closer that matches this opener. */
    TokenKind closer() {
        return switch (this) {
            case LPAREN -> RPAREN;
            case LBRACKET -> RBRACKET;
            case LBRACE -> RBRACE;
            default -> throw new IllegalStateException(name() + " is not an opener");
        };
    }
}
