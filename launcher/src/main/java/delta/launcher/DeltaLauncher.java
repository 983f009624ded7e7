package delta.launcher;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.launcher.AbstractLanguageLauncher;
import org.graalvm.options.OptionCategory;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * {@code dl [options] [file.dl [args...]]}, {@code dl -e 'code'}, or {@code dl} for the REPL.
 * GraalVM's launcher base handles --help, --engine.*, --log.* and tool options such as
 * --cpusampler and --inspect, exactly as the other GraalVM language launchers do; this class adds
 * -e, --version and the script's own arguments (which the script reads with {@code args()}).
 * Exit codes: 0 success, 1 a Delta error, 2 a usage error.
 */
public final class DeltaLauncher extends AbstractLanguageLauncher {
    static final String LANGUAGE = "dl";
    static final int EXIT_ERROR = 1;
    static final int EXIT_USAGE = 2;

    private String file;
    private String code;
    private boolean versionOnly;
    private boolean showVersion;
    /** --device=cpu|cuda|cuda:N, passed to the language as its Device option (null: not given). */
    private String device;
    private final List<String> scriptArguments = new ArrayList<>();
    /** The engine, tool and language options given on the command line, by name. */
    private final Set<String> userOptions = new HashSet<>();

    public static void main(String[] args) {
        new DeltaLauncher().launch(args);
    }

    @Override
    protected List<String> preprocessArguments(List<String> arguments, Map<String, String> polyglotOptions) {
        List<String> unrecognized = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (file != null || code != null) {
                scriptArguments.add(arg);
            } else if (arg.equals("-e") || arg.equals("--eval")) {
                if (i + 1 >= arguments.size()) {
                    System.err.println("dl: " + arg + " needs the code to run, as in: dl -e 'print(1 + 2)'");
                    throw exit(EXIT_USAGE);
                }
                code = arguments.get(++i);
            } else if (arg.startsWith("--device=") || arg.equals("--device")) {
                if (arg.equals("--device") && i + 1 >= arguments.size()) {
                    System.err.println("dl: --device needs a device, as in: dl --device=cuda script.dl");
                    throw exit(EXIT_USAGE);
                }
                device = arg.equals("--device") ? arguments.get(++i) : arg.substring("--device=".length());
                if (!device.matches("cpu|cuda|cuda:[0-9]+")) {
                    System.err.println("dl: unknown device '" + device + "' (expected cpu, cuda or cuda:N)");
                    throw exit(EXIT_USAGE);
                }
                polyglotOptions.put(LANGUAGE + ".Device", device);
            } else if (arg.equals("--version")) {
                versionOnly = true;
            } else if (arg.equals("--show-version")) {
                showVersion = true;
            } else if (arg.equals("--")) {
                if (i + 1 < arguments.size()) {
                    file = arguments.get(++i);
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                unrecognized.add(arg);
            } else {
                file = arg;
            }
        }
        return parseEngineOptions(unrecognized, polyglotOptions);
    }

    /**
     * Parses the engine, tool and log options here rather than leaving them to the launcher base,
     * which stops with exit code 1 on a bad option value or an experimental option without
     * --experimental-options: for dl those are usage errors, exit code 2. What is left (--vm.*,
     * --jvm, --native) goes back to the base.
     */
    private List<String> parseEngineOptions(List<String> options, Map<String, String> polyglotOptions) {
        List<String> engine = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String option : options) {
            (option.startsWith("--vm.") || option.equals("--jvm") || option.equals("--native") ? rest : engine).add(option);
        }
        try {
            parseUnrecognizedOptions(getLanguageId(), polyglotOptions, engine);
            userOptions.addAll(polyglotOptions.keySet());
        } catch (org.graalvm.launcher.Launcher.AbortException e) {
            if (e.getExitCode() == EXIT_ERROR && e.getMessage() != null) {
                System.err.println("dl: " + e.getMessage());
                throw exit(EXIT_USAGE);
            }
            throw e;
        }
        return rest;
    }

    @Override
    protected org.graalvm.launcher.Launcher.AbortException abortUnrecognizedArgument(String argument) {
        // Printed here rather than through abort(message), which would prefix it with "ERROR: ".
        System.err.println("dl: unknown option '" + argument + "'; run dl --help for the options");
        throw exit(EXIT_USAGE);
    }

    @Override
    protected void launch(Context.Builder builder) {
        CompilerThreadPriority.lowerInBackground();
        builder.arguments(LANGUAGE, scriptArguments.toArray(String[]::new));
        // Scripts the user runs may read and write files and use the host, like any program they start.
        builder.allowIO(org.graalvm.polyglot.io.IOAccess.ALL).allowAllAccess(true);
        CompilationThresholds.applyUnlessChosen(builder, userOptions);
        Context built;
        try {
            built = builder.build();
        } catch (IllegalArgumentException e) {
            // A bad option value, or an experimental option without --experimental-options: a usage error.
            System.err.println("dl: " + e.getMessage());
            throw exit(EXIT_USAGE);
        }
        int status;
        try (Context context = built) {
            if (device != null && !device.equals("cpu") && !startsOnDevice(context)) {
                throw exit(EXIT_ERROR);
            }
            if (versionOnly || showVersion) {
                System.out.println(version(context));
            }
            if (versionOnly) {
                status = 0;
            } else if (code != null) {
                status = run(context, Source.newBuilder(LANGUAGE, code, "<eval>").buildLiteral());
            } else if (file != null) {
                status = runFile(context);
            } else {
                status = Repl.start(context);
            }
        }
        if (status != 0) {
            throw exit(status);
        }
    }

    /**
     * Starts the language now, so that a --device that cannot be used (no CUDA driver, no device)
     * stops dl before anything runs, with the reason; false after printing it.
     */
    private boolean startsOnDevice(Context context) {
        try {
            context.initialize(LANGUAGE);
            return true;
        } catch (PolyglotException e) {
            System.err.println("dl: " + e.getMessage() + " (without --device, tensors are made on the CPU)");
            return false;
        }
    }

    /** "Delta 0.1.0 (GraalVM Polyglot 25.0.1, Java 25.0.3)": the language's version as the engine reports it. */
    static String version(Context context) {
        org.graalvm.polyglot.Engine engine = context.getEngine();
        return engine.getLanguages().get(LANGUAGE).getName() + " " + engine.getLanguages().get(LANGUAGE).getVersion() + " (GraalVM Polyglot "
                        + polyglotVersion(engine) + ", Java " + Runtime.version() + ")";
    }

    /** The polyglot jar's release (Engine.getVersion() says "Development Build" outside a GraalVM distribution). */
    private static String polyglotVersion(org.graalvm.polyglot.Engine engine) {
        try (java.io.InputStream in = org.graalvm.polyglot.Engine.class.getModule().getResourceAsStream("META-INF/graalvm/org.graalvm.polyglot/version")) {
            if (in != null) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            // fall back to what the engine says
        }
        return engine.getVersion();
    }

    private int runFile(Context context) {
        Source source;
        try {
            source = Source.newBuilder(LANGUAGE, new File(file)).build();
        } catch (IOException e) {
            System.err.println("dl: cannot read " + file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            return EXIT_USAGE;
        }
        return run(context, source);
    }

    private static int run(Context context, Source source) {
        try {
            context.eval(source);
            return 0;
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return e.getExitStatus();
            }
            System.err.println(ErrorReport.format(e));
            return EXIT_ERROR;
        }
    }

    @Override
    protected String getLanguageId() {
        return LANGUAGE;
    }

    @Override
    protected void printHelp(OptionCategory maxCategory) {
        System.out.println("""
                Usage: dl [options] [file.dl [arguments...]]
                       dl [options] -e 'code' [arguments...]
                       dl [options]                 (interactive REPL)

                Runs Delta, the differentiable programming language.

                Options:
                  -e, --eval CODE      run CODE instead of a file
                  --device=DEVICE      make new tensors on DEVICE: cpu (default), cuda or cuda:N
                  --help               this help (--help:tools, --help:engine for more)
                  --version            print the version and exit
                  --show-version       print the version, then run
                  --cpusampler         profile the run and print where time went, by Delta function
                  --inspect            debug in Chrome DevTools (breakpoints, locals)
                  --engine.NAME=VALUE  engine options, e.g. --engine.TraceCompilation
                  --log.file=FILE      send engine logs to FILE

                A script reads its arguments with args(), a list of strs. In the REPL, :help lists
                its commands; its history is kept in ~/.delta_history (or $DELTA_HISTORY).
                Exit status: 0 success, 1 a Delta error, 2 a usage error.""");
    }

    @Override
    protected void collectArguments(Set<String> options) {
        options.addAll(List.of("-e", "--eval", "--version", "--show-version", "--device"));
    }
}
