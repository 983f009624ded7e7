package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.tensor.CpuBackend;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chains of element-wise tensor arithmetic run as one fused expression: the results equal the
 * same computation with every step named (which computes operator by operator) bit for bit, in
 * f64 and f32 and with broadcasting; the chain evaluates fused exactly once; what programs see is
 * always a tensor; and errors still name the operator, the shapes and the place of the operator
 * that fails.
 */
class ElementwiseFusionTest {
    private static final String PROGRAM = """
            fn chained(a, b, c) = 100.0 * (a - b ** 2) ** 2 + (1.0 - b) ** 2 - -c / 3 * a ** 3
            fn stepwise(a, b, c) {
                let s1 = b ** 2
                let s2 = a - s1
                let s3 = s2 ** 2
                let s4 = 100.0 * s3
                let s5 = 1.0 - b
                let s6 = s5 ** 2
                let s7 = s4 + s6
                let s8 = -c
                let s9 = s8 / 3
                let s10 = a ** 3
                let s11 = s9 * s10
                s7 - s11
            }
            fn stencil(x) = sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)
            fn spread(x, y) = sum((x[1:] * 2.0 + y) ** 2)
            let fa = randn([3, 4])
            let fb = astype(randn([4]), "f32")
            let fc = astype(randn([3, 4]), "f32")
            let fk = astype(tensor([[1], [2], [3]]), "i64")
            let fe = randn([2])
            fn shown(v) = str(v.dtype) + " " + str(shape(v)) + " " + str(tolist(v))
            fn difference(a, b, c) = amax(abs(chained(a, b, c) - stepwise(a, b, c)))
            seed(7)
            let m = randn([40, 700])
            let row = randn([700])
            let col = randn([40, 1])
            """;

    private static AdHarness delta;

    @BeforeAll
    static void start() {
        delta = new AdHarness(PROGRAM);
    }

    @AfterAll
    static void stop() {
        delta.close();
    }

    @Test
    void chainsAgreeWithStepwiseResultsBitForBit() {
        for (String args : new String[] {"m, m * 0.5, m", "m, row, col", "row, m, 2.5", "m.T, m.T * 2.0, row[:40]"}) {
            assertEquals(0.0, delta.number("item(difference(" + args + "))"), "f64: " + args);
            String f32 = args.replace("m", "astype(m, \"f32\")").replace("row", "astype(row, \"f32\")").replace("col", "astype(col, \"f32\")");
            assertEquals(0.0, delta.number("item(difference(" + f32 + "))"), "f32: " + f32);
        }
        assertEquals("f32", delta.eval("chained(astype(m, \"f32\"), astype(row, \"f32\"), 2).dtype").asString());
        assertEquals("f64", delta.eval("chained(astype(m, \"f32\"), row, 2).dtype").asString(), "mixed dtypes promote as before");
        assertEquals("[40, 700]", delta.eval("str(shape(chained(m, row, col)))").asString());
    }

    @Test
    void aChainIsOneFusedEvaluation() {
        delta.eval("chained(m, row, col)");
        long before = CpuBackend.fusedEvaluations();
        delta.eval("chained(m, row, col)");
        assertEquals(1, CpuBackend.fusedEvaluations() - before, "the whole chain, once");
        before = CpuBackend.fusedEvaluations();
        delta.eval("stepwise(m, row, col)");
        assertEquals(0, CpuBackend.fusedEvaluations() - before, "named steps run one operator at a time");
    }

    @Test
    void programsOnlySeeTensors() {
        assertEquals("tensor", delta.eval("type(m * 2.0 + 1.0)").asString());
        assertEquals("tensor", delta.eval("((x) -> type(x))(m * 2.0 + row)").asString());
        assertEquals(3.0, delta.number("item(sum(tensor([1.0, 2.0]) * 2.0 - 1.0 + tensor([0.0, -1.0])))"));
        assertEquals(1.0, delta.number("item(-(tensor([2.0]) * 2.0) + 5.0)"));
    }

    @Test
    void errorsNameTheFailingOperator() {
        PolyglotException e = assertThrows(PolyglotException.class,
                        () -> delta.eval("m * 2.0 + tensor([1.0, 2.0, 3.0]) - 1.0"));
        assertTrue(e.getMessage().contains("add: shapes [40, 700] and [3] cannot be broadcast together"), e.getMessage());
        assertEquals("m * 2.0 + tensor([1.0, 2.0, 3.0])", e.getSourceLocation().getCharacters().toString(), "the + that fails");
    }

    @Test
    void sliceAdjointsAreComputedIntoTheirPlace() {
        // The reverse sweep adds each slice's adjoint, an element-wise expression, into its view of
        // the gradient without a tensor of its own; central differences agree, and so does the
        // closed form of the Rosenbrock gradient.
        delta.eval("let v = randn([50])");
        assertTrue(delta.number("gradcheck(stencil, v)") < 1e-6);
        delta.eval("grad(stencil)(v)");
        long before = CpuBackend.fusedEvaluationsIntoViews();
        delta.eval("let gv = grad(stencil)(v)");
        assertEquals(2, CpuBackend.fusedEvaluationsIntoViews() - before, "the adjoints of x[:-1] and x[1:] written into place");
        for (int i : new int[] {0, 17, 49}) {
            String closed = "(if " + i + " < 49 { -400.0 * v[" + i + "] * (v[" + i + " + 1] - v[" + i + "] ** 2) - 2.0 * (1.0 - v[" + i + "]) } else { 0.0 })"
                            + " + (if " + i + " > 0 { 200.0 * (v[" + i + "] - v[" + i + " - 1] ** 2) } else { 0.0 })";
            assertEquals(delta.number("item(" + closed + ")"), delta.number("item(gv[" + i + "])"), 1e-9, "d stencil / dv" + i);
        }
        // An adjoint broadcast over more rows than its slice is summed first: computed as before.
        delta.eval("let w = randn([3, 49])");
        assertTrue(delta.number("gradcheck(spread, v, w)") < 1e-6);
    }

    /**
     * Random chains over f64, f32 and i64 tensors, shapes that broadcast and one that does not,
     * ints and floats, powers by numbers and by tensors: written as one expression (fused where it
     * can be) and with every operator's result named (operator by operator), they give the same
     * dtype, shape and values, or the same error.
     */
    @Test
    void randomChainsAgreeWithNamedSteps() {
        java.util.Random r = new java.util.Random(29);
        String[] atoms = {"fa", "fb", "fc", "fk", "fe", "2", "0.5", "3", "-1.5"};
        int compared = 0;
        for (int k = 0; k < 150; k++) {
            java.util.List<String> steps = new java.util.ArrayList<>();
            String nested = chain(r, atoms, 4, steps);
            if (steps.isEmpty()) {
                continue;
            }
            StringBuilder named = new StringBuilder("(() -> {\n");
            for (int i = 0; i < steps.size(); i++) {
                named.append("let s").append(i).append(" = ").append(steps.get(i)).append("\n");
            }
            named.append("s").append(steps.size() - 1).append("\n})()");
            String fused = outcome("shown(" + nested + ")");
            String stepwise = outcome("shown(" + named + ")");
            assertEquals(stepwise, fused, nested);
            compared++;
        }
        assertTrue(compared > 100, "compared " + compared);
    }

    /** A random expression; {@code steps} gets the same computation one operator per step (s0, s1, ...). */
    private static String chain(java.util.Random r, String[] atoms, int depth, java.util.List<String> steps) {
        if (depth == 0 || r.nextInt(4) == 0) {
            String atom = atoms[r.nextInt(atoms.length)];
            return atom.startsWith("-") ? "(" + atom + ")" : atom;
        }
        if (r.nextInt(7) == 0) {
            String operand = chain(r, atoms, depth - 1, steps);
            steps.add("-" + lastOf(operand, steps));
            return "(-" + operand + ")";
        }
        String op = new String[] {"+", "-", "*", "/", "**"}[r.nextInt(5)];
        String left = chain(r, atoms, depth - 1, steps);
        String leftStep = lastOf(left, steps);
        String right = op.equals("**") && r.nextBoolean() ? new String[] {"2", "3", "0.5", "1"}[r.nextInt(4)] : chain(r, atoms, depth - 1, steps);
        String rightStep = lastOf(right, steps);
        steps.add(leftStep + " " + op + " " + rightStep);
        return "(" + left + " " + op + " " + right + ")";
    }

    /** How a step refers to an operand: its step variable when it is an operator, else the atom itself. */
    private static String lastOf(String expression, java.util.List<String> steps) {
        return expression.startsWith("(") && !expression.matches("\\(-[0-9.]+\\)") ? "s" + (steps.size() - 1) : expression;
    }

    private static String outcome(String code) {
        try {
            return delta.eval(code).asString();
        } catch (PolyglotException e) {
            return "error: " + e.getMessage();
        }
    }
}
