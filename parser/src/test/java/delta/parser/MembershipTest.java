package delta.parser;

import static delta.parser.Parse.error;
import static delta.parser.Parse.expr;
import static delta.parser.Parse.prog;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code x in xs} and {@code x not in xs}: comparisons that call $contains(x, xs). */
class MembershipTest {

    @Test
    void inIsAComparison() {
        assertEquals("$contains(x, xs)", expr("x in xs"));
        assertEquals("(not $contains(x, xs))", expr("x not in xs"));
        // Looser than arithmetic, tighter than not/and/or, as in Python.
        assertEquals("$contains((a + 1), (b + c))", expr("a + 1 in b + c"));
        assertEquals("(not $contains(a, b))", expr("not a in b"));
        assertEquals("($contains(a, b) and (not $contains(c, d)))", expr("a in b and c not in d"));
        assertEquals("$contains(\"k\", {k: 1})", expr("\"k\" in {k: 1}"));
    }

    @Test
    void forLoopsAreUnaffected() {
        assertEquals("for x in xs {$contains(x, ys)}", prog("for x in xs { x in ys }"));
        assertEquals("for (a, b) in $contains(p, q) {}", prog("for (a, b) in p in q {}"));
    }

    @Test
    void membershipDoesNotChainWithOtherComparisons() {
        assertEquals("comparisons cannot be chained; use 'and'", error("a in b == c").getMessage());
        assertEquals("comparisons cannot be chained; use 'and'", error("a < b in c").getMessage());
        assertEquals("expected an expression, found end of input", error("a not in").getMessage());
    }
}
