package delta.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/** The REPL's {@code :commands}. */
final class ReplCommands {
    /** Every command with its one-line help, in the order :help lists them; completion offers these. */
    static final List<String[]> COMMANDS = List.of(
        new String[]{":help", "", "this list"},
        new String[]{":quit", "", "leave the REPL (Ctrl-D on an empty line does too)"},
        new String[]{":load", " FILE", "run a .dl file here: its definitions join the session"},
        new String[]{":time", " EXPR", "evaluate EXPR, show its value and how long it took"},
        new String[]{":doc", " NAME", "the documentation of a function (builtin, stdlib or your own, from the # lines above its fn)"},
        new String[]{":vars", "", "the names this session defined, with their values"});

    private final Repl repl;
    private final Value doc;
    private final Map<String, Value> builtins = new HashMap<>();

    ReplCommands(Repl repl) {
        this.repl = repl;
        // Taken before any input runs, so :doc still works after a session defines its own 'doc'.
        Value bindings = repl.bindings();
        this.doc = bindings.getMember("doc");
        for (String name : bindings.getMemberKeys()) {
            builtins.put(name, bindings.getMember(name));
        }
    }

    static boolean isCommand(String text) {
        return text.stripLeading().startsWith(":");
    }

    /** Runs one command line; false when the REPL should end. */
    boolean run(String line) {
        String name = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        String argument = line.substring(Math.min(line.length(), name.length())).strip();
        PrintStream err = repl.err();
        switch (name) {
            case ":help", ":h", ":?" -> help();
            case ":quit", ":q", ":exit" -> {
                return false;
            }
            case ":load", ":l" -> load(argument);
            case ":time", ":t" -> time(argument);
            case ":doc", ":d" -> doc(argument);
            case ":vars" -> vars();
            default -> err.println("unknown command " + name + "; :help lists the commands");
        }
        return true;
    }

    private void help() {
        PrintStream out = repl.out();
        out.println("Type Delta code to run it: each expression's value is shown; names you define stay.");
        out.println("Input continues (prompt ...) while a bracket or block is open. Tab completes names and nn. members;");
        out.println("Up/Down search the history for lines starting with what you typed, Ctrl-R searches it all.");
        out.println("Ctrl-C stops a running computation, Ctrl-D on an empty line leaves.");
        out.println();
        for (String[] command : COMMANDS) {
            out.printf("  %-12s %s%n", command[0] + command[1], command[2]);
        }
    }

    private void load(String path) {
        if (path.isEmpty()) {
            repl.err().println("usage: :load FILE");
            return;
        }
        File file = new File(path.replaceAll("^[\"']|[\"']$", ""));
        Source source;
        try {
            source = Source.newBuilder(DeltaLauncher.LANGUAGE, file).build();
        } catch (IOException e) {
            repl.err().println("dl: cannot read " + file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            return;
        }
        try {
            repl.eval(source);
        } catch (PolyglotException e) {
            repl.report(e);
        }
    }

    private void time(String expression) {
        if (expression.isEmpty()) {
            repl.err().println("usage: :time EXPR");
            return;
        }
        long start = System.nanoTime();
        Value value;
        try {
            value = repl.eval(expression);
        } catch (PolyglotException e) {
            repl.report(e);
            return;
        }
        long nanos = System.nanoTime() - start;
        repl.echo(value);
        repl.out().println("time: " + duration(nanos));
    }

    static String duration(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        } else if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private void doc(String name) {
        if (name.isEmpty()) {
            repl.err().println("usage: :doc NAME (a function: print, nn.linear, one of yours)");
            return;
        }
        for (String[] command : COMMANDS) {
            if (command[0].equals(name)) {
                repl.out().println(command[0] + command[1] + "\n    " + command[2]);
                return;
            }
        }
        try {
            Value value = repl.eval(name);
            if (!value.canExecute()) {
                repl.err().println(name + " is not a function; :doc shows the documentation of functions");
                return;
            }
            repl.out().println(doc.execute(value).asString());
        } catch (PolyglotException e) {
            repl.report(e);
        }
    }

    private void vars() {
        Value bindings = repl.bindings();
        for (String name : bindings.getMemberKeys()) {
            Value value = bindings.getMember(name);
            // A builtin the session redefined is shown; one it left alone is not.
            if (!value.equals(builtins.get(name))) {
                repl.out().println(name + " = " + Repl.show(value));
            }
        }
    }
}
