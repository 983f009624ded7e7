package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

/** {@code in} and {@code not in} on every container, inside differentiated code, and their errors. */
class MembershipTest {
    private static String run(String program) {
        return DeltaRunner.run(Source.newBuilder("dl", program, "in.dl").buildLiteral());
    }

    @Test
    void containers() {
        assertEquals("true false true true\n", run("print(2 in [1, 2], 3 in [1, 2], 2.0 in (1, 2), [1] in [[1], 2])"));
        assertEquals("true false true true false\n",
                run("print(5 in range(0, 10, 5), 4 in range(0, 10, 5), -3 in range(0, -10, -3), 3.0 in range(5), 2.5 in range(5))"));
        assertEquals("true true false true\n", run("print(\"ell\" in \"hello\", \"\" in \"x\", \"w\" not in {w: 1}, \"b\" in {w: 1, b: 2})"));
        assertEquals("true false\n", run("print(none in [1, none], \"1\" in [1])"));
    }

    @Test
    void theItemIsEvaluatedFirst() {
        assertEquals("item\ncontainer\ntrue\n", run("""
                        fn item() { print("item"); 1 }
                        fn container() { print("container"); [1] }
                        print(item() in container())
                        """));
    }

    @Test
    void insideDifferentiatedCodeItIsAConstantTest() {
        assertEquals("6.0 1.0\n", run("""
                        fn f(x) = if x in [3.0, 4.0] { x * x } else { x }
                        print(grad(f)(3.0), grad(f)(5.0))
                        """));
    }

    @Test
    void errorsNameWhatWasGiven() {
        String out = run("let t = 1\nprint(1 in t)");
        assertTrue(out.contains("in.dl:2:7: error: 'in' needs a list, tuple, range, str or record on its right, got int 1"), out);
        out = run("print(1 in \"abc\")");
        assertTrue(out.contains("'in' on a str looks for a str, got int 1"), out);
    }
}
