package delta.launcher;

import java.io.File;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: REPL commands at the start of a line, file names after {@code :load}, members
 * after a dot ({@code nn.} + Tab lists the module's functions, {@code point.} a record's fields),
 * otherwise the names in scope (the session's globals and the builtins, as
 * {@code context.getBindings("dl")} lists them) and the keywords. Nothing is evaluated: dotted names
 * are followed member by member, so completing never runs user code.
 */
final class ReplCompleter implements Completer {
    /** Delta's keywords (parser TokenKind.KEYWORDS). */
    static final List<String> KEYWORDS = List.of("let", "fn", "if", "else", "while", "for", "in", "break", "continue", "return",
                    "and", "or", "not", "true", "false", "none", "import", "as");

    private final Repl repl;

    ReplCompleter(Repl repl) {
        this.repl = repl;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        String before = line.line().substring(0, line.cursor() - line.wordCursor());
        if (ReplCommands.isCommand(before)) {
            if (before.strip().matches(":l(oad)?")) {
                files(word, candidates);
            }
            return;
        }
        if (word.startsWith(":")) {
            for (String[] command : ReplCommands.COMMANDS) {
                candidates.add(new Candidate(command[0], command[0], "commands", command[2], null, null, true));
            }
            return;
        }
        int dot = word.lastIndexOf('.');
        if (dot >= 0) {
            Value owner = resolve(word.substring(0, dot));
            if (owner != null && owner.hasMembers()) {
                for (String member : owner.getMemberKeys()) {
                    candidates.add(new Candidate(word.substring(0, dot + 1) + member, member, null, null, null, null, false));
                }
            }
            return;
        }
        for (String name : repl.bindings().getMemberKeys()) {
            candidates.add(new Candidate(name, name, null, null, null, null, false));
        }
        for (String keyword : KEYWORDS) {
            candidates.add(new Candidate(keyword, keyword, null, null, null, null, true));
        }
    }

    /** The value a dotted name such as {@code nn} or {@code model.layer} refers to, or null. */
    private Value resolve(String path) {
        Value value = repl.bindings();
        for (String part : path.split("\\.", -1)) {
            if (!part.matches("[A-Za-z_][A-Za-z0-9_]*") || value == null || !value.hasMembers() || !value.hasMember(part)) {
                return null;
            }
            value = value.getMember(part);
        }
        return value;
    }

    private static void files(String typed, List<Candidate> candidates) {
        int slash = typed.lastIndexOf('/');
        String directory = slash < 0 ? "" : typed.substring(0, slash + 1);
        File[] entries = new File(directory.isEmpty() ? "." : directory).listFiles();
        if (entries == null) {
            return;
        }
        for (File entry : entries) {
            String name = directory + entry.getName() + (entry.isDirectory() ? "/" : "");
            if (entry.isDirectory() || entry.getName().endsWith(".dl")) {
                candidates.add(new Candidate(name, entry.getName() + (entry.isDirectory() ? "/" : ""), null, null, null, null, !entry.isDirectory()));
            }
        }
    }
}
