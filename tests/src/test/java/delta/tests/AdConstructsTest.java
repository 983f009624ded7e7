package delta.tests;

import static delta.tests.AdHarness.assertClose;
import static delta.tests.AdHarness.assertExact;
import static delta.tests.AdHarness.assertMatchesCentral;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gradients through every construct the issue lists: let and assignment, if/else, loops with
 * data-dependent trip counts, early return, break, continue, calls, recursion, higher-order
 * functions, builtins as values, list and record reads and writes in loops, structured parameters,
 * the operator variants (argnums, value_and_grad, vjp, jvp), stop_gradient, code without
 * derivatives (comparisons, floor, print), and the cache of derivative code. Every derivative is
 * checked against a value worked out by hand and against central differences of the function.
 */
class AdConstructsTest {
    private static final String PROGRAM = """
            fn f_let(x) {
                let y = x * x
                y = y + x
                let z = y * 3.0
                z
            }
            fn f_compound(x) {
                let y = x
                y += x
                y *= x
                y -= 1.0
                y /= 2.0
                y
            }
            fn f_shadow(x) {
                let y = x * 2.0
                let r = {
                    let y = y * y
                    y + 1.0
                }
                r * y
            }
            fn f_if(x) = if x > 0 { x * x } else { -3.0 * x }
            fn f_if_chain(x) {
                let r = 0.0
                if x < -1.0 { r = sin(x) } else if x < 1.0 { r = x * x * x } else { r = exp(x) }
                r
            }
            fn f_while(x) {
                let s = x
                while s < 100.0 { s = s * 2.0 }
                s
            }
            fn f_for(x, n) {
                let s = 0.0
                for i in range(n) { s = s + x * i }
                s
            }
            fn f_floor_trips(x) {
                let s = 0.0
                for i in range(floor(x)) { s = s + x }
                s
            }
            fn f_for_list(x) {
                let s = 0.0
                for v in [1.0, 2.0, x] { s = s + v * x }
                s
            }
            fn f_for_tuples(x) {
                let s = 0.0
                for (a, b) in [(x, 2.0), (3.0, x), (x, x)] { s = s + a * b }
                s
            }
            fn f_return(x) {
                if x > 1.0 { return x * x }
                3.0 * x
            }
            fn f_return_in_loop(x) {
                let s = x
                for i in range(10) {
                    s = s * 1.5
                    if s > 10.0 { return s * s }
                }
                s
            }
            fn f_break(x) {
                let s = 0.0
                let i = 0
                while true {
                    if i >= 4 { break }
                    s = s + x * x
                    i = i + 1
                }
                s
            }
            fn f_break_on_value(x) {
                let s = 1.0
                for i in range(100) {
                    if s > 50.0 { break }
                    s = s * x
                }
                s
            }
            fn f_continue(x) {
                let s = 0.0
                for i in range(6) {
                    if i % 2 == 0 { continue }
                    s = s + x ** i
                }
                s
            }
            fn f_nested_loops(x) {
                let s = 0.0
                for i in range(4) {
                    let j = 0
                    while j < i {
                        j = j + 1
                        if j == 2 { continue }
                        s = s + x * j
                        if s > 100.0 { break }
                    }
                }
                s
            }
            fn square(x) = x * x
            fn f_call(x) = square(sin(x)) + square(x)
            fn pw(x, n) = if n == 0 { 1.0 } else { x * pw(x, n - 1) }
            fn mr_even(x, n) = if n == 0 { x } else { mr_odd(x * x, n - 1) }
            fn mr_odd(x, n) = if n == 0 { -x } else { mr_even(sin(x), n - 1) }
            fn map(xs, f) {
                let out = []
                for x in xs { append(out, f(x)) }
                out
            }
            fn fold(xs, f, init) {
                let acc = init
                for x in xs { acc = f(acc, x) }
                acc
            }
            fn add(a, b) = a + b
            fn f_map_fold(x) = fold(map([x, 2.0 * x, 3.0], square), add, 0.0)
            fn f_map_builtin(x) = fold(map([x, x * x], sin), add, 0.0)
            fn f_function_list(x) {
                let fs = [sin, cos, square, y -> y * y * y]
                let s = 0.0
                for g in fs { s = s + g(x) }
                s
            }
            fn f_local_functions(x) {
                let cube = y -> y * y * y
                fn twice(a) = 2.0 * a
                twice(cube(x)) + cube(2.0 * x)
            }
            fn f_list_write(x) {
                let buf = [0.0, 0.0, 0.0]
                for i in range(3) { buf[i] = x * (i + 1) }
                for i in range(3) { buf[i] = buf[i] * buf[i] }
                buf[0] + buf[1] + buf[2]
            }
            fn f_list_append(x) {
                let xs = [x]
                for i in range(3) { append(xs, xs[i] * x) }
                xs[3]
            }
            fn f_record_write(p) {
                let r = {a: p, b: 0.0}
                for i in range(3) {
                    r.b = r.b + r.a * r.a
                    r.a = r.a * 2.0
                }
                r.b
            }
            fn sum_squares(xs) {
                let s = 0.0
                for i in range(len(xs)) { s = s + xs[i] * xs[i] }
                s
            }
            fn loss(params, xs, ys) {
                let s = 0.0
                for i in range(len(xs)) {
                    let e = params.w * xs[i] + params.b - ys[i]
                    s = s + e * e
                }
                s
            }
            fn f_tuple(t) = t[0] * t[1] + t[2]
            fn f_nested(m) = m.layer.w * m.layer.w + m.scale * m.items[1]
            fn f_layers(p) {
                let total = 0.0
                for layer in p.layers { total = total + layer.w * layer.b }
                total
            }
            fn g(x, y) = x * y + sin(x)
            fn f_stop(x) = x * stop_gradient(x * x)
            fn f_stop_all(x) = stop_gradient(x) * 2.0
            fn f_no_derivative_parts(x) {
                print("inside", x)
                let k = floor(x)
                let j = ceil(x)
                let n = 3
                let m = n * 2 + 1
                if x < 2.0 and k == 1 and not (j == 5) { x * x * k + j + x * m } else { x }
            }
            fn f_mixed(x, y) {
                let s = 0.0
                let i = 0
                while i < 3 {
                    if x * i > y { s = s + x * y } else { s = s + sin(x + i) * y }
                    i = i + 1
                }
                s
            }
            fn f_struct_pair(x, y) {
                let p = {a: x, c: y}
                let b = [y, x * y]
                for i in range(2) {
                    b[i] = b[i] * p.a
                    p.c = p.c + b[i]
                }
                b[0] + b[1] / (1.0 + p.a * p.a) + p.c
            }
            fn f_vector_out(x, y) = (x * y, sin(x), [x, y * y])
            fn f_record_out(p) = {a: p.x * p.y, b: p.x}
            """;

    private static final String MORE = """
            fn helper_pw2(x, y) = pw(x, 3) * pw(y, 2) + mr_even(x * y, 2)
            fn helper_loop2(x, y) {
                let acc = {s: 0.0, k: 0}
                let xs = [x, y]
                while acc.s < 5.0 and acc.k < 20 {
                    acc.s = acc.s + xs[acc.k % 2] * 0.5
                    xs[acc.k % 2] = xs[acc.k % 2] * 1.1
                    acc.k = acc.k + 1
                }
                acc.s * xs[0]
            }
            fn pull(f, x, y, u) {
                let (v, pb) = vjp(f, x, y)
                (v, pb(u))
            }
            fn fwd2(f, x, y, dx, dy) = jvp(f, (x, y), (dx, dy))
            fn check2(f, x, y) = gradcheck(f, x, y)
            """;

    private static AdHarness h;

    @BeforeAll
    static void open() {
        h = new AdHarness(PROGRAM);
        // More functions, defined in a second evaluation as a REPL user would.
        h.eval(MORE);
    }

    @AfterAll
    static void close() {
        h.close();
    }

    /** grad(f) at x, checked against the hand-worked value and central differences of f. */
    private static void checkGrad(String function, double x, double expected) {
        double actual = h.eval("grad(" + function + ")(" + x + ")").asDouble();
        assertExact(expected, actual, "grad(" + function + ")(" + x + ")");
        assertMatchesCentral(h.fn(function), new Object[]{x}, 0, actual, "grad(" + function + ")(" + x + ")");
    }

    @Test
    void deltaGlobalsAreVisibleToLaterEvaluations() {
        // The checks below evaluate small expressions against the program's functions.
        assertEquals(9.0, h.number("square(3.0)"));
    }

    @Test
    void letAndAssignment() {
        checkGrad("f_let", 2.0, 3 * (2 * 2.0 + 1)); // 3 (x^2 + x)
        checkGrad("f_compound", 3.0, 2 * 3.0); // (2x * x - 1) / 2
        checkGrad("f_shadow", 1.5, 24 * 1.5 * 1.5 + 2); // (4x^2 + 1) * 2x = 8x^3 + 2x
    }

    @Test
    void ifElseTakesTheBranchThatRan() {
        checkGrad("f_if", 2.0, 4.0);
        checkGrad("f_if", -2.0, -3.0);
        checkGrad("f_if_chain", -2.0, Math.cos(-2.0));
        checkGrad("f_if_chain", 0.5, 3 * 0.25);
        checkGrad("f_if_chain", 1.5, Math.exp(1.5));
    }

    @Test
    void whileLoopWithADataDependentTripCount() {
        checkGrad("f_while", 3.0, 64.0); // doubled 6 times
        checkGrad("f_while", 30.0, 4.0); // twice
        checkGrad("f_while", 300.0, 1.0); // never
    }

    @Test
    void forLoops() {
        assertEquals(10.0, h.number("grad(f_for)(2.0, 5)"));
        assertEquals(0.0, h.number("grad(f_for)(2.0, 0)"));
        assertMatchesCentral(h.fn("f_for"), new Object[]{2.0, 5}, 0, 10.0, "f_for");
        checkGrad("f_floor_trips", 3.5, 3.0);
        checkGrad("f_floor_trips", 5.5, 5.0);
        checkGrad("f_for_list", 3.0, 3.0 + 2 * 3.0); // x + 2x + x^2
        checkGrad("f_for_tuples", 3.0, 5.0 + 2 * 3.0); // 2x + 3x + x^2
    }

    @Test
    void earlyReturn() {
        checkGrad("f_return", 2.0, 4.0);
        checkGrad("f_return", 0.5, 3.0);
        checkGrad("f_return_in_loop", 1.0, 2 * Math.pow(1.5, 12)); // returns (1.5^6 x)^2 in the 6th iteration
        checkGrad("f_return_in_loop", 0.001, Math.pow(1.5, 10)); // runs to the end
    }

    @Test
    void breakAndContinue() {
        checkGrad("f_break", 3.0, 8 * 3.0); // 4 x^2
        checkGrad("f_break_on_value", 2.0, 6 * Math.pow(2.0, 5)); // stops at x^6 = 64 > 50
        checkGrad("f_break_on_value", 4.0, 3 * 16.0); // stops at x^3 = 64
        checkGrad("f_continue", 2.0, 1 + 3 * 4 + 5 * 16); // x + x^3 + x^5
        checkGrad("f_nested_loops", 2.0, 1 + 1 + 1 + 3); // j = 1 (i = 1, 2, 3) and j = 3 (i = 3); j = 2 skipped
    }

    @Test
    void callsAndRecursion() {
        checkGrad("f_call", 1.0, 2 * Math.sin(1.0) * Math.cos(1.0) + 2.0);
        assertEquals(80.0, h.number("grad(pw)(2.0, 5)")); // 5 x^4
        assertEquals(1.0, h.number("grad(pw)(2.0, 1)"));
        assertEquals(0.0, h.number("grad(pw)(2.0, 0)"));
        assertMatchesCentral(h.fn("pw"), new Object[]{1.3, 7}, 0, h.number("grad(pw)(1.3, 7)"), "pw");
        // Mutual recursion: mr_even(x, 3) = -sin(x^2)^2.
        double x = 0.5;
        double mutual = h.number("grad(mr_even)(0.5, 3)");
        assertExact(-2 * x * Math.sin(2 * x * x), mutual, "mutual recursion");
        assertMatchesCentral(h.fn("mr_even"), new Object[]{x, 3}, 0, mutual, "mutual recursion");
    }

    @Test
    void higherOrderFunctionsWrittenInDelta() {
        checkGrad("f_map_fold", 1.5, 10 * 1.5); // x^2 + 4x^2 + 9
        checkGrad("f_map_builtin", 0.7, Math.cos(0.7) + 2 * 0.7 * Math.cos(0.49)); // map(xs, sin)
        checkGrad("f_function_list", 0.3, Math.cos(0.3) - Math.sin(0.3) + 0.6 + 3 * 0.09);
        checkGrad("f_local_functions", 1.0, 6.0 + 24.0); // 2x^3 + 8x^3
        // A function value passed through grad's own argument.
        assertEquals(6.0, h.number("grad(x -> fold(map([x, x], square), add, 0.0))(1.5)"));
    }

    @Test
    void listElementsAndRecordFieldsReadAndWrittenInLoops() {
        checkGrad("f_list_write", 2.0, 28 * 2.0); // 14 x^2
        checkGrad("f_list_append", 2.0, 4 * 8.0); // x^4
        checkGrad("f_record_write", 1.0, 42.0); // 21 p^2
    }

    @Test
    void gradientsHaveTheStructureOfTheirParameters() {
        Value listGrad = h.eval("grad(sum_squares)([1.0, 2.0, 3.0])");
        assertEquals("[2.0, 4.0, 6.0]", listGrad.toString());
        assertEquals("list", h.eval("type(grad(sum_squares)([1.0, 2.0, 3.0]))").asString());

        // The gradient of a loss over {w, b} is a record with fields w and b.
        Value recordGrad = h.eval("grad(loss)({w: 1.0, b: 0.5}, [1.0, 2.0], [2.0, 3.0])");
        assertTrue(recordGrad.hasMember("w") && recordGrad.hasMember("b"), recordGrad.toString());
        assertEquals(List.of("w", "b"), List.copyOf(recordGrad.getMemberKeys()));
        assertEquals(-3.0, recordGrad.getMember("w").asDouble()); // 2 (e1 x1 + e2 x2), e = -0.5
        assertEquals(-2.0, recordGrad.getMember("b").asDouble());
        // Against central differences of the loss in w and in b.
        String[] shifted = {"{w: 1.000001, b: 0.5}", "{w: 0.999999, b: 0.5}", "{w: 1.0, b: 0.500001}", "{w: 1.0, b: 0.499999}"};
        double[] at = new double[4];
        for (int i = 0; i < 4; i++) {
            at[i] = h.number("loss(" + shifted[i] + ", [1.0, 2.0], [2.0, 3.0])");
        }
        assertClose((at[0] - at[1]) / 2e-6, -3.0, AdHarness.CENTRAL_TOLERANCE, "d loss / d w");
        assertClose((at[2] - at[3]) / 2e-6, -2.0, AdHarness.CENTRAL_TOLERANCE, "d loss / d b");

        assertEquals("(3.0, 2.0, 1.0)", h.eval("grad(f_tuple)((2.0, 3.0, 4.0))").toString());
        assertEquals("tuple", h.eval("type(grad(f_tuple)((2.0, 3.0, 4.0)))").asString());
        // Nested records and lists: every part is there, untouched ones as 0.0.
        assertEquals("{layer: {w: 6.0}, scale: 5.0, items: [0.0, 2.0]}",
                        h.eval("grad(f_nested)({layer: {w: 3.0}, scale: 2.0, items: [1.0, 5.0]})").toString());
        assertEquals("{layers: [{w: 2.0, b: 1.0}, {w: 4.0, b: 3.0}]}",
                        h.eval("grad(f_layers)({layers: [{w: 1.0, b: 2.0}, {w: 3.0, b: 4.0}]})").toString());
        // Non-float leaves still get float gradients.
        assertEquals("{w: 2.0, b: 1.0}", h.eval("grad(f_layers)({layers: [{w: 1, b: 2}]}).layers[0]").toString());
    }

    @Test
    void argnumsValueAndGradVjpAndJvp() {
        double x = 2.0;
        double y = 3.0;
        double dx = y + Math.cos(x);
        double dy = x;
        double value = x * y + Math.sin(x);
        assertExact(dx, h.number("grad(g)(2.0, 3.0)"), "grad(g)");
        assertExact(dx, h.number("grad(g, 0)(2.0, 3.0)"), "grad(g, 0)");
        assertExact(dy, h.number("grad(g, 1)(2.0, 3.0)"), "grad(g, 1)");
        Value both = h.eval("grad(g, [0, 1])(2.0, 3.0)");
        assertEquals("tuple", h.eval("type(grad(g, [0, 1])(2.0, 3.0))").asString());
        assertEquals(2, both.getArraySize());
        assertExact(dx, both.getArrayElement(0).asDouble(), "grad(g, [0, 1])[0]");
        assertExact(dy, both.getArrayElement(1).asDouble(), "grad(g, [0, 1])[1]");
        Value reversed = h.eval("grad(g, [1, 0])(2.0, 3.0)");
        assertExact(dy, reversed.getArrayElement(0).asDouble(), "grad(g, [1, 0])[0]");
        Value single = h.eval("grad(g, [1])(2.0, 3.0)");
        assertEquals(1, single.getArraySize(), "grad(g, [1]) is a one-element tuple");
        assertMatchesCentral(h.fn("g"), new Object[]{x, y}, 0, dx, "dg/dx");
        assertMatchesCentral(h.fn("g"), new Object[]{x, y}, 1, dy, "dg/dy");

        Value vg = h.eval("value_and_grad(g)(2.0, 3.0)");
        assertExact(value, vg.getArrayElement(0).asDouble(), "value_and_grad value");
        assertExact(dx, vg.getArrayElement(1).asDouble(), "value_and_grad gradient");
        Value vg2 = h.eval("value_and_grad(g, [0, 1])(2.0, 3.0)");
        assertExact(dy, vg2.getArrayElement(1).getArrayElement(1).asDouble(), "value_and_grad(g, [0, 1])");

        // The pullback is linear in its cotangent.
        Value pulled = h.fn("pull").execute(h.fn("g"), x, y, 2.5);
        assertExact(value, pulled.getArrayElement(0).asDouble(), "vjp value");
        assertExact(2.5 * dx, pulled.getArrayElement(1).getArrayElement(0).asDouble(), "vjp pullback x");
        assertExact(2.5 * dy, pulled.getArrayElement(1).getArrayElement(1).asDouble(), "vjp pullback y");

        Value jx = h.eval("jvp(g, (2.0, 3.0), (1.0, 0.0))");
        assertExact(value, jx.getArrayElement(0).asDouble(), "jvp value");
        assertExact(dx, jx.getArrayElement(1).asDouble(), "jvp along x");
        assertExact(dy, h.eval("jvp(g, [2.0, 3.0], [0.0, 1.0])").getArrayElement(1).asDouble(), "jvp along y (lists)");
        assertExact(0.5 * dx - 2 * dy, h.eval("jvp(g, (2.0, 3.0), (0.5, -2.0))").getArrayElement(1).asDouble(), "jvp along (0.5, -2)");
    }

    @Test
    void structuredOutputsInBothModes() {
        // f(x, y) = (x y, sin x, [x, y^2]) pulled back with (1, 2, [3, 4]) and pushed forward along (1, 0.5).
        Value pulled = h.eval("vjp(f_vector_out, 2.0, 3.0)[1]((1.0, 2.0, [3.0, 4.0]))");
        assertExact(3.0 + 2 * Math.cos(2.0) + 3.0, pulled.getArrayElement(0).asDouble(), "vector vjp x");
        assertExact(2.0 + 4 * 2 * 3.0, pulled.getArrayElement(1).asDouble(), "vector vjp y");
        assertEquals("(4.0, " + (Math.cos(2.0)) + ", [1.0, 3.0])", h.eval("jvp(f_vector_out, (2.0, 3.0), (1.0, 0.5))[1]").toString());
        assertEquals("({x: 13.0, y: 2.0},)", h.eval("vjp(f_record_out, {x: 2.0, y: 3.0})[1]({a: 1.0, b: 10.0})").toString());
        assertEquals("{a: 3.0, b: 1.0}", h.eval("jvp(f_record_out, ({x: 2.0, y: 3.0},), ({x: 1.0, y: 0.0},))[1]").toString());
    }

    @Test
    void stopGradientContributesZero() {
        checkStop("f_stop", 3.0, 9.0); // x * (x^2 held constant)
        assertEquals(0.0, h.number("grad(f_stop_all)(3.0)"));
        assertEquals(0.0, h.number("jvp(f_stop_all, (3.0,), (1.0,))[1]"));
        assertEquals(9.0, h.number("jvp(f_stop, (3.0,), (1.0,))[1]"));
        // Outside differentiation it is the identity.
        assertEquals(3.0, h.number("stop_gradient(3.0)"));
    }

    private static void checkStop(String function, double x, double expected) {
        assertExact(expected, h.number("grad(" + function + ")(" + x + ")"), function);
        // Central differences see through stop_gradient: the derivative is different, so it really stopped.
        assertTrue(Math.abs(AdHarness.central(h.fn(function), new Object[]{x}, 0) - expected) > 1.0);
    }

    @Test
    void comparisonsFloorIntegersAndPrintDoNotStopDifferentiation() {
        h.output.reset();
        // x^2 k + j + 7x with k = 1, j = 2 at x = 1.5.
        checkGrad("f_no_derivative_parts", 1.5, 2 * 1.5 + 7);
        assertEquals(5.0, h.number("jvp(f_no_derivative_parts, (1.5,), (0.5,))[1]"));
        assertTrue(h.output().contains("inside 1.5"), "print ran inside the derivative: " + h.output());
        checkGrad("f_no_derivative_parts", 2.5, 1.0);
    }

    @Test
    void derivativeCodeIsMadeOncePerFunctionAndMode() {
        // The requirement: grad(f) inside a training loop does not transform again.
        Value counts = h.eval("""
                        fn cached_sq(x) = x * x
                        let c0 = ad_transform_count()
                        let total = 0.0
                        for i in range(200) { total = total + grad(cached_sq)(i * 1.0) }
                        let c1 = ad_transform_count()
                        for i in range(200) {
                            total = total + value_and_grad(cached_sq)(1.0)[1] + vjp(cached_sq, 2.0)[1](1.0)[0] +
                                grad(cached_sq, [0])(1.0)[0] + grad(cached_sq)(3.0)
                        }
                        let c2 = ad_transform_count()
                        for i in range(200) { total = total + jvp(cached_sq, (1.0,), (1.0,))[1] }
                        let c3 = ad_transform_count()
                        for i in range(200) { total = total + jvp(cached_sq, (1.0,), (1.0,))[1] + grad(cached_sq)(1.0) }
                        # A lambda made again in every iteration is one function: its code is shared.
                        for i in range(200) {
                            let f = x -> x * 3.0 + 1.0
                            total = total + grad(f)(1.0)
                        }
                        let c4 = ad_transform_count()
                        (c1 - c0, c2 - c1, c3 - c2, c4 - c3, total)
                        """);
        assertEquals(1, counts.getArrayElement(0).asLong(), "200 calls of grad(f) transform f once");
        assertEquals(0, counts.getArrayElement(1).asLong(), "value_and_grad, vjp and argnums reuse the reverse-mode code");
        assertEquals(1, counts.getArrayElement(2).asLong(), "forward mode is transformed once");
        assertEquals(1, counts.getArrayElement(3).asLong(), "a lambda made 200 times is transformed once");
        double expected = 2 * (199 * 200 / 2.0) + 200 * (2 + 4 + 2 + 6) + 200 * 2 + 200 * (2 + 2) + 200 * 3;
        assertEquals(expected, counts.getArrayElement(4).asDouble());
    }

    @Test
    void forwardAndReverseModeAgreeOnFunctionsWithControlFlow() {
        // <u, J v> both ways at random points and directions, for functions made of the constructs above.
        Random random = new Random(42);
        for (String name : new String[]{"f_mixed", "f_struct_pair", "g", "helper_pw2", "helper_loop2"}) {
            Value f = h.fn(name);
            for (int k = 0; k < 5; k++) {
                double x = 0.5 + 2 * random.nextDouble();
                double y = 0.5 + 2 * random.nextDouble();
                double u = random.nextGaussian();
                double vx = random.nextGaussian();
                double vy = random.nextGaussian();
                Value pulled = h.fn("pull").execute(f, x, y, u).getArrayElement(1);
                double reverse = pulled.getArrayElement(0).asDouble() * vx + pulled.getArrayElement(1).asDouble() * vy;
                double forward = u * h.fn("fwd2").execute(f, x, y, vx, vy).getArrayElement(1).asDouble();
                String at = name + " at (" + x + ", " + y + ")";
                assertExact(reverse, forward, at + ": <u, J v> by vjp and by jvp");
                // Both against central differences along v.
                double eps = 1e-6;
                double along = (f.execute(x + eps * vx, y + eps * vy).asDouble() - f.execute(x - eps * vx, y - eps * vy).asDouble()) / (2 * eps);
                assertClose(along * u, forward, AdHarness.CENTRAL_TOLERANCE, at + ": jvp vs central differences along v");
                double worst = h.fn("check2").execute(f, x, y).asDouble();
                assertTrue(worst < AdHarness.CENTRAL_TOLERANCE, at + ": gradcheck reports " + worst);
            }
        }
    }
}
