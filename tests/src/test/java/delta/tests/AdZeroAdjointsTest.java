package delta.tests;

import static delta.tests.AdHarness.assertExact;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reverse sweep assigns the first contribution to an adjoint that is known to be zero instead
 * of adding it (ZeroAdjoints). These tests read the generated code to see the additions go where
 * they are safe and stay where they are not (an adjoint that accumulates over a loop's iterations,
 * an adjoint only one branch writes), and check the gradients against values worked out by hand.
 */
class AdZeroAdjointsTest {
    private static final String PROGRAM = """
            fn straight(x) {
                let y = x * x
                sin(y) + y
            }
            fn accumulating(w, n) {
                let s = 0.0
                for i in range(n) { s = s + w * i }
                s
            }
            fn branches(x, c) {
                let y = 0.0
                if c > 0 { y = x * 2.0 } else { y = x * 3.0 }
                y + x
            }
            """;

    private static AdHarness ad;

    @BeforeAll
    static void start() {
        ad = new AdHarness(PROGRAM);
    }

    @AfterAll
    static void stop() {
        ad.close();
    }

    private static String source(String f) {
        return ad.eval("derivative_source(" + f + ")").asString();
    }

    @Test
    void firstContributionIsAssigned() {
        String code = source("straight");
        assertTrue(code.contains("x_bar = y_bar * x\n"), code);
        assertTrue(code.contains("x_bar = x_bar + y_bar * x\n"), code);
        double x = 0.7;
        assertExact(2 * x * Math.cos(x * x) + 2 * x, ad.number("grad(straight)(0.7)"), "d straight / dx");
    }

    @Test
    void loopAccumulatorsKeepTheirAddition() {
        String code = source("accumulating");
        // w_bar gathers a contribution per iteration: it is zero only before the loop.
        assertTrue(code.contains("w_bar = w_bar + "), code);
        // A temporary reset at the end of every iteration is zero at the start of the next.
        assertTrue(code.matches("(?s).*while trips.*\\bt\\d+_bar = t\\d+\n.*"), code);
        assertFalse(code.matches("(?s).*\\b(t\\d+)_bar = \\1_bar \\+.*"), code);
        assertExact(0 + 1 + 2 + 3 + 4, ad.number("grad(accumulating)(2.5, 5)"), "d accumulating / dw");
    }

    @Test
    void branchesAgreeBeforeAnAdjointCountsAsZero() {
        assertExact(3.0, ad.number("grad(branches)(1.5, 1)"), "d branches / dx, then-branch");
        assertExact(4.0, ad.number("grad(branches)(1.5, -1)"), "d branches / dx, else-branch");
        String code = source("branches");
        // x gets a contribution in whichever branch ran, then one from y + x: the last one adds.
        assertTrue(code.contains("x_bar = x_bar + "), code);
    }
}
