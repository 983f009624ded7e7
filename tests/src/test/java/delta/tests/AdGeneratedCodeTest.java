package delta.tests;

import static delta.tests.AdHarness.assertExact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the generated derivative code looks like, read through derivative_source, with the values
 * and gradients checked against results worked out by hand:
 * <ul>
 * <li>the reverse sweep assigns the first contribution to an adjoint known to be zero instead of
 * adding it (ZeroAdjoints), and keeps the addition where it is needed (an adjoint that gathers
 * contributions over a loop's iterations, an adjoint only one branch writes);</li>
 * <li>variables that live within one loop iteration are reset at its end (LoopLocals), and the
 * pullback neither receives nor copies them from the forward sweep;</li>
 * <li>cheap arithmetic that the forward sweep uses once is computed again by the reverse sweep
 * instead of being kept (Recompute.topLevel), so both sweeps keep whole expressions;</li>
 * <li>both sweeps put single-use arithmetic temporaries back into the expression that uses
 * them (TemporaryInlining), so tensor operators can reuse a subexpression's result, except where a
 * statement in between writes one of the temporary's operands.</li>
 * </ul>
 */
class AdGeneratedCodeTest {
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
            fn chain(x) {
                let a = x * 2.0
                let b = a + 1.0
                b * b
            }
            fn reassigned(x) {
                let s = x
                let y = 0.0
                for i in range(3) {
                    let t = s * 2.0
                    s = s + 1.0
                    y = y + t
                }
                y
            }
            fn scalar_rosenbrock(x) {
                let s = 0.0
                for i in range(len(x) - 1) {
                    s = s + 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2
                }
                s
            }
            fn last_read(xs) {
                let s = 0.0
                let last = 0.0
                for i in range(len(xs)) {
                    let t = xs[i] * xs[i]
                    s = s + t
                    last = t
                }
                s + last * 3.0
            }
            fn used_twice(x) {
                let y = x * 2.0
                sin(y) + y
            }
            fn operand_changes(x) {
                let a = x
                let y = a * 3.0
                a = 5.0
                sin(y) * a
            }
            fn tensors(x) = sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)
            fn masks(x, y) = sum(relu(x) * 2.0 + clip(y, -0.5, 0.5) + maximum(x, y))
            fn reads(m) {
                let t = m.T
                let c = t[1:]
                let y = m
                sum(m[0] * 2.0) + sum(c * 3.0) + sum(y[1] * m[1]) + sum(m[:, 1] * 5.0)
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
    void maskPartialsSelectTheAdjoint() {
        String code = source("masks");
        // g * where(c, 1.0, 0.0) is written where(c, g, 0.0): one pass, and g's dtype.
        assertTrue(code.matches("(?s).*where\\(x > 0, [^,]+, 0\\.0\\).*"), code);
        assertTrue(code.matches("(?s).*where\\([^,]+ < [^,]+, 0\\.0, where\\([^,]+ > [^,]+, 0\\.0, [^)]+\\)\\).*"), code);
        assertFalse(code.contains("* where("), code);
        // An f32 argument's adjoints stay f32 inside the reverse sweep (a mask made of two numbers is
        // an f64 tensor, which made them f64 until the final gradient converted back): a rule that
        // records the dtype of the adjoint relu's pullback hands it.
        assertEquals("f32", ad.eval("""
                {
                    let seen = []
                    fn probe(t) = t
                    defvjp(probe, (t) -> (t, (g) -> { append(seen, str(g.dtype))
                                                      (g,) }))
                    grad((a) -> sum(relu(probe(a)) * 3.0))(astype(tensor([-1.0, 0.5, 2.0]), "f32"))
                    seen[0]
                }""").asString());
        // Values agree with central differences, at points away from the kinks.
        double worst = ad.number("gradcheck(masks, tensor([-0.7, 0.3, 1.2]), tensor([0.9, -0.2, 1.5]))");
        assertTrue(worst < 1e-6, "gradcheck error " + worst);
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
        // Inside the loop the resets stay: the next iteration starts from them.
        assertTrue(code.matches("(?s).*while trips.*\\bt\\d+_bar = 0\\.0\n.*"), code);
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

    @Test
    void singleUseTemporariesAreInlined() {
        String code = source("chain");
        assertTrue(code.contains("b = x * 2.0 + 1.0\n"), code);
        assertFalse(code.contains("let a = none"), code);
        double x = 1.5;
        assertExact((2 * x + 1) * (2 * x + 1), ad.number("value_and_grad(chain)(1.5)[0]"), "chain(1.5)");
        assertExact(4 * (2 * x + 1), ad.number("grad(chain)(1.5)"), "d chain / dx");
    }

    @Test
    void aTemporaryStaysBeforeAWriteOfItsOperand() {
        String code = source("reassigned");
        assertTrue(code.matches("(?s).*t = s \\* 2\\.0\\n\\s*s = s \\+ 1\\.0\\n.*"), code);
        // 2x + 2(x + 1) + 2(x + 2)
        assertExact(6 * 1.5 + 6, ad.number("reassigned(1.5)"), "reassigned(1.5)");
        assertExact(6.0, ad.number("grad(reassigned)(1.5)"), "d reassigned / dx");
    }

    @Test
    void tensorExpressionsNestAgain() {
        String code = source("tensors");
        // The forward sweep keeps neither difference for the reverse sweep (it computes them again,
        // Recompute.topLevel), so the whole sum's argument is one expression, one fused pass.
        assertTrue(code.matches("(?s).*\\$vjp\\(sum\\)\\(100\\.0 \\* \\(t\\d+ - t\\d+ \\*\\* 2\\) \\*\\* 2 \\+ \\(1\\.0 - t\\d+\\) \\*\\* 2\\).*"), code);
        // The reverse sweep's chains of single-use adjoints become one expression each, with the
        // recomputed differences inside; with the resets after their last use gone (straight-line
        // code), no "_bar = 0.0" is left in it.
        assertTrue(code.matches("(?s).*\\$accindex\\(x_bar, x, t\\d+, t\\d+_bar \\* \\(2 \\* \\(1\\.0 - t\\d+\\)\\) \\* -1\\.0\\).*"), code);
        assertTrue(code.matches("(?s).*t\\d+_bar = t\\d+_bar \\* 100\\.0 \\* \\(2 \\* \\(t\\d+ - t\\d+ \\*\\* 2\\)\\).*"), code);
        assertFalse(code.substring(code.indexOf("result_bar = g")).contains("_bar = 0.0"), code);
        // The first read of a slice makes x_bar; the next two add into it in place.
        assertEquals(2, code.split("\\$accindex_into\\(x_bar").length - 1, code);
        // The gradient against the closed form of d/dx_i of the Rosenbrock sum.
        double[] x = {0.3, -0.7, 1.2, 0.5};
        double[] g = rosenbrockGradient(x);
        for (int i = 0; i < x.length; i++) {
            assertExact(g[i], ad.number("grad(tensors)(tensor([0.3, -0.7, 1.2, 0.5]))[" + i + "]"), "d tensors / dx" + i);
        }
    }

    @Test
    void inPlaceAccumulationKeepsEveryContribution() {
        // m is read through a transpose (a view of the adjoint, never written in place), an alias,
        // rows, a column: the in-place additions must neither lose a contribution nor write into
        // another adjoint. d/dm: row 0 gets 2, rows >= 1 of m.T are columns >= 1 of m (3), m[1]
        // appears twice in y[1] * m[1] (2 m[1]), column 1 gets 5.
        double[][] m = {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}};
        double[][] expected = new double[2][3];
        for (int j = 0; j < 3; j++) {
            expected[0][j] += 2.0;
            expected[1][j] += 2 * m[1][j];
        }
        for (int i = 0; i < 2; i++) {
            for (int j = 1; j < 3; j++) {
                expected[i][j] += 3.0;
            }
            expected[i][1] += 5.0;
        }
        String gradient = "grad(reads)(tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]))";
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertExact(expected[i][j], ad.number("item(" + gradient + "[" + i + ", " + j + "])"), "d reads / dm[" + i + ", " + j + "]");
            }
        }
    }

    @Test
    void perIterationVariablesEndWithTheirIteration() {
        String code = source("scalar_rosenbrock");
        String forward = code.substring(0, code.indexOf("(forward[0]"));
        String pullback = code.substring(code.indexOf("(forward[0]"));
        // The forward sweep hands the pullback only the tape and the range it loops over.
        assertTrue(forward.matches("(?s).*\\(result, tape, t\\d+\\)\n.*"), code);
        // Each loop ends its temporaries' lives: the last statements of both loops reset them.
        assertTrue(forward.matches("(?s).*\\bt\\d+ = none\n\\s*}\n\\s*\\$push\\(tape, trips\\).*"), code);
        assertTrue(pullback.matches("(?s).*\\bt\\d+ = none\n\\s*}\n\\s*\\(\\$grad_of.*"), code);
        // The pullback declares them afresh instead of copying the forward sweep's last values.
        assertFalse(pullback.matches("(?s).*let (t\\d+) = \\1\n.*let (t\\d+) = \\2\n.*"), code);
        double[] x = {0.3, -0.7, 1.2, 0.5};
        double[] g = rosenbrockGradient(x);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < x.length; i++) {
                assertExact(g[i], ad.number("grad(scalar_rosenbrock)([0.3, -0.7, 1.2, 0.5])[" + i + "]"), "d scalar_rosenbrock / dx" + i);
            }
        }
    }

    @Test
    void aVariableReadAfterItsLoopKeepsItsLastValue() {
        String code = source("last_read");
        assertFalse(code.matches("(?s).*\\n\\s*last = none\n.*"), code);
        assertTrue(code.matches("(?s).*\\bt = none\n.*"), code);
        // d/dx_i of sum x_i^2 + 3 x_last^2
        double[] expected = {2.0, 4.0, 2 * 3.0 + 6 * 3.0};
        for (int i = 0; i < expected.length; i++) {
            assertExact(expected[i], ad.number("grad(last_read)([1.0, 2.0, 3.0])[" + i + "]"), "d last_read / dx" + i);
        }
        assertExact(1 + 4 + 9 + 27, ad.number("last_read([1.0, 2.0, 3.0])"), "last_read");
    }

    /** The closed form of d/dx_i of the Rosenbrock sum. */
    private static double[] rosenbrockGradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i + 1 < x.length; i++) {
            double t = x[i + 1] - x[i] * x[i];
            g[i] += -400 * t * x[i] - 2 * (1 - x[i]);
            g[i + 1] += 200 * t;
        }
        return g;
    }

    @Test
    void cheapArithmeticIsRecomputedOnlyWhereTheSameValueComesOut() {
        // Used twice by the forward sweep: kept (recomputing would compute it a third time).
        String twice = source("used_twice");
        assertTrue(twice.contains("let y = y\n"), twice);
        assertExact(2 * Math.cos(1.4) + 2, ad.number("grad(used_twice)(0.7)"), "d used_twice / dx");
        // An operand assigned again after the value was computed: recomputing would read 5.0, so
        // the value is kept, and the gradient is 5 * 3 cos(3x).
        String changes = source("operand_changes");
        assertTrue(changes.contains("let y = y\n"), changes);
        assertExact(15 * Math.cos(2.1), ad.number("grad(operand_changes)(0.7)"), "d operand_changes / dx");
        // sin(x * x): recomputed in the pullback, nothing kept.
        assertExact(2 * 0.7 * Math.cos(0.49), ad.number("grad(x -> sin(x * x))(0.7)"), "d sin(x^2) / dx");
    }
}
