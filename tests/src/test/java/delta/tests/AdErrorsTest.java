package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.launcher.ErrorReport;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What cannot be differentiated fails with a Delta error that points at the construct (file, line,
 * the code under the caret), never with a wrong number or a Java stack trace: a foreign function
 * without a rule, constructs the transform does not handle, and wrong uses of the operators.
 */
class AdErrorsTest {
    private Context context;
    private int calls;

    @BeforeEach
    void open() {
        context = Context.newBuilder("dl", "js").allowPolyglotAccess(PolyglotAccess.ALL).option("engine.WarnInterpreterOnly", "false").build();
        context.getBindings("dl").putMember("host_double", (ProxyExecutable) args -> {
            calls++;
            return args[0].asDouble() * 2;
        });
        context.getBindings("dl").putMember("js_square", context.eval("js", "(x) => x * x"));
    }

    @AfterEach
    void close() {
        context.close();
    }

    private Value run(String code) {
        return context.eval(Source.newBuilder("dl", code, "ad.dl").buildLiteral());
    }

    /** Runs code that must fail, and checks that the error is a located Delta error at {@code construct} on {@code line}. */
    private PolyglotException fails(String code, int line, String construct, String... messageParts) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> run(code), "expected an error from:\n" + code);
        assertFalse(e.isInternalError(), "an internal error:\n" + e);
        assertFalse(e.isHostException(), "a Java exception escaped:\n" + e);
        assertTrue(e.isGuestException());
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
        SourceSection where = location(e);
        assertNotNull(where, "no source location for: " + e.getMessage());
        assertEquals("ad.dl", where.getSource().getName());
        assertEquals(line, where.getStartLine(), "line of " + e.getMessage());
        assertEquals(construct, where.getCharacters().toString(), "the code the error points at");
        String report = ErrorReport.format(e);
        assertTrue(report.startsWith("ad.dl:" + line + ":"), report);
        assertFalse(report.contains(".java"), "Java frames in the report:\n" + report);
        assertFalse(report.contains("Exception"), "a Java exception in the report:\n" + report);
        return e;
    }

    /** Where the report points: the error's own location or, for an error raised in a builtin, its caller's (as ErrorReport does). */
    private static SourceSection location(PolyglotException e) {
        if (e.getSourceLocation() != null) {
            return e.getSourceLocation();
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getSourceLocation() != null) {
                return frame.getSourceLocation();
            }
        }
        return null;
    }

    @Test
    void javaFunctionWithoutRuleIsALocatedError() {
        String program = """
                        fn f(x) {
                            let y = x * x
                            host_double(y) * x
                        }
                        """;
        run(program);
        assertEquals(54.0, run("f(3.0)").asDouble(), "the function itself runs");
        fails("grad(f)(3.0)", 3, "host_double(y)", "cannot differentiate", "foreign");
        fails("jvp(f, (3.0,), (1.0,))", 3, "host_double(y)", "cannot differentiate", "foreign");
        fails("value_and_grad(f)(3.0)", 3, "host_double(y)", "cannot differentiate", "foreign");
    }

    @Test
    void javaScriptFunctionWithoutRuleIsALocatedError() {
        run("""
                        fn g(x) {
                            let y = x + 1.0
                            js_square(y)
                        }
                        """);
        assertEquals(16.0, run("g(3.0)").asDouble());
        fails("grad(g)(3.0)", 3, "js_square(y)", "cannot differentiate", "foreign");
    }

    @Test
    void foreignFunctionTakesPartThroughADeltaFunctionWithARule() {
        run("""
                        fn doubled(x) = host_double(x)
                        defvjp(doubled, x -> (host_double(x), g -> (2.0 * g,)))
                        defjvp(doubled, (x, x_dot) -> (host_double(x), 2.0 * x_dot))
                        fn f(x) = doubled(x * x) * x
                        """);
        calls = 0;
        assertEquals(6.0 * 9.0, run("grad(f)(3.0)").asDouble()); // 2 x^3
        assertTrue(calls > 0, "the Java function ran in the derivative's forward sweep");
        assertEquals(54.0, run("jvp(f, (3.0,), (1.0,))[1]").asDouble());
        assertEquals(54.0, run("jvp(f, (3.0,), (1.0,))[0]").asDouble());
    }

    @Test
    void unsupportedConstructsAreLocatedErrors() {
        fails("""
                        fn f2(xs) {
                            xs[0:1] = [3.0]
                            xs[0]
                        }
                        grad(f2)([1.0, 2.0])
                        """, 2, "xs[0:1] = [3.0]", "cannot differentiate 'f2'", "slice");
        fails("""
                        let total = 0.0
                        fn f3(x) {
                            total = x
                            x * 2.0
                        }
                        grad(f3)(1.0)
                        """, 3, "total = x", "cannot differentiate 'f3'", "'total'", "outside");
        fails("""
                        fn f4(x) = min(x, 2.0, 3.0)
                        grad(f4)(1.0)
                        """, 1, "min(x, 2.0, 3.0)", "cannot differentiate 'f4'", "min");
        fails("""
                        fn f6(x) = x @ x
                        jvp(f6, (1.0,), (1.0,))
                        """, 1, "x @ x", "unsupported operand types for @: float and float");
    }

    @Test
    void wrongUsesOfTheOperatorsAreLocatedErrors() {
        run("fn f(x) = x * 2.0\nfn pair(x) = [x, 1.0]\nfn word(x) = \"w\"");
        fails("grad(3)", 1, "grad(3)", "grad() expects a function", "int");
        fails("grad(f, \"a\")(1.0)", 1, "grad(f, \"a\")", "argnums");
        fails("grad(f, 3)(1.0)", 1, "grad(f, 3)(1.0)", "argument 3");
        fails("grad(f)(1.0, 2.0)", 1, "grad(f)(1.0, 2.0)", "expects 1 argument");
        fails("grad(pair)(1.0)", 1, "grad(pair)(1.0)", "returns a number", "list", "vjp");
        fails("grad(word)(1.0)", 1, "grad(word)(1.0)", "returns a number", "str");
        fails("jvp(f, (1.0,), (1.0, 2.0))", 1, "jvp(f, (1.0,), (1.0, 2.0))", "1 primals but 2 tangents");
        fails("jvp(f, 1.0, 1.0)", 1, "jvp(f, 1.0, 1.0)", "tuple or list");
        fails("grad(print)(3.0)", 1, "grad(print)(3.0)", "'print' has no derivative rule");
        fails("gradcheck(f, \"x\")", 1, "gradcheck(f, \"x\")", "numeric");
        fails("derivative_source(print)", 1, "derivative_source(print)", "written in Delta");
    }

    @Test
    void differentiatingWithRespectToANonNumberIsAnError() {
        run("fn f(x, s) = x * len(s)\nfn b(x) = if x { 1.0 } else { 2.0 }\nfn h(x) = x * 2.0\nfn first(xs) = xs[0] * 2.0");
        assertEquals(3.0, run("grad(f)(2.0, \"abc\")").asDouble(), "a str argument that is not differentiated is fine");
        fails("grad(f, 1)(2.0, \"abc\")", 1, "grad(f, 1)(2.0, \"abc\")", "argument 1", "str", "only numbers");
        fails("value_and_grad(f, [0, 1])(2.0, \"abc\")", 1, "value_and_grad(f, [0, 1])(2.0, \"abc\")", "argument 1", "str");
        fails("grad(b)(true)", 1, "grad(b)(true)", "argument 0", "bool");
        fails("grad(h)(none)", 1, "grad(h)(none)", "argument 0", "none");
        fails("grad(first)([1.0, \"a\"])", 1, "grad(first)([1.0, \"a\"])", "argument 0", "list");
    }

    @Test
    void errorsInsideDerivativeCodeAreTheFunctionsOwnErrors() {
        run("fn f(x) = x * \"a\"");
        // The same type error as f(2.0) itself, pointing into f.
        PolyglotException plain = assertThrows(PolyglotException.class, () -> run("f(2.0)"));
        PolyglotException derived = fails("grad(f)(2.0)", 1, "x * \"a\"", "unsupported operand types for *");
        assertEquals(plain.getMessage(), derived.getMessage());
        fails("jvp(f, (2.0,), (1.0,))", 1, "x * \"a\"", "unsupported operand types for *");
    }
}
