package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every differentiable primitive (the arithmetic operators, unary minus and the math builtins) is
 * checked in float64 at seeded random points, away from the points where it is not
 * differentiable: its reverse-mode gradient (grad and the vjp pullback) and its forward-mode
 * tangent (jvp) against the exact derivative computed in Java and against central differences of
 * the Delta function itself, and the two modes against each other ({@code u * (J v)} both ways).
 */
class AdPrimitiveGradcheckTest {
    private static final String PROGRAM = """
            fn add(x, y) = x + y
            fn sub(x, y) = x - y
            fn mul(x, y) = x * y
            fn div(x, y) = x / y
            fn pow(x, y) = x ** y
            fn mod(x, y) = x % y
            fn neg(x) = -x
            fn f_sin(x) = sin(x)
            fn f_cos(x) = cos(x)
            fn f_tan(x) = tan(x)
            fn f_exp(x) = exp(x)
            fn f_log(x) = log(x)
            fn f_sqrt(x) = sqrt(x)
            fn f_tanh(x) = tanh(x)
            fn f_abs(x) = abs(x)
            fn f_min(x, y) = min(x, y)
            fn f_max(x, y) = max(x, y)
            fn f_float(x) = float(x)
            # Mixed int and float operands: the int side is a constant of differentiation.
            fn times_int(x) = x * 2
            fn int_times(x) = 2 * x
            fn plus_int(x) = x + 1
            fn int_minus(x) = 1 - x
            fn minus_int(x) = x - 3
            fn over_int(x) = x / 4
            fn int_over(x) = 7 / x
            fn pow_int(x) = x ** 3
            fn pow_neg_int(x) = x ** -2
            fn int_pow(x) = 2 ** x
            fn mod_int(x) = x % 3
            fn int_mod(x) = 10 % x
            fn neg_times_int(x) = -x * 2

            fn rev1(f, x) = grad(f)(x)
            fn rev2(f, x, y) = grad(f, [0, 1])(x, y)
            fn pull1(f, x, u) {
                let (v, pb) = vjp(f, x)
                (v, pb(u))
            }
            fn pull2(f, x, y, u) {
                let (v, pb) = vjp(f, x, y)
                (v, pb(u))
            }
            fn fwd1(f, x, dx) = jvp(f, (x,), (dx,))
            fn fwd2(f, x, y, dx, dy) = jvp(f, (x, y), (dx, dy))
            fn check1(f, x) = gradcheck(f, x)
            fn check2(f, x, y) = gradcheck(f, x, y)
            fn type_of_grad(f, x) = type(grad(f)(x))
            """;

    private static final int POINTS = 6;
    /** Central differences: O(eps^2) truncation plus rounding of about 1e-16 |f| / eps. */
    private static final double CENTRAL_TOLERANCE = 1e-6;
    /** Against the exact derivative written in Java: only rounding differs. */
    private static final double EXACT_TOLERANCE = 1e-10;

    private static Context context;
    private static Value bindings;

    /** How a primitive is sampled and what its value and partial derivatives are, in Java. */
    private record Primitive(String function, String builtin, Sampler sampler, ToDoubleFunction<double[]> value,
                    List<ToDoubleFunction<double[]>> partials) {
        int arity() {
            return partials.size();
        }
    }

    @FunctionalInterface
    private interface Sampler {
        double[] sample(Random random);
    }

    @BeforeAll
    static void open() {
        context = Context.newBuilder("dl").option("engine.WarnInterpreterOnly", "false").build();
        context.eval("dl", PROGRAM);
        bindings = context.getBindings("dl");
    }

    @AfterAll
    static void close() {
        context.close();
    }

    private static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static double signed(Random r, double lo, double hi) {
        return (r.nextBoolean() ? 1 : -1) * uniform(r, lo, hi);
    }

    private static Sampler one(double lo, double hi) {
        return r -> new double[]{uniform(r, lo, hi)};
    }

    private static Sampler two(double lo, double hi) {
        return r -> new double[]{uniform(r, lo, hi), uniform(r, lo, hi)};
    }

    /** x and y with x / y at least 0.01 away from an integer, where x % y jumps. */
    private static Sampler modPoints(double xLo, double xHi, double yLo, double yHi, boolean signedY) {
        return r -> {
            while (true) {
                double x = uniform(r, xLo, xHi);
                double y = signedY ? signed(r, yLo, yHi) : uniform(r, yLo, yHi);
                double q = x / y;
                if (Math.abs(q - Math.rint(q)) > 0.01) {
                    return new double[]{x, y};
                }
            }
        };
    }

    /** x and y at least 0.1 apart, so min and max are differentiable. */
    private static Sampler apart() {
        return r -> {
            while (true) {
                double x = uniform(r, -5, 5);
                double y = uniform(r, -5, 5);
                if (Math.abs(x - y) > 0.1) {
                    return new double[]{x, y};
                }
            }
        };
    }

    private static double pyMod(double x, double y) {
        return x - y * Math.floor(x / y);
    }

    private static List<Primitive> primitives() {
        List<Primitive> all = new ArrayList<>();
        all.add(new Primitive("add", null, two(-5, 5), p -> p[0] + p[1], List.of(p -> 1, p -> 1)));
        all.add(new Primitive("sub", null, two(-5, 5), p -> p[0] - p[1], List.of(p -> 1, p -> -1)));
        all.add(new Primitive("mul", null, two(-5, 5), p -> p[0] * p[1], List.of(p -> p[1], p -> p[0])));
        all.add(new Primitive("div", null, r -> new double[]{uniform(r, -5, 5), signed(r, 0.5, 4)}, p -> p[0] / p[1],
                        List.of(p -> 1 / p[1], p -> -p[0] / (p[1] * p[1]))));
        all.add(new Primitive("pow", null, r -> new double[]{uniform(r, 0.3, 3), uniform(r, -2.5, 2.5)}, p -> Math.pow(p[0], p[1]),
                        List.of(p -> p[1] * Math.pow(p[0], p[1] - 1), p -> Math.pow(p[0], p[1]) * Math.log(p[0]))));
        all.add(new Primitive("mod", null, modPoints(-10, 10, 0.5, 3, true), p -> pyMod(p[0], p[1]),
                        List.of(p -> 1, p -> -Math.floor(p[0] / p[1]))));
        all.add(new Primitive("neg", null, one(-5, 5), p -> -p[0], List.of(p -> -1)));
        all.add(new Primitive("f_sin", "sin", one(-4, 4), p -> Math.sin(p[0]), List.of(p -> Math.cos(p[0]))));
        all.add(new Primitive("f_cos", "cos", one(-4, 4), p -> Math.cos(p[0]), List.of(p -> -Math.sin(p[0]))));
        all.add(new Primitive("f_tan", "tan", one(-1.3, 1.3), p -> Math.tan(p[0]),
                        List.of(p -> 1 / (Math.cos(p[0]) * Math.cos(p[0])))));
        all.add(new Primitive("f_exp", "exp", one(-3, 3), p -> Math.exp(p[0]), List.of(p -> Math.exp(p[0]))));
        all.add(new Primitive("f_log", "log", one(0.1, 10), p -> Math.log(p[0]), List.of(p -> 1 / p[0])));
        all.add(new Primitive("f_sqrt", "sqrt", one(0.1, 10), p -> Math.sqrt(p[0]), List.of(p -> 0.5 / Math.sqrt(p[0]))));
        all.add(new Primitive("f_tanh", "tanh", one(-3, 3), p -> Math.tanh(p[0]),
                        List.of(p -> 1 - Math.tanh(p[0]) * Math.tanh(p[0]))));
        all.add(new Primitive("f_abs", "abs", r -> new double[]{signed(r, 0.1, 5)}, p -> Math.abs(p[0]), List.of(p -> Math.signum(p[0]))));
        all.add(new Primitive("f_min", "min", apart(), p -> Math.min(p[0], p[1]),
                        List.of(p -> p[0] < p[1] ? 1 : 0, p -> p[0] < p[1] ? 0 : 1)));
        all.add(new Primitive("f_max", "max", apart(), p -> Math.max(p[0], p[1]),
                        List.of(p -> p[0] > p[1] ? 1 : 0, p -> p[0] > p[1] ? 0 : 1)));
        all.add(new Primitive("f_float", "float", one(-5, 5), p -> p[0], List.of(p -> 1)));
        all.add(new Primitive("times_int", null, one(-5, 5), p -> p[0] * 2, List.of(p -> 2)));
        all.add(new Primitive("int_times", null, one(-5, 5), p -> 2 * p[0], List.of(p -> 2)));
        all.add(new Primitive("plus_int", null, one(-5, 5), p -> p[0] + 1, List.of(p -> 1)));
        all.add(new Primitive("int_minus", null, one(-5, 5), p -> 1 - p[0], List.of(p -> -1)));
        all.add(new Primitive("minus_int", null, one(-5, 5), p -> p[0] - 3, List.of(p -> 1)));
        all.add(new Primitive("over_int", null, one(-5, 5), p -> p[0] / 4, List.of(p -> 0.25)));
        all.add(new Primitive("int_over", null, r -> new double[]{signed(r, 0.5, 4)}, p -> 7 / p[0], List.of(p -> -7 / (p[0] * p[0]))));
        all.add(new Primitive("pow_int", null, one(-3, 3), p -> p[0] * p[0] * p[0], List.of(p -> 3 * p[0] * p[0])));
        all.add(new Primitive("pow_neg_int", null, r -> new double[]{signed(r, 0.5, 3)}, p -> 1 / (p[0] * p[0]),
                        List.of(p -> -2 / (p[0] * p[0] * p[0]))));
        all.add(new Primitive("int_pow", null, one(-3, 3), p -> Math.pow(2, p[0]), List.of(p -> Math.pow(2, p[0]) * Math.log(2))));
        all.add(new Primitive("mod_int", null, r -> new double[]{modPoints(-10, 10, 3, 3, false).sample(r)[0]}, p -> pyMod(p[0], 3), List.of(p -> 1)));
        all.add(new Primitive("int_mod", null, r -> {
            while (true) {
                double x = signed(r, 0.7, 4);
                double q = 10 / x;
                if (Math.abs(q - Math.rint(q)) > 0.01) {
                    return new double[]{x};
                }
            }
        }, p -> pyMod(10, p[0]), List.of(p -> -Math.floor(10 / p[0]))));
        all.add(new Primitive("neg_times_int", null, one(-5, 5), p -> -p[0] * 2, List.of(p -> -2)));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyPrimitiveInBothModes() {
        return primitives().stream().map(p -> DynamicTest.dynamicTest(p.function(), () -> check(p)));
    }

    @TestFactory
    Stream<DynamicTest> builtinsDifferentiatedAsValues() {
        // grad(sin) itself, not a Delta function that calls sin: the builtin's own rule makes its derivative.
        return primitives().stream().filter(p -> p.builtin() != null)
                        .map(p -> DynamicTest.dynamicTest(p.builtin(), () -> checkBuiltinValue(p)));
    }

    private static Object[] boxed(double[] point) {
        Object[] args = new Object[point.length];
        for (int i = 0; i < point.length; i++) {
            args[i] = point[i];
        }
        return args;
    }

    private static Object[] prepend(Object... parts) {
        List<Object> list = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Object[] array) {
                list.addAll(List.of(array));
            } else {
                list.add(part);
            }
        }
        return list.toArray();
    }

    private static void assertClose(double expected, double actual, double tolerance, String what) {
        double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(Math.abs(expected - actual) <= tolerance * scale,
                        what + ": expected " + expected + ", got " + actual + " (difference " + Math.abs(expected - actual) + ")");
    }

    /** The reverse-mode gradient, one entry per argument. */
    private static double[] reverse(Value f, double[] point) {
        if (point.length == 1) {
            return new double[]{bindings.getMember("rev1").execute(f, point[0]).asDouble()};
        }
        Value tuple = bindings.getMember("rev2").execute(f, point[0], point[1]);
        assertEquals(2, tuple.getArraySize(), "grad(f, [0, 1]) gives a pair");
        return new double[]{tuple.getArrayElement(0).asDouble(), tuple.getArrayElement(1).asDouble()};
    }

    /** (value, pullback(u)...) from vjp. */
    private static double[] pullback(Value f, double[] point, double u) {
        Value pair = bindings.getMember(point.length == 1 ? "pull1" : "pull2").execute(prepend(f, boxed(point), u));
        Value cotangents = pair.getArrayElement(1);
        assertEquals(point.length, cotangents.getArraySize(), "the pullback gives one cotangent per argument");
        double[] out = new double[point.length + 1];
        out[0] = pair.getArrayElement(0).asDouble();
        for (int i = 0; i < point.length; i++) {
            out[i + 1] = cotangents.getArrayElement(i).asDouble();
        }
        return out;
    }

    /** (value, tangent) from jvp. */
    private static double[] forward(Value f, double[] point, double[] tangent) {
        Value pair = bindings.getMember(point.length == 1 ? "fwd1" : "fwd2").execute(prepend(f, boxed(point), boxed(tangent)));
        return new double[]{pair.getArrayElement(0).asDouble(), pair.getArrayElement(1).asDouble()};
    }

    private static double value(Value f, double[] point) {
        return f.execute(boxed(point)).asDouble();
    }

    private static void check(Primitive p) {
        Value f = bindings.getMember(p.function());
        Random random = new Random(p.function().hashCode());
        for (int k = 0; k < POINTS; k++) {
            double[] point = p.sampler().sample(random);
            String at = p.function() + " at " + java.util.Arrays.toString(point);
            double primal = p.value().applyAsDouble(point);
            assertClose(primal, value(f, point), EXACT_TOLERANCE, at + ": value");

            // Reverse mode: grad, and the vjp pullback with a random cotangent.
            double[] gradient = reverse(f, point);
            double u = uniform(random, -2, 2);
            double[] pulled = pullback(f, point, u);
            assertClose(primal, pulled[0], EXACT_TOLERANCE, at + ": value from vjp");
            for (int i = 0; i < p.arity(); i++) {
                double exact = p.partials().get(i).applyAsDouble(point);
                assertClose(exact, gradient[i], EXACT_TOLERANCE, at + ": grad component " + i + " vs the exact derivative");
                assertClose(u * exact, pulled[i + 1], EXACT_TOLERANCE, at + ": vjp pullback(" + u + ") component " + i);

                double[] plus = point.clone();
                double[] minus = point.clone();
                double eps = 1e-6 * Math.max(1.0, Math.abs(point[i]));
                plus[i] += eps;
                minus[i] -= eps;
                double central = (value(f, plus) - value(f, minus)) / (2 * eps);
                assertClose(central, gradient[i], CENTRAL_TOLERANCE, at + ": grad component " + i + " vs central differences");

                // Forward mode along the basis vector e_i gives column i, which is the vjp's component i.
                double[] basis = new double[p.arity()];
                basis[i] = 1.0;
                double[] tangent = forward(f, point, basis);
                assertClose(primal, tangent[0], EXACT_TOLERANCE, at + ": value from jvp");
                assertClose(exact, tangent[1], EXACT_TOLERANCE, at + ": jvp along e_" + i);
                assertClose(central, tangent[1], CENTRAL_TOLERANCE, at + ": jvp along e_" + i + " vs central differences");
                assertClose(pulled[i + 1], u * tangent[1], EXACT_TOLERANCE, at + ": jvp along e_" + i + " vs vjp component " + i);
            }
            // <u, J v> both ways, for a random direction v.
            double[] v = new double[p.arity()];
            double uJv = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = uniform(random, -2, 2);
                uJv += pulled[i + 1] * v[i];
            }
            assertClose(uJv, u * forward(f, point, v)[1], EXACT_TOLERANCE, at + ": <u, J v> by vjp and by jvp along " + java.util.Arrays.toString(v));

            // The language's own gradcheck agrees.
            double worst = (p.arity() == 1 ? bindings.getMember("check1").execute(f, point[0])
                            : bindings.getMember("check2").execute(f, point[0], point[1])).asDouble();
            assertTrue(worst < CENTRAL_TOLERANCE, at + ": gradcheck reports a relative error of " + worst);
        }
    }

    private static void checkBuiltinValue(Primitive p) {
        Value builtin = context.eval("dl", p.builtin());
        Random random = new Random(p.builtin().hashCode() + 1);
        for (int k = 0; k < POINTS; k++) {
            double[] point = p.sampler().sample(random);
            String at = p.builtin() + " at " + java.util.Arrays.toString(point);
            double[] gradient = reverse(builtin, point);
            double u = uniform(random, -2, 2);
            double[] pulled = pullback(builtin, point, u);
            for (int i = 0; i < p.arity(); i++) {
                double exact = p.partials().get(i).applyAsDouble(point);
                assertClose(exact, gradient[i], EXACT_TOLERANCE, at + ": grad(" + p.builtin() + ") component " + i);
                assertClose(u * exact, pulled[i + 1], EXACT_TOLERANCE, at + ": vjp(" + p.builtin() + ") component " + i);
                double[] basis = new double[p.arity()];
                basis[i] = 1.0;
                assertClose(exact, forward(builtin, point, basis)[1], EXACT_TOLERANCE, at + ": jvp(" + p.builtin() + ") along e_" + i);
            }
        }
    }

    @Test
    void intArgumentsHaveFloatGradients() {
        // A function called with an int is differentiated as if with the same float.
        assertEquals(6.0, bindings.getMember("rev1").execute(context.eval("dl", "x -> x * x"), 3).asDouble());
        assertEquals("float", bindings.getMember("type_of_grad").execute(context.eval("dl", "x -> x * x"), 3).asString());
        assertEquals(1.0, bindings.getMember("rev1").execute(context.eval("dl", "sin"), 0).asDouble());
        assertEquals(12.0, bindings.getMember("rev1").execute(bindings.getMember("pow_int"), 2).asDouble());
        assertEquals("float", bindings.getMember("type_of_grad").execute(bindings.getMember("pow_int"), 2).asString());
        Value intTangent = bindings.getMember("fwd1").execute(bindings.getMember("pow_int"), 2, 1);
        assertEquals(8, intTangent.getArrayElement(0).asInt());
        assertEquals(12.0, intTangent.getArrayElement(1).asDouble());
        // 2 ** x at an int x: the partial with respect to the exponent is 2 ** x * log(2).
        assertClose(8 * Math.log(2), bindings.getMember("rev1").execute(bindings.getMember("int_pow"), 3).asDouble(), EXACT_TOLERANCE, "2 ** x at 3");
    }

    @Test
    void unusedAndConstantArgumentsHaveZeroGradient() {
        Value f = context.eval("dl", "(x, y) -> x * 3.0");
        Value both = bindings.getMember("rev2").execute(f, 2.0, 5.0);
        assertEquals(3.0, both.getArrayElement(0).asDouble());
        assertEquals(0.0, both.getArrayElement(1).asDouble());
        assertEquals(0.0, bindings.getMember("rev1").execute(context.eval("dl", "x -> 7.5"), 2.0).asDouble());
    }
}
