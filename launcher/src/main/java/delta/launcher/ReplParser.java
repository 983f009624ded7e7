package delta.launcher;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when Enter ends the input (Delta's parser finds it complete) and when it only starts
 * a new line with the continuation prompt; and cuts out the word Tab completes: a dotted name such
 * as {@code nn.sig}, or the file name after {@code :load}.
 */
final class ReplParser implements Parser {
    private final Repl repl;

    ReplParser(Repl repl) {
        this.repl = repl;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && repl.isIncomplete(line)) {
            throw new EOFError(-1, -1, "the input continues");
        }
        return new Word(line, cursor, wordStart(line, cursor));
    }

    /** Where the word that ends at the cursor begins. */
    static int wordStart(String line, int cursor) {
        String before = line.substring(0, cursor);
        if (before.stripLeading().startsWith(":load ") || before.stripLeading().startsWith(":l ")) {
            int space = before.indexOf(' ', before.indexOf(':'));
            int start = space + 1;
            while (start < cursor && line.charAt(start) == ' ') {
                start++;
            }
            return start;
        }
        int start = cursor;
        while (start > 0 && isWordChar(line.charAt(start - 1))) {
            start--;
        }
        // A command name (":he") is a word only at the start of the line; elsewhere ':' is a slice's.
        if (start > 0 && line.charAt(start - 1) == ':' && line.substring(0, start - 1).isBlank()) {
            start--;
        }
        return start;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** The line as JLine's completion sees it: one word, the one at the cursor, replaced as a whole. */
    private record Word(String line, int cursor, int start) implements CompletingParsedLine {
        @Override
        public String word() {
            return line.substring(start, cursor);
        }

        @Override
        public int wordCursor() {
            return cursor - start;
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word());
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
