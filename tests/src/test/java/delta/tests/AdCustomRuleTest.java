package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules users declare for their own functions (defvjp, defjvp, like JAX's custom_vjp): grad uses
 * them, also when the function is called from the one being differentiated. The example:
 * softplus(x) = log(1 + exp(x)), whose plain derivative exp(x) / (1 + exp(x)) is inf / inf = nan
 * for large x, while the rule's stable sigmoid gives 1.0.
 */
class AdCustomRuleTest {
    private static final String PROGRAM = """
            fn sigmoid_stable(x) = if x >= 0 { 1.0 / (1.0 + exp(-x)) } else { exp(x) / (1.0 + exp(x)) }
            fn softplus_stable(x) = if x > 30.0 { x + log(1.0 + exp(-x)) } else { log(1.0 + exp(x)) }

            fn softplus_plain(x) = log(1.0 + exp(x))
            fn softplus(x) = log(1.0 + exp(x))
            let rule_calls = [0, 0]
            defvjp(softplus, x -> {
                rule_calls[0] = rule_calls[0] + 1
                (softplus_stable(x), g -> (g * sigmoid_stable(x),))
            })
            defjvp(softplus, (x, x_dot) -> {
                rule_calls[1] = rule_calls[1] + 1
                (softplus_stable(x), x_dot * sigmoid_stable(x))
            })
            fn outer(x) = 2.0 * softplus(x * x)

            # Two arguments: hypot without overflow in x * x.
            fn hypot(x, y) = sqrt(x * x + y * y)
            fn hypot_plain(x, y) = sqrt(x * x + y * y)
            defvjp(hypot, (x, y) -> {
                let m = max(abs(x), abs(y))
                let r = m * sqrt((x / m) * (x / m) + (y / m) * (y / m))
                (r, g -> (g * x / r, g * y / r))
            })
            """;

    private AdHarness h;

    @BeforeEach
    void open() {
        h = new AdHarness(PROGRAM);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private long ruleCalls(int mode) {
        return h.eval("rule_calls[" + mode + "]").asLong();
    }

    @Test
    void plainDerivativeOfSoftplusOverflowsForLargeX() {
        assertEquals(Double.POSITIVE_INFINITY, h.number("softplus_plain(1000.0)"));
        assertTrue(Double.isNaN(h.number("grad(softplus_plain)(1000.0)")), "exp(1000) / (1 + exp(1000)) is inf / inf");
        assertTrue(Double.isNaN(h.number("jvp(softplus_plain, (1000.0,), (1.0,))[1]")));
        assertEquals(0.5, h.number("grad(softplus_plain)(0.0)"));
    }

    @Test
    void reverseModeUsesTheRule() {
        long before = ruleCalls(0);
        assertEquals(1.0, h.number("grad(softplus)(1000.0)"));
        assertEquals(before + 1, ruleCalls(0), "grad called the rule");
        assertEquals(0.5, h.number("grad(softplus)(0.0)"));
        assertEquals(0.0, h.number("grad(softplus)(-1000.0)"));
        AdHarness.assertExact(1 / (1 + Math.exp(-2.5)), h.number("grad(softplus)(2.5)"), "sigmoid(2.5)");
        // The rule's value is the value of value_and_grad: finite where the plain function overflows.
        Value vg = h.eval("value_and_grad(softplus)(1000.0)");
        assertEquals(1000.0, vg.getArrayElement(0).asDouble());
        assertEquals(1.0, vg.getArrayElement(1).asDouble());
        // Calling the function directly still runs its own code.
        assertEquals(Double.POSITIVE_INFINITY, h.number("softplus(1000.0)"));
    }

    @Test
    void theRuleIsUsedInsideOtherFunctions() {
        long before = ruleCalls(0);
        // outer(x) = 2 softplus(x^2): 2 sigmoid(x^2) 2x = 4000 at x = 1000.
        assertEquals(4000.0, h.number("grad(outer)(1000.0)"));
        assertTrue(ruleCalls(0) > before, "the rule ran for the call inside outer");
        AdHarness.assertExact(4 * 0.5 / (1 + Math.exp(-0.25)), h.number("grad(outer)(0.5)"), "grad(outer)(0.5)");
        AdHarness.assertMatchesCentral(h.fn("outer"), new Object[]{0.5}, 0, h.number("grad(outer)(0.5)"), "grad(outer)(0.5)");
    }

    @Test
    void forwardModeUsesItsRule() {
        long before = ruleCalls(1);
        Value pair = h.eval("jvp(softplus, (1000.0,), (1.0,))");
        assertEquals(1000.0, pair.getArrayElement(0).asDouble());
        assertEquals(1.0, pair.getArrayElement(1).asDouble());
        assertEquals(before + 1, ruleCalls(1));
        Value through = h.eval("jvp(outer, (1000.0,), (0.5,))");
        assertEquals(2.0e6, through.getArrayElement(0).asDouble());
        assertEquals(2000.0, through.getArrayElement(1).asDouble());
    }

    @Test
    void aRuleForATwoArgumentFunction() {
        // x * x overflows: the plain derivative (0.5 / sqrt(inf)) * 2x is 0, the rule gives x / r.
        assertEquals(0.0, h.number("grad(hypot_plain)(3e200, 4e200)"));
        Value both = h.eval("grad(hypot, [0, 1])(3e200, 4e200)");
        AdHarness.assertExact(0.6, both.getArrayElement(0).asDouble(), "d hypot / dx");
        AdHarness.assertExact(0.8, both.getArrayElement(1).asDouble(), "d hypot / dy");
        AdHarness.assertExact(5e200, h.eval("value_and_grad(hypot)(3e200, 4e200)").getArrayElement(0).asDouble() / 1.0, "value");
    }
}
