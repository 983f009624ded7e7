package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prelude (map, filter, reduce, sum_list, zip, enumerate, reversed, sorted, sorted_by, any,
 * all) and argsort: results on lists, tuples, ranges and strs; gradients through them against
 * central differences (gradcheck), since they are Delta code that grad differentiates; that a
 * program's own definition shadows them; and the errors.
 */
class PreludeTest {
    private static AdHarness delta;

    @BeforeAll
    static void start() {
        delta = new AdHarness("fn sq(x) = x * x\n");
    }

    @AfterAll
    static void stop() {
        delta.close();
    }

    private static String text(String code) {
        return delta.eval("str(" + code + ")").asString();
    }

    @Test
    void sequenceFunctions() {
        assertEquals("[1, 4, 9]", text("map(sq, [1, 2, 3])"));
        assertEquals("[\"A\", \"B\"]", text("map(c -> if c == \"a\" { \"A\" } else { \"B\" }, \"ab\")"));
        assertEquals("[0, 2, 4]", text("filter(x -> x % 2 == 0, range(6))"));
        assertEquals("[]", text("filter(x -> x > 9, (1, 2))"));
        assertEquals("cba", text("reduce((acc, c) -> c + acc, \"abc\", \"\")"));
        assertEquals("6.5", text("sum_list([1, 2, 3.5])"));
        assertEquals("0", text("sum_list([])"));
        assertEquals("[1, 2, 3]", text("concat_lists([1, 2], (3,))"));
        assertEquals("[(1, \"a\"), (2, \"b\")]", text("zip([1, 2, 3], \"ab\")"));
        assertEquals("[(0, 10), (1, 20)]", text("enumerate((10, 20))"));
        assertEquals("[4, 3, 2]", text("reversed(range(2, 5))"));
        assertEquals("[]", text("reversed([])"));
        assertEquals("[true, false, true, true]", text("[any([false, true]), any([]), all([]), all((true, true))]"));
    }

    @Test
    void sortingIsStableAndOrdersNumbersOrStrs() {
        assertEquals("[-1, 0.5, 2, 3]", text("sorted([3, 0.5, -1, 2])"));
        assertEquals("[\"a\", \"ab\", \"b\"]", text("sorted([\"b\", \"ab\", \"a\"])"));
        // Equal keys keep their order: the two words of length 2, then those of length 3.
        assertEquals("[\"x\", \"bb\", \"aa\", \"ccc\", \"ddd\"]", text("sorted_by([\"bb\", \"ccc\", \"x\", \"aa\", \"ddd\"], len)"));
        assertEquals("[3, 2, 1]", text("sorted_by([1, 3, 2], x -> -x)"));
        assertEquals("[1, 2, 0]", text("argsort([30, 10, 20])"));
        // Ints compare exactly, beyond a double's 53 bits.
        assertEquals("[9007199254740993, 9007199254740994]", text("sorted([9007199254740994, 9007199254740993])"));
        String big = delta.eval("""
                        seed(5)
                        let xs = []
                        for i in range(500) { append(xs, randint(0, 50)) }
                        let s = sorted(xs)
                        let ok = len(s) == 500
                        for i in range(499) { ok = ok and s[i] <= s[i + 1] }
                        ok and sum_list(s) == sum_list(xs)
                        """).toString();
        assertEquals("true", big);
    }

    @Test
    void gradientsFlowThroughThePrelude() {
        String[] losses = {
            "ws -> sum_list(map(w -> sin(w) * w, ws))",
            "ws -> reduce((acc, w) -> acc * w + 1.0, ws, 0.5)",
            "ws -> sum_list(map(p -> p[0] * p[1], zip(ws, reversed(ws))))",
            "ws -> sum_list(map(p -> float(p[0] + 1) * p[1], enumerate(ws)))",
            "ws -> sorted(ws)[0] * 3.0 + sorted_by(ws, w -> -w)[0] * exp(sorted(ws)[1])",
            "ws -> sum_list(filter(w -> w > 0.0, ws)) * ws[0]",
            // The two copies of ws in the joined list get their own adjoints.
            "ws -> { let zs = concat_lists(ws, ws)\n zs[0] * zs[4] + zs[5] }",
        };
        for (String loss : losses) {
            // gradcheck varies float arguments: the list is built from three of them.
            double error = delta.number("gradcheck((a, b, c) -> (" + loss + ")([a, b, c]), 0.7, -1.3, 2.1)");
            assertTrue(error < 1e-7, loss + ": gradcheck relative error " + error);
        }
        // Tensors as items: sum(w * w + w * w) has the gradient 4 w.
        assertEquals("[4.0, 8.0, 12.0]", text("tolist(grad(w -> sum(sum_list(map(t -> t * w, [w, w]))))(tensor([1.0, 2.0, 3.0])))"));
    }

    @Test
    void aProgramsOwnDefinitionShadowsThePrelude() {
        String out = DeltaRunner.run(Source.create("dl", "fn map(f, xs) = \"mine\"\nprint(map(x -> x, [1]), filter(x -> true, [1]))"));
        assertEquals("mine [1]\n", out);
    }

    @Test
    void mistakesPointAtTheCall() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> delta.eval("[1] + [2]"));
        assertTrue(e.getMessage().contains("unsupported operand types for +: list and list; to join lists use concat_lists(a, b)"), e.getMessage());
        e = assertThrows(PolyglotException.class, () -> delta.eval("sorted([1, \"a\"])"));
        assertTrue(e.getMessage().contains("cannot order int 1 and str \"a\": sorting needs all numbers or all strs"), e.getMessage());
        String out = DeltaRunner.run(Source.newBuilder("dl", "print(sortedd([2, 1]))", "typo.dl").buildLiteral());
        assertTrue(out.contains("typo.dl:1:7: error: unknown name 'sortedd' (did you mean 'sorted'?)"), out);
        out = DeltaRunner.run(Source.newBuilder("dl", "let xs = [1]\nprint(zip(xs, 3))", "zip.dl").buildLiteral());
        assertTrue(out.contains("len() expects") && out.contains("zip.dl:2:7"), out);
    }
}
