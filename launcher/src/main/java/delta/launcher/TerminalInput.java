package delta.launcher;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

/**
 * REPL input from a terminal, through JLine: prompt {@code dl> }, continuation prompt {@code ... }
 * while the input is incomplete, history in {@code ~/.delta_history} (or {@code $DELTA_HISTORY})
 * with prefix search on Up/Down and Ctrl-R, Tab completion, Ctrl-C and Ctrl-D.
 */
final class TerminalInput implements ReplInput {
    static final String PROMPT = "dl> ";
    static final String CONTINUATION_PROMPT = "... ";

    private final Terminal terminal;
    private final LineReader reader;

    private TerminalInput(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    static TerminalInput open(Repl repl) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).name("dl").build();
        LineReader reader = LineReaderBuilder.builder()
                        .terminal(terminal)
                        .appName("dl")
                        .parser(new ReplParser(repl))
                        .completer(new ReplCompleter(repl))
                        .variable(LineReader.HISTORY_FILE, historyFile())
                        .variable(LineReader.HISTORY_SIZE, 10_000)
                        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                        // '!' is Delta's, not a history event: "a != b" must reach the language as typed.
                        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                        // Tab at the start of a line indents a block instead of listing every name.
                        .option(LineReader.Option.INSERT_TAB, true)
                        .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                        .build();
        bindPrefixSearch(terminal, reader);
        // Outside readLine (JLine handles Ctrl-C itself while editing), Ctrl-C stops the computation.
        terminal.handle(Terminal.Signal.INT, signal -> repl.interrupt());
        return new TerminalInput(terminal, reader);
    }

    /** Up and Down move through the lines of a multi-line input, then through history entries that start with the text before the cursor. */
    private static void bindPrefixSearch(Terminal terminal, LineReader reader) {
        for (String map : new String[]{LineReader.EMACS, LineReader.VIINS}) {
            KeyMap<Binding> keys = reader.getKeyMaps().get(map);
            for (String up : new String[]{KeyMap.key(terminal, InfoCmp.Capability.key_up), "\033[A", "\033OA"}) {
                keys.bind(new Reference(LineReader.UP_LINE_OR_SEARCH), up);
            }
            for (String down : new String[]{KeyMap.key(terminal, InfoCmp.Capability.key_down), "\033[B", "\033OB"}) {
                keys.bind(new Reference(LineReader.DOWN_LINE_OR_SEARCH), down);
            }
        }
    }

    static Path historyFile() {
        String override = System.getenv("DELTA_HISTORY");
        return override != null && !override.isEmpty() ? Path.of(override) : Path.of(System.getProperty("user.home"), ".delta_history");
    }

    @Override
    public String read() {
        try {
            return reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
            // Ctrl-C while editing: drop the input, as a shell does, and prompt again.
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("dl: cannot save the history: " + e.getMessage());
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // leaving anyway
        }
    }
}
