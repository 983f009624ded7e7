package delta.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Derivatives follow variables, so a write into a list or record that another name can see would
 * give a silently wrong number. Each such program must be refused with a located error, in both
 * modes, while writes into a list the function built itself stay differentiable.
 */
class AdAliasingTest {
    private static final String PROGRAMS = """
            fn nested(x) { let m = [[x]]; m[0][0] = m[0][0] * x; m[0][0] }
            fn field_of_field(x) { let p = {b: [x]}; p.b[0] = p.b[0] * x; p.b[0] }
            fn alias(x) { let xs = [x]; let ys = xs; ys[0] = ys[0] * x; xs[0] }
            fn scale(xs, k) { for i in range(len(xs)) { xs[i] = xs[i] * k } }
            fn through_call(x) { let xs = [x, 1.0]; scale(xs, x); xs[0] + xs[1] }
            fn owned(x) {
                let xs = [x, 2.0]
                for i in range(2) { xs[i] = xs[i] * x }
                let r = {w: x}
                r.w = r.w * 3.0
                append(xs, r.w)
                xs[0] + xs[1] + xs[2]
            }
            """;

    @ParameterizedTest
    @ValueSource(strings = {"nested", "field_of_field", "alias", "through_call"})
    void sharedWritesAreRefusedInReverseMode(String name) {
        refused("grad(" + name + ")(3.0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nested", "field_of_field", "alias", "through_call"})
    void sharedWritesAreRefusedInForwardMode(String name) {
        refused("jvp(" + name + ", (3.0,), (1.0,))");
    }

    @Test
    void writesIntoOwnListsAreDifferentiated() {
        try (AdHarness ad = new AdHarness(PROGRAMS)) {
            // owned(x) = x*x + 2x + 3x = x^2 + 5x, so the derivative at 3 is 11.
            AdHarness.assertExact(11.0, ad.number("grad(owned)(3.0)"), "grad(owned)(3)");
            AdHarness.assertExact(11.0, ad.number("jvp(owned, (3.0,), (1.0,))[1]"), "jvp(owned)(3)");
        }
    }

    private static void refused(String code) {
        try (AdHarness ad = new AdHarness(PROGRAMS)) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> ad.eval(code), code + " must be refused");
            assertTrue(e.isGuestException() && !e.isInternalError(), code + ": not a Delta error: " + e);
            assertTrue(e.getMessage().contains("writing into a list or record"), code + ": " + e.getMessage());
            assertTrue(e.getSourceLocation() != null && e.getSourceLocation().getStartLine() >= 1, code + ": no location");
        }
    }
}
