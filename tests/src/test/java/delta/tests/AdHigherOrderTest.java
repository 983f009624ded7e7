package delta.tests;

import static delta.tests.AdHarness.assertClose;
import static delta.tests.AdHarness.assertExact;
import static delta.tests.AdHarness.assertMatchesCentral;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Closures (lambdas that capture the differentiated variables, closures made elsewhere, and the
 * derivative code they share) and second derivatives (grad of grad, hessian, jacobian), each
 * against a hand-worked value and central differences of the first derivative.
 */
class AdHigherOrderTest {
    private static final String PROGRAM = """
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
            # w x^2 summed over 1, 2, 3: 14 w.
            fn c_map_fold(w) = fold(map([1.0, 2.0, 3.0], x -> w * x * x), (a, b) -> a + b, 0.0)
            # 3 w^2 + w^3.
            fn c_local(w) {
                let scale = w * w
                let g = x -> scale * x
                g(3.0) + g(w)
            }
            fn make(k) = x -> x * x * k
            let times3 = make(3.0)
            fn make_poly(a, b) = x -> a * x * x + b * sin(x)

            fn cube(x) = x * x * x
            fn loopf(x) {
                let s = 0.0
                for i in range(4) {
                    if i == 2 { continue }
                    s = s + x ** i
                }
                s
            }
            fn pw(x, n) = if n == 0 { 1.0 } else { x * pw(x, n - 1) }
            fn apply(f, x) = f(x)
            fn via_hof(x) = apply(cube, x) + fold(map([x, 2.0 * x], sin), (a, b) -> a + b, 0.0)
            fn g2(x, y) = x * x * y + sin(x * y)
            fn hl(xs) = xs[0] * xs[0] * xs[1] + sin(xs[1])
            fn ode(k, c) {
                let x = 1.0
                let v = 0.0
                for i in range(100) {
                    let a = -k * x - c * v
                    v = v + 0.01 * a
                    x = x + 0.01 * v
                }
                x * x + v * v
            }
            fn ode_list(p) = ode(p[0], p[1])
            """;

    private static AdHarness h;

    @BeforeAll
    static void open() {
        h = new AdHarness(PROGRAM);
    }

    @AfterAll
    static void close() {
        h.close();
    }

    @Test
    void lambdasCapturingTheDifferentiatedVariable() {
        assertExact(14.0, h.number("grad(c_map_fold)(2.0)"), "map/fold with a lambda capturing w");
        assertExact(14.0, h.number("jvp(c_map_fold, (2.0,), (1.0,))[1]"), "the same in forward mode");
        assertExact(6 * 2.0 + 3 * 4.0, h.number("grad(c_local)(2.0)"), "a lambda capturing a local");
        assertMatchesCentral(h.fn("c_local"), new Object[]{2.0}, 0, h.number("grad(c_local)(2.0)"), "c_local");
        assertExact(6 * 2.0 + 3 * 4.0, h.number("jvp(c_local, (2.0,), (1.0,))[1]"), "c_local forward");
    }

    @Test
    void closuresMadeElsewhereAreDifferentiatedInTheirEnvironment() {
        assertExact(12.0, h.number("grad(times3)(2.0)"), "grad of x -> 3 x^2");
        Value poly = h.eval("make_poly(1.5, -2.0)");
        double d = h.eval("grad(make_poly(1.5, -2.0))").execute(0.7).asDouble();
        assertExact(3.0 * 0.7 - 2.0 * Math.cos(0.7), d, "grad of a closure over two values");
        assertMatchesCentral(poly, new Object[]{0.7}, 0, d, "closure");
    }

    @Test
    void closuresOfOneFunctionShareTheirDerivativeCode() {
        Value result = h.eval("""
                        fn make_scaled(k) = x -> k * x * x
                        let before = ad_transform_count()
                        let s = 0.0
                        for i in range(100) { s = s + grad(make_scaled(i * 1.0))(1.0) }
                        (ad_transform_count() - before, s)
                        """);
        assertEquals(1, result.getArrayElement(0).asLong(), "100 closures of one lambda are transformed once");
        assertEquals(2.0 * 4950, result.getArrayElement(1).asDouble());
    }

    /** grad(grad(f)) and hessian(f) at the arguments, against the hand-worked value and central differences of grad(f). */
    private static void checkSecond(String function, double expected, Object... arguments) {
        String args = java.util.Arrays.stream(arguments).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        double second = h.number("grad(grad(" + function + "))(" + args + ")");
        assertExact(expected, second, "grad(grad(" + function + "))(" + args + ")");
        assertMatchesCentral(h.eval("grad(" + function + ")"), arguments, 0, second, "grad(grad(" + function + "))");
        assertExact(expected, h.number("hessian(" + function + ")(" + args + ")"), "hessian(" + function + ")(" + args + ")");
    }

    @Test
    void secondDerivativesThroughTheConstructs() {
        checkSecond("cube", 12.0, 2.0);
        checkSecond("loopf", 6 * 2.0, 2.0); // 1 + x + x^3
        checkSecond("pw", 12 * 4.0, 2.0, 4); // x^4
        checkSecond("via_hof", 6 * 0.7 - Math.sin(0.7) - 4 * Math.sin(1.4), 0.7);
        checkSecond("times3", 6.0, 2.0);
        // The mixed partial d/dy d/dx of x^2 y + sin(x y) = 2x + cos(xy) - xy sin(xy).
        assertExact(2.0 + Math.cos(2.0) - 2.0 * Math.sin(2.0), h.number("grad(grad(g2), 1)(1.0, 2.0)"), "mixed partial");
        assertExact(-Math.sin(2.0), h.number("grad(grad(g2, 1), 1)(1.0, 2.0)"), "d2/dy2 = -x^2 sin(xy)");
    }

    @Test
    void hessianOfAListArgumentIsASymmetricMatrix() {
        Value hessian = h.eval("hessian(hl)([1.0, 2.0])");
        assertEquals("[[4.0, 2.0], [2.0, " + (-Math.sin(2.0)) + "]]", hessian.toString());

        // A looping function: each row against central differences of the gradient.
        Value hode = h.eval("hessian(ode_list)([2.0, 0.5])");
        Value gradient = h.eval("grad(ode_list)");
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double eps = 1e-6;
                double[] plus = {2.0, 0.5};
                double[] minus = {2.0, 0.5};
                plus[j] += eps;
                minus[j] -= eps;
                double central = (gradient.execute(h.eval("[" + plus[0] + ", " + plus[1] + "]")).getArrayElement(i).asDouble()
                                - gradient.execute(h.eval("[" + minus[0] + ", " + minus[1] + "]")).getArrayElement(i).asDouble()) / (2 * eps);
                assertClose(central, hode.getArrayElement(i).getArrayElement(j).asDouble(), AdHarness.CENTRAL_TOLERANCE,
                                "hessian of ode [" + i + "][" + j + "]");
            }
        }
        assertExact(hode.getArrayElement(0).getArrayElement(1).asDouble(), hode.getArrayElement(1).getArrayElement(0).asDouble(), "symmetry");
    }

    @Test
    void jacobians() {
        assertEquals("[[2.0, 1.0], [1.0, 1.0]]", h.eval("jacobian(x -> [x[0] * x[1], x[0] + x[1]])([1.0, 2.0])").toString());
        assertEquals("(2.0, 1.0, " + Math.cos(1.0) + ")", h.eval("jacobian((x, y) -> (x * y, x + y, sin(x)))(1.0, 2.0)").toString());
        assertExact(4.0 + 2.0 * Math.cos(2.0), h.number("jacobian(g2)(1.0, 2.0)"), "a scalar function's jacobian is its derivative");
    }

    @Test
    void aThirdDerivativeThroughClosuresIsAnErrorNotAWrongNumber() {
        // Third order is refused for now; what matters is that it is a Delta error.
        try {
            double third = h.number("grad(grad(grad(cube)))(2.0)");
            assertExact(6.0, third, "third derivative of x^3");
        } catch (PolyglotException e) {
            assertTrue(e.isGuestException() && !e.isInternalError() && !e.isHostException(), e.toString());
            assertTrue(e.getMessage().contains("order"), e.getMessage());
        }
        PolyglotException e = assertThrows(PolyglotException.class, () -> h.eval("grad(grad(grad(grad(x -> [x]))))(2.0)"));
        assertFalse(e.isInternalError(), e.toString());
    }
}
