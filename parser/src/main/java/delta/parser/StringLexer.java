package delta.parser;

import delta.parser.ast.Span;

/**
 * Reads one quoted string literal and decodes its escapes. A string may span lines, so the only
 * way for one to be unterminated is to reach the end of the input: that error is marked incomplete
 * so a REPL reads another line.
 */
final class StringLexer {
    private final String text;
    private final int start;
    private final char quote;
    private int pos;

    StringLexer(String text, int start) {
        this.text = text;
        this.start = start;
        this.quote = text.charAt(start);
        this.pos = start + 1;
    }

    /** The offset just after the closing quote, once {@link #read} has returned. */
    int end() {
        return pos;
    }

    String read() {
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw unterminated();
            }
            char c = text.charAt(pos);
            if (c == quote) {
                pos++;
                return value.toString();
            }
            if (c == '\\') {
                escape(value);
            } else {
                value.append(c);
                pos++;
            }
        }
    }

    private void escape(StringBuilder value) {
        int escapeStart = pos;
        if (pos + 1 >= text.length()) {
            throw unterminated();
        }
        char e = text.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case '0' -> value.append('\0');
            case '\\', '"', '\'' -> value.append(e);
            case 'u' -> unicode(value, escapeStart);
            default -> {
                int cp = text.codePointAt(pos - 1);
                int end = pos - 1 + Character.charCount(cp);
                throw new SyntaxError("unknown escape sequence '\\" + Character.toString(cp)
                        + "'; valid escapes are \\n \\t \\r \\0 \\\\ \\\" \\' \\uXXXX \\u{X...}",
                        new Span(escapeStart, end), false);
            }
        }
    }

    /** {@code \}{@code uXXXX} (any UTF-16 unit, so surrogate pairs can be spelled) or {@code \}{@code u{X...}} (a code point). */
    private void unicode(StringBuilder value, int escapeStart) {
        if (pos < text.length() && text.charAt(pos) == '{') {
            int digitsStart = ++pos;
            while (pos < text.length() && hex(text.charAt(pos)) >= 0 && pos - digitsStart < 6) {
                pos++;
            }
            if (pos >= text.length()) {
                throw unterminated();
            }
            if (text.charAt(pos) != '}' || pos == digitsStart) {
                throw badUnicode(escapeStart, "\\u{...} needs 1 to 6 hex digits and a closing '}'");
            }
            int cp = Integer.parseInt(text.substring(digitsStart, pos), 16);
            pos++;
            if (cp > Character.MAX_CODE_POINT || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                throw badUnicode(escapeStart, String.format("U+%X is not a valid code point", cp));
            }
            value.appendCodePoint(cp);
            return;
        }
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            if (pos >= text.length()) {
                throw unterminated();
            }
            int digit = hex(text.charAt(pos));
            if (digit < 0) {
                throw badUnicode(escapeStart, "\\u needs exactly 4 hex digits, or use \\u{...}");
            }
            unit = unit * 16 + digit;
            pos++;
        }
        value.append((char) unit);
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }

    private SyntaxError badUnicode(int escapeStart, String why) {
        return new SyntaxError("invalid unicode escape: " + why,
                new Span(escapeStart, Math.min(pos + 1, text.length())), false);
    }

    private SyntaxError unterminated() {
        return new SyntaxError("unterminated string: missing closing " + quote, new Span(start, start + 1), true);
    }
}
