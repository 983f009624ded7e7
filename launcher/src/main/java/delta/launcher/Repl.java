package delta.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The read-eval-print loop. Input continues over several lines while a bracket or block is open;
 * every error is reported and the session goes on with its bindings intact.
 */
final class Repl {
    private final Context context;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;

    Repl(Context context, InputStream in, PrintStream out, PrintStream err) {
        this.context = context;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    int run() {
        StringBuilder pending = new StringBuilder();
        int inputNumber = 1;
        try {
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    return 0;
                }
                pending.append(line).append('\n');
                String text = pending.toString();
                if (text.isBlank()) {
                    pending.setLength(0);
                    continue;
                }
                try {
                    Value result = context.eval(Source.newBuilder(DeltaLauncher.LANGUAGE, text, "<repl-" + inputNumber + ">").interactive(false).buildLiteral());
                    pending.setLength(0);
                    inputNumber++;
                    if (!result.isNull()) {
                        out.println(result);
                    }
                } catch (PolyglotException e) {
                    if (e.isIncompleteSource()) {
                        continue;
                    }
                    pending.setLength(0);
                    inputNumber++;
                    if (e.isExit()) {
                        return e.getExitStatus();
                    }
                    err.println(ErrorReport.format(e));
                }
            }
        } catch (IOException e) {
            err.println("dl: cannot read input: " + e.getMessage());
            return DeltaLauncher.EXIT_ERROR;
        }
    }
}
