package delta.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * REPL input from a pipe or file (standard input is not a terminal): plain lines, no prompts, no
 * line editing, so tests and scripts can drive the REPL. Lines accumulate until they form a
 * complete input, as at the terminal.
 */
final class PipeInput implements ReplInput {
    private final BufferedReader in;
    private final Repl repl;

    PipeInput(InputStream in, Repl repl) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.repl = repl;
    }

    @Override
    public String read() throws IOException {
        StringBuilder pending = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                // An input still open at the end is evaluated anyway, so its syntax error is reported.
                return pending.isEmpty() ? null : pending.toString();
            }
            pending.append(line).append('\n');
            if (!repl.isIncomplete(pending.toString())) {
                return pending.toString();
            }
        }
    }

    @Override
    public void close() {
        // Standard input belongs to the process; leave it open.
    }
}
