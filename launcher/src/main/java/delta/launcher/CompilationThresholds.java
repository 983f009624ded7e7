package delta.launcher;

import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Context;

/**
 * When dl lets Truffle compile a Delta function: once the function has been called (or has looped)
 * 100,000 times, in one tier, instead of Truffle's defaults (a first tier at 400, a second at
 * 10,000). Why: the Graal compiler runs here as Java code on the JVM (jargraal), so the first
 * compilation of a run sets off seconds of C1 compiling and interpreting Graal itself, and every
 * compilation takes a core for 100-1,400 ms; on a 2-core machine the tensor kernels' second
 * thread waits for that core. A training loop calls its small helpers (the parameter-tree walkers,
 * the derivative rules' closures) a few times per step: they crossed the default thresholds within
 * a few hundred steps, took about 4.4 s of compilation over a 3,000-step W2 run and kept its
 * step at 1.5-1.8 ms, against 1.0-1.1 ms with these thresholds (PyTorch with OpenBLAS: 1.1-1.3);
 * Fashion-MNIST trained in 10.3-11.1 s instead of 12.3-12.8 s. Code that compilation does speed
 * up crosses 100,000 calls or loop iterations within a fraction of a second of interpreting,
 * about what one compilation costs here (W0, W1, fib and the examples ran as before); see
 * docs/design.md, "Compilation thresholds".
 *
 * <p>The options are experimental in Truffle, so the builder allows experimental options; the
 * user's own options were checked before this (an experimental one still needs
 * --experimental-options). A user who sets any of them, or asks for immediate compilation, on
 * the command line or as a {@code polyglot.engine.*} system property (through DELTA_JAVA_OPTS),
 * gets Truffle's behaviour for that choice and none of these defaults.
 */
final class CompilationThresholds {
    private static final Map<String, String> DEFAULTS = Map.of(
            "engine.MultiTier", "false",
            "engine.SingleTierCompilationThreshold", "100000");

    /** User options that decide when compilation happens: any of them turns the defaults off. */
    private static final Set<String> USER_CHOICES = Set.of("engine.MultiTier", "engine.SingleTierCompilationThreshold",
            "engine.FirstTierCompilationThreshold", "engine.LastTierCompilationThreshold", "engine.CompileImmediately",
            "engine.Compilation", "engine.Mode");

    private CompilationThresholds() {
    }

    static void applyUnlessChosen(Context.Builder builder, Set<String> userOptions) {
        if (USER_CHOICES.stream().anyMatch(option -> userOptions.contains(option) || System.getProperty("polyglot." + option) != null)) {
            return;
        }
        builder.allowExperimentalOptions(true);
        DEFAULTS.forEach(builder::option);
    }
}
