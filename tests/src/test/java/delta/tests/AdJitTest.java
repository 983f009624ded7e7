package delta.tests;

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
 * Derivative code is ordinary Delta code and compiles like it (see JitCompilationTest for the
 * setup): a hot loop calling grad(f)(x) on a looping f compiles f's reverse-mode root
 * {@code f_vjp} and its pullback {@code f_vjp.<lambda>}, forward mode compiles {@code f_jvp}, no
 * compilation fails and nothing deoptimizes over and over, and the numbers stay right.
 */
class AdJitTest {
    private static final String PROGRAM = """
            # The issue's W1 workload, shortened: a damped oscillator integrated by a loop.
            fn ode(k, c, steps) {
                let x = 1.0
                let v = 0.0
                let dt = 0.001
                let i = 0
                while i < steps {
                    let a = -k * x - c * v
                    v = v + dt * a
                    x = x + dt * v
                    i = i + 1
                }
                x * x + v * v
            }
            fn poly(x) {
                let s = 0.0
                for i in range(8) {
                    if i % 3 == 0 { continue }
                    s = s + sin(x * i) / (1.0 + i)
                }
                s
            }
            fn train(n) {
                let s = 0.0
                for i in range(n) {
                    let (dk, dc) = grad(ode, [0, 1])(2.0, 0.5, 50)
                    s = s + dk + dc + grad(poly)(i * 0.001)
                }
                s
            }
            fn train_forward(n) {
                let s = 0.0
                for i in range(n) { s = s + jvp(poly, (i * 0.001,), (1.0,))[1] }
                s
            }
            """;

    private static String log;
    private static double reverseTotal;
    private static double forwardTotal;
    private static long transformsInLoop;
    private static double[] oneGradient;

    @BeforeAll
    static void runHotDerivatives() {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        try (Engine engine = CompilationLog.eagerEngine(logBytes);
                        Context context = Context.newBuilder("dl").engine(engine).build()) {
            context.eval("dl", PROGRAM);
            Value bindings = context.getBindings("dl");
            Value gradient = context.eval("dl", "grad(ode, [0, 1])(2.0, 0.5, 50)");
            oneGradient = new double[]{gradient.getArrayElement(0).asDouble(), gradient.getArrayElement(1).asDouble()};
            context.eval("dl", "grad(poly)(0.1) + jvp(poly, (0.1,), (1.0,))[1]");
            long before = context.eval("dl", "ad_transform_count()").asLong();
            for (int round = 0; round < 5; round++) {
                reverseTotal = bindings.getMember("train").execute(200).asDouble();
                forwardTotal = bindings.getMember("train_forward").execute(200).asDouble();
            }
            transformsInLoop = context.eval("dl", "ad_transform_count()").asLong() - before;
        }
        log = logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resultsAreRightWhenCompiled() {
        // d/dk and d/dc of ode at (2, 0.5) over 50 steps, by central differences in Java.
        double eps = 1e-6;
        double dk = (ode(2 + eps, 0.5, 50) - ode(2 - eps, 0.5, 50)) / (2 * eps);
        double dc = (ode(2, 0.5 + eps, 50) - ode(2, 0.5 - eps, 50)) / (2 * eps);
        AdHarness.assertClose(dk, oneGradient[0], AdHarness.CENTRAL_TOLERANCE, "d ode / dk");
        AdHarness.assertClose(dc, oneGradient[1], AdHarness.CENTRAL_TOLERANCE, "d ode / dc");
        double polyTotal = 0;
        for (int i = 0; i < 200; i++) {
            polyTotal += dpoly(i * 0.001);
        }
        AdHarness.assertClose(200 * (oneGradient[0] + oneGradient[1]) + polyTotal, reverseTotal, 1e-9, "train(200)");
        AdHarness.assertClose(polyTotal, forwardTotal, 1e-9, "train_forward(200)");
        assertEquals(0, transformsInLoop, "the hot loops transformed nothing again");
    }

    private static double ode(double k, double c, int steps) {
        double x = 1.0;
        double v = 0.0;
        for (int i = 0; i < steps; i++) {
            double a = -k * x - c * v;
            v = v + 0.001 * a;
            x = x + 0.001 * v;
        }
        return x * x + v * v;
    }

    private static double dpoly(double x) {
        double d = 0;
        for (int i = 0; i < 8; i++) {
            if (i % 3 != 0) {
                d += Math.cos(x * i) * i / (1.0 + i);
            }
        }
        return d;
    }

    @Test
    void derivativeCodeCompiles() {
        CompilationLog.assertCompiled(log, "ode_vjp", "ode_vjp.<lambda>", "poly_vjp", "poly_vjp.<lambda>", "poly_jvp", "train", "train_forward");
    }

    @Test
    void nothingFailsToCompile() {
        CompilationLog.assertNothingFailed(log);
    }

    @Test
    void noDeoptimizationCycles() {
        CompilationLog.assertNoDeoptimizationCycles(log);
        assertTrue(CompilationLog.compiled(log, "ode_vjp"), "the derivative did not compile:\n" + log);
    }

    private static boolean compiled(String name) {
        return CompilationLog.compiled(log, name);
    }
}
