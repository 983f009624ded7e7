package delta.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The read-eval-print loop. Every input runs in the context's main module, so bindings persist; the
 * value of an expression is echoed (none is not); every error is reported as in scripts and the
 * session goes on. Input comes from the terminal ({@link TerminalInput}: JLine line editing,
 * history, completion, Ctrl-C) or, when standard input is not a terminal, from a pipe
 * ({@link PipeInput}).
 */
final class Repl {
    private final Context context;
    private final PrintStream out;
    private final PrintStream err;
    private final ReplCommands commands;
    private int inputNumber = 1;
    private final StringBuilder leadingComments = new StringBuilder();

    Repl(Context context, PrintStream out, PrintStream err) {
        this.context = context;
        this.out = out;
        this.err = err;
        this.commands = new ReplCommands(this);
    }

    /** Runs the REPL on the process's standard streams: JLine when they are a terminal, else line by line. */
    static int start(Context context) {
        Repl repl = new Repl(context, System.out, System.err);
        boolean terminal = System.console() != null && System.console().isTerminal();
        ReplInput input;
        try {
            input = terminal ? TerminalInput.open(repl) : new PipeInput(System.in, repl);
        } catch (IOException e) {
            System.err.println("dl: cannot use the terminal (" + e.getMessage() + "); reading lines without editing");
            input = new PipeInput(System.in, repl);
        }
        try (ReplInput in = input) {
            return repl.run(in);
        }
    }

    int run(ReplInput input) {
        try {
            while (true) {
                String text = input.read();
                if (text == null) {
                    return 0;
                }
                if (text.isBlank()) {
                    continue;
                }
                if (ReplCommands.isCommand(text)) {
                    if (!commands.run(text.strip())) {
                        return 0;
                    }
                    continue;
                }
                if (onlyComments(text)) {
                    // Kept for the next input, so "# Doubles x." above "fn double(x)" documents it for :doc.
                    leadingComments.append(text);
                    continue;
                }
                String withComments = leadingComments + text;
                leadingComments.setLength(0);
                try {
                    echo(eval(withComments));
                } catch (PolyglotException e) {
                    if (e.isExit()) {
                        return e.getExitStatus();
                    }
                    report(e);
                }
            }
        } catch (IOException e) {
            err.println("dl: cannot read input: " + e.getMessage());
            return DeltaLauncher.EXIT_ERROR;
        }
    }

    private static boolean onlyComments(String text) {
        return text.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"));
    }

    /**
     * Whether the text needs more lines: a bracket, string or block is still open. Delta's own
     * parser decides (context.parse runs nothing), so the REPL and the language always agree.
     */
    boolean isIncomplete(String text) {
        if (ReplCommands.isCommand(text)) {
            return false;
        }
        try {
            context.parse(Source.newBuilder(DeltaLauncher.LANGUAGE, text, "<repl-" + inputNumber + ">").buildLiteral());
            return false;
        } catch (PolyglotException e) {
            return e.isIncompleteSource();
        }
    }

    /** Evaluates one input in the main module; its name in error reports is {@code <repl-N>}. */
    Value eval(String text) {
        Source source = Source.newBuilder(DeltaLauncher.LANGUAGE, text, "<repl-" + inputNumber++ + ">").buildLiteral();
        return context.eval(source);
    }

    Value eval(Source source) {
        return context.eval(source);
    }

    /** Prints a value as Delta shows it inside a list: strings quoted, so "1" and 1 look different. */
    void echo(Value value) {
        if (!value.isNull()) {
            out.println(show(value));
        }
    }

    static String show(Value value) {
        if (value.isString()) {
            String s = value.asString();
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
        }
        return value.toString();
    }

    /** Reports an error exactly as a script run would, or says the computation was interrupted. */
    void report(PolyglotException e) {
        if (e.isInterrupted() || e.isCancelled()) {
            err.println("interrupted");
        } else {
            err.println(ErrorReport.format(e));
        }
        err.flush();
    }

    /** Ctrl-C: stops the running evaluation; the context and its bindings stay usable. */
    void interrupt() {
        try {
            context.interrupt(Duration.ofSeconds(10));
        } catch (TimeoutException | IllegalStateException e) {
            err.println("dl: could not interrupt the computation: " + e.getMessage());
        }
    }

    /** The main module's globals and the builtins, as the language lists them. */
    Value bindings() {
        return context.getBindings(DeltaLauncher.LANGUAGE);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }
}
