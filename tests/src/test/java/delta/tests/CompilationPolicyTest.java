package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.language.nodes.KernelDominance;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Truffle compiles on its own (docs/design.md, "What is compiled on its own"): a function
 * whose calls each drive large tensor kernels declines, once, and runs interpreted with the same
 * results; a scalar loop and a function over small tensors still compile.
 */
class CompilationPolicyTest {
    private static final String PROGRAM = """
            let big = ones([100000])
            let tiny = ones([10])
            fn kernels(a) = sum(a * a + a)
            fn small_tensors(a) = sum(a * 2.0)
            fn scalar(n) {
                let s = 0.0
                for i in range(n) { s = s + i * 0.5 }
                s
            }
            fn run(rounds) {
                let total = 0.0
                for r in range(rounds) { total = total + item(kernels(big)) + item(small_tensors(tiny)) + scalar(50) }
                total
            }
            """;

    private static String log;
    private static double total;

    @BeforeAll
    static void run() {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        try (Engine engine = Engine.newBuilder("dl").allowExperimentalOptions(true)
                        .option("engine.BackgroundCompilation", "false")
                        .option("engine.MultiTier", "false")
                        .option("engine.SingleTierCompilationThreshold", "100")
                        .option("engine.TraceCompilation", "true")
                        .logHandler(logBytes).build();
                        Context context = Context.newBuilder("dl").engine(engine).build()) {
            context.eval("dl", PROGRAM);
            Value run = context.getBindings("dl").getMember("run");
            for (int i = 0; i < 3; i++) {
                total = run.execute(100).asDouble();
            }
        }
        log = logBytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean logged(String event, String name) {
        return Pattern.compile("opt " + event + "\\s+(?:engine=\\d+\\s+)?id=\\s*\\d+\\s+" + Pattern.quote(name) + "\\s").matcher(log).find();
    }

    @Test
    void kernelDominatedFunctionsDeclineCompilation() {
        assertTrue(logged("failed", "kernels") && log.contains(KernelDominance.DECLINED), "kernels did not decline:\n" + log);
        assertFalse(logged("done", "kernels"), "kernels was compiled on its own:\n" + log);
    }

    @Test
    void scalarAndSmallTensorCodeCompiles() {
        assertTrue(logged("done", "scalar"), "scalar was not compiled:\n" + log);
        assertTrue(logged("done", "small_tensors"), "small_tensors was not compiled:\n" + log);
    }

    @Test
    void resultsDoNotDependOnWhatCompiled() {
        // Per round: sum(1 + 1) over 100,000 elements, 2 * 10, and 0.5 * (0 + 1 + ... + 49).
        assertEquals(100 * (200_000.0 + 20.0 + 612.5), total, 1e-6);
    }
}
