package delta.tests;

import delta.language.nodes.KernelDominance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that Delta code is compiled by Graal, not just interpreted: with immediate, synchronous
 * compilation and compilation failures turned into exceptions, hot Delta functions (a loop, calls,
 * a closure) must show "opt done" in the compilation log, and nothing may fail or deoptimize over
 * and over. Code partial evaluation cannot handle then fails here instead of silently running slow.
 */
class JitCompilationTest {
    private static final String PROGRAM = """
            fn sum_loop(n) {
                let s = 0.0
                for i in range(n) { s = s + sin(i) * i }
                s
            }
            fn square(x) = x * x
            fn sum_calls(n) {
                let s = 0
                let i = 0
                while i < n {
                    s = s + square(i)
                    i = i + 1
                }
                s
            }
            fn make_adder(k) = x -> x + k
            let add3 = make_adder(3)
            fn apply_closure(n) {
                let s = 0
                for i in range(n) { s = add3(s) }
                s
            }
            # Top-level code runs once: only on-stack replacement can compile this loop.
            let total = 0.0
            for i in range(20000) { total = total + sin(i) * i }
            """;

    private static String log;
    private static long sumCalls;
    private static long closureResult;

    @BeforeAll
    static void runHotCode() {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        try (Engine engine = CompilationLog.eagerEngine(logBytes);
                        Context context = Context.newBuilder("dl").engine(engine).build()) {
            context.eval("dl", PROGRAM);
            Value bindings = context.getBindings("dl");
            for (int round = 0; round < 5; round++) {
                bindings.getMember("sum_loop").execute(1000);
                sumCalls = bindings.getMember("sum_calls").execute(1000).asLong();
                closureResult = bindings.getMember("apply_closure").execute(1000).asLong();
            }
        }
        log = logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resultsAreRightWhenCompiled() {
        assertEquals(332_833_500L, sumCalls);
        assertEquals(3000L, closureResult);
    }

    @Test
    void hotFunctionsCompile() {
        CompilationLog.assertCompiled(log, "sum_loop", "square", "sum_calls", "apply_closure", "make_adder.<lambda>");
    }

    @Test
    void builtinsCompileOnlyInsideTheirCallers() {
        // sin, called by the interpreter first, declines a compilation of its own...
        assertTrue(java.util.regex.Pattern.compile("opt failed\\s+(?:engine=\\d+\\s+)?id=\\s*\\d+\\s+sin\\s.*" + KernelDominance.DECLINED).matcher(log).find(),
                        "sin was compiled on its own:\n" + log);
        // ...and the compiled top-level loop that calls it has it inlined.
        assertTrue(java.util.regex.Pattern.compile("opt done\\s+(?:engine=\\d+\\s+)?id=\\s*\\d+\\s+for loop<OSR>\\s.*\\|Inlined\\s+[1-9]\\d*Y").matcher(log).find(),
                        "the top-level loop was not compiled with sin inlined:\n" + log);
    }

    @Test
    void topLevelLoopCompilesOnStack() {
        assertTrue(compiled("for loop<OSR>"), "the top-level loop was not compiled by OSR:\n" + log);
    }

    @Test
    void nothingFailsToCompile() {
        CompilationLog.assertNothingFailed(log);
    }

    @Test
    void noDeoptimizationCycles() {
        CompilationLog.assertNoDeoptimizationCycles(log);
        assertTrue(CompilationLog.compiled(log, "sum_loop"), "nothing of Delta's compiled:\n" + log);
    }

    private static boolean compiled(String name) {
        return CompilationLog.compiled(log, name);
    }
}
