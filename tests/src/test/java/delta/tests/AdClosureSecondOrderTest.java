package delta.tests;

import org.junit.jupiter.api.Test;

/**
 * Second derivatives (forward over reverse) of functions whose lambdas capture the differentiated
 * variable, one and two levels deep, and of variables declared twice: each checked against the
 * exact value and against central differences of the first derivative.
 */
class AdClosureSecondOrderTest {
    private static final String PROGRAM = """
            fn once(w) { let g = z -> w * z; g(w) }
            fn twice(w) {
                let outer = a -> (b -> a * b * w)
                outer(w)(w)
            }
            fn shadowed(x) {
                let x2 = x * 2.0
                let y = x
                let y = y * 3.0
                let scale = t -> t * y
                scale(x2)
            }
            fn mixed(x) {
                let c = sin(x)
                let f = t -> exp(t * c)
                f(x) + f(2.0)
            }
            """;

    @Test
    void secondDerivativesThroughCapturingLambdas() {
        try (AdHarness ad = new AdHarness(PROGRAM)) {
            // once(w) = w^2, twice(w) = w^3, shadowed(x) = 6 x^2.
            AdHarness.assertExact(2.0, ad.number("grad(grad(once))(2.0)"), "once''");
            AdHarness.assertExact(2.0, ad.number("hessian(once)(2.0)"), "hessian(once)");
            AdHarness.assertExact(12.0, ad.number("grad(grad(twice))(2.0)"), "twice''");
            AdHarness.assertExact(12.0, ad.number("hessian(twice)(2.0)"), "hessian(twice)");
            AdHarness.assertExact(18.0, ad.number("grad(shadowed)(1.5)"), "shadowed'");
            AdHarness.assertExact(12.0, ad.number("hessian(shadowed)(1.5)"), "hessian(shadowed)");
        }
    }

    @Test
    void secondDerivativesAgreeWithDifferencesOfTheGradient() {
        try (AdHarness ad = new AdHarness(PROGRAM)) {
            for (String f : new String[]{"once", "twice", "shadowed", "mixed"}) {
                for (double x : new double[]{-0.7, 0.3, 1.1}) {
                    double e = 1e-5;
                    double numeric = (ad.number("grad(" + f + ")(" + (x + e) + ")") - ad.number("grad(" + f + ")(" + (x - e) + ")")) / (2 * e);
                    AdHarness.assertClose(numeric, ad.number("hessian(" + f + ")(" + x + ")"), 1e-5, "hessian(" + f + ")(" + x + ")");
                    AdHarness.assertClose(numeric, ad.number("grad(grad(" + f + "))(" + x + ")"), 1e-5, "grad(grad(" + f + "))(" + x + ")");
                }
            }
        }
    }
}
