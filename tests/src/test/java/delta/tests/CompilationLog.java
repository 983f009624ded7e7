package delta.tests;

import delta.language.nodes.KernelDominance;

import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Engine;

/**
 * For the JIT suites: an engine that compiles every call target at once, in the foreground, prints
 * a failed compilation and writes its compilation log to {@code log} (compilation
 * is engine business, so the log goes to the engine's handler, not a context's); and readers of
 * that log.
 */
final class CompilationLog {
    private static final Pattern DONE = Pattern.compile("opt done\\s+(?:engine=\\d+\\s+)?id=\\s*(\\d+)\\s+(\\S+)");

    private CompilationLog() {}

    static Engine eagerEngine(OutputStream log) {
        return Engine.newBuilder("dl")
                        .allowExperimentalOptions(true)
                        .option("engine.CompileImmediately", "true")
                        .option("engine.BackgroundCompilation", "false")
                        // Print, not Throw: builtins and kernel-dominated functions decline compilation on their
                        // own with a bailout, which Throw would turn into an exception;
                        // assertNothingFailed finds every other failure in the log.
                        .option("engine.CompilationFailureAction", "Print")
                        .option("engine.TraceCompilation", "true")
                        .option("engine.MultiTier", "false")
                        .option("engine.OSRCompilationThreshold", "1000")
                        .logHandler(log)
                        .build();
    }

    /**
     * How many times each root finished compiling, by the first word of its name in the log and its
     * id (two lambdas of one function share a name).
     */
    static Map<String, Integer> compileCounts(String log) {
        Matcher done = DONE.matcher(log);
        Map<String, Integer> counts = new HashMap<>();
        while (done.find()) {
            counts.merge(done.group(2) + " (id " + done.group(1) + ")", 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Fails when a root compiled more than three times: one that compiles again and again is
     * deoptimizing in a loop (a few compilations while profiles settle are normal). Truffle's own
     * host-side entry points (org.graalvm...) and each eval's {@code <module>} are left out.
     */
    static void assertNoDeoptimizationCycles(String log) {
        compileCounts(log).forEach((name, count) -> org.junit.jupiter.api.Assertions.assertTrue(
                        name.startsWith("org.graalvm") || name.startsWith("<module> ") || count <= 3, name + " compiled " + count + " times:\n" + log));
    }

    /** Whether {@code name} finished compiling; names may contain spaces ("for loop<OSR>"). */
    static boolean compiled(String log, String name) {
        return Pattern.compile("opt done\\s+(?:engine=\\d+\\s+)?id=\\s*\\d+\\s+" + Pattern.quote(name) + "\\s").matcher(log).find();
    }

    /** Fails unless every one of {@code names} finished compiling. */
    static void assertCompiled(String log, String... names) {
        for (String name : names) {
            org.junit.jupiter.api.Assertions.assertTrue(compiled(log, name), name + " was not compiled; compilation log:\n" + log);
        }
    }

    /** Fails when any compilation failed. */
    static void assertNothingFailed(String log) {
        boolean failed = log.lines().anyMatch(line -> line.contains("opt failed") && !line.contains(KernelDominance.DECLINED));
        org.junit.jupiter.api.Assertions.assertFalse(failed, "a compilation failed:\n" + log);
    }
}
