package delta.parser;

import delta.parser.ast.Span;

/**
 * Reads one quoted string literal and decodes its escapes, or an f-string ({@link #readFString}).
 * A string may span lines, so the only way for one to be unterminated is to reach the end of the
 * input: that error is marked incomplete so a REPL reads another line.
 */
final class StringLexer {
    private final String text;
    private final int start;
    private final char quote;
    private int pos;

    /**
     * One piece of an f-string: literal text (escapes decoded, {@code {{} and {@code }}} undoubled),
     * or a replacement field: the source range of its expression and its format spec ("" for none).
     */
    record FStringPart(String text, int exprStart, int exprEnd, String spec) {
        boolean isText() {
            return text != null;
        }
    }

    /** @param start the offset of the opening quote, or of the {@code f} before it for an f-string */
    StringLexer(String text, int start) {
        this.text = text;
        this.start = start;
        int open = text.charAt(start) == 'f' ? start + 1 : start;
        this.quote = text.charAt(open);
        this.pos = open + 1;
    }

    /** The offset just after the closing quote, once {@link #read} has returned. */
    int end() {
        return pos;
    }

    String read() {
        java.util.List<FStringPart> parts = readParts(false);
        return parts.isEmpty() ? "" : parts.getFirst().text();
    }

    /**
     * {@code f"loss {loss:.4f} at {step}"}: text and replacement fields in order. A field's
     * expression runs to the first ':' or '}' outside brackets and nested string literals; a
     * string inside a field uses the other quote character. The spec is taken as written.
     */
    java.util.List<FStringPart> readFString() {
        return readParts(true);
    }

    /** The text up to the closing quote; with {@code fields}, braces start replacement fields. */
    private java.util.List<FStringPart> readParts(boolean fields) {
        java.util.List<FStringPart> parts = new java.util.ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw unterminated();
            }
            char c = text.charAt(pos);
            if (c == quote) {
                pos++;
                if (!literal.isEmpty()) {
                    parts.add(new FStringPart(literal.toString(), -1, -1, null));
                }
                return parts;
            }
            if (c == '\\') {
                escape(literal);
            } else if (fields && (c == '{' || c == '}') && pos + 1 < text.length() && text.charAt(pos + 1) == c) {
                literal.append(c);
                pos += 2;
            } else if (fields && c == '}') {
                throw new SyntaxError("f-string: a single '}' is not allowed; write '}}' for a brace", new Span(pos, pos + 1), false);
            } else if (fields && c == '{') {
                if (!literal.isEmpty()) {
                    parts.add(new FStringPart(literal.toString(), -1, -1, null));
                    literal.setLength(0);
                }
                parts.add(field());
            } else {
                literal.append(c);
                pos++;
            }
        }
    }

    /** A replacement field, from its '{' (at pos) to just after its '}'. */
    private FStringPart field() {
        int open = pos++;
        int exprStart = pos;
        int depth = 0;
        int exprEnd = -1;
        while (true) {
            if (pos >= text.length()) {
                throw unterminated();
            }
            char c = text.charAt(pos);
            if (c == quote) {
                throw new SyntaxError("f-string: '{' is not closed before the string ends"
                        + " (a string inside {} uses the other quote character)", new Span(open, pos + 1), false);
            } else if (c == '"' || c == '\'') {
                skipNestedString(c);
                continue;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == '}' || c == ':')) {
                exprEnd = pos;
                break;
            }
            pos++;
        }
        if (text.substring(exprStart, exprEnd).isBlank()) {
            throw new SyntaxError("f-string: empty expression in {}", new Span(open, exprEnd + 1), false);
        }
        String spec = "";
        if (text.charAt(pos) == ':') {
            int specStart = ++pos;
            while (pos < text.length() && text.charAt(pos) != '}' && text.charAt(pos) != quote) {
                if (text.charAt(pos) == '{') {
                    throw new SyntaxError("f-string: a format spec cannot contain '{' (nested fields are not supported)",
                            new Span(pos, pos + 1), false);
                }
                pos++;
            }
            if (pos >= text.length()) {
                throw unterminated();
            }
            if (text.charAt(pos) == quote) {
                throw new SyntaxError("f-string: '{' is not closed before the string ends", new Span(open, pos + 1), false);
            }
            spec = text.substring(specStart, pos);
        }
        pos++; // the closing '}'
        return new FStringPart(null, exprStart, exprEnd, spec);
    }

    /** Skips a string literal written inside a field, escapes included. */
    private void skipNestedString(char q) {
        pos++;
        while (pos < text.length() && text.charAt(pos) != q) {
            pos += text.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
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
