package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The derivative rules of the tensor primitives, in float64 at seeded random points, broadcasting
 * included: reverse mode against central differences (every element of every tensor argument
 * perturbed, by gradcheck), and forward against reverse mode ({@code <u, J v>} both ways). Each
 * case is an expression over tensors {@code a} and {@code b}, reduced to a number by a random
 * weighting so that every output element matters.
 */
class AdTensorTest {
    /** (expression, shape of a, shape of b): b is unused by unary cases. */
    record Case(String expression, String shapeA, String shapeB) {
        @Override
        public String toString() {
            return expression + " with a " + shapeA + ", b " + shapeB;
        }
    }

    static final String HARNESS = """
            fn weighted(y) = if type(y) == "tensor" { sum(y * w_like(y)) } else { y * 0.7 }
            fn w_like(y) = sin(reshape(arange(size_of(y)), shape(y)) * 1.3 + 0.4)
            fn size_of(y) = if rank(y) == 0 { 1 } else { reduce_mul(shape(y)) }
            fn reduce_mul(xs) {
                let p = 1
                for x in xs { p = p * x }
                p
            }
            fn point(s) = randn(s) * 0.8 + 0.1
            # weights in y's dtype, so that an f32 function keeps f32 adjoints
            fn like(y) = astype(w_like(y), y.dtype)
            # the gradient of f at a in f32 against the one in f64 (a relative error), or -1 if its dtype is not f32
            fn f32_error(f, a) {
                let g64 = grad(f)(a)
                let g32 = grad(f)(astype(a, "f32"))
                if g32.dtype != "f32" { -1.0 } else { item(max(abs(astype(g32, "f64") - g64))) / max(1.0, item(max(abs(g64)))) }
            }
            # <u, J v> computed by forward mode and by reverse mode
            fn agreement(f, a, b, v, wv) {
                let (y, y_dot) = jvp(f, (a, b), (v, wv))
                let u = if type(y) == "tensor" { randn(shape(y)) } else { 0.9 }
                let (y2, pullback) = vjp(f, a, b)
                let (a_bar, b_bar) = pullback(u)
                let forward = item(sum(u * y_dot))
                let reverse = item(sum(a_bar * v)) + item(sum(b_bar * wv))
                abs(forward - reverse) / max(1.0, abs(forward))
            }
            """;

    static Stream<Case> cases() {
        return Stream.concat(primitiveCases(), readCases());
    }

    /**
     * One tensor read through overlapping basic keys: ints, slices with negative and non-unit
     * steps, a mixed 2-d key, {@code .T}, adjoints of a broadcast read and in another dtype (the
     * f64 weights of {@code w_like} in f32). Each read's adjoint is written or added into a view of
     * one fresh gradient in place, so a contribution at the wrong position, dropped or counted
     * twice shows here. b is unused.
     */
    static Stream<Case> readCases() {
        return Stream.of(
            new Case("sum(a[1:] * a[:-1]) + sum(a[::-1] * like(a)) + a[3] * a[-1] + sum(a[2:6]) * 0.5", "[7]", "[]"),
            new Case("sum(sin(a[::2]) * like(a[::2])) + sum(a[5:1:-2] ** 2) + sum(a[-2::-3] * a[1::3])", "[7]", "[]"),
            new Case("sum(a[1:, 0] * like(a[1:, 0])) + sum(a[:, ::-1] * a) + sum(a[::2, 1::2] ** 3) + a[2, 3] * a[-1, -2]", "[4, 5]", "[]"),
            new Case("sum((a[0] + a[1:]) ** 2) + sum(a.T[1:] * like(a.T[1:])) + sum(a[-1] * w_like(a[-1]))", "[4, 5]", "[]"));
    }

    private static Stream<Case> primitiveCases() {
        String m = "[3, 4]";
        return Stream.of(
            // element-wise with broadcasting: [3, 4] against [4], [1, 4], [3, 1] and a scalar
            new Case("a + b", m, "[4]"), new Case("a - b", m, "[3, 1]"), new Case("a * b", m, "[1, 4]"),
            new Case("a / (b * b + 1.0)", m, "[4]"), new Case("b - a * a", "[4]", m), new Case("a * b", m, "[]"),
            new Case("(a * a + 1.0) ** b", m, "[4]"), new Case("a ** 2.0", m, "[4]"), new Case("a ** 3", m, "[4]"),
            new Case("-a + b", m, m), new Case("maximum(a, b)", m, "[4]"), new Case("minimum(a, b)", m, "[3, 1]"),
            new Case("max(a, b)", m, "[4]"), new Case("where(a > b, a * 2.0, b * b)", m, "[4]"), new Case("clip(a, -0.5, 0.5) * b", m, "[4]"),
            // remainder and floor division (piecewise: derivative 1 and -(x // y) for %, 0 for //)
            new Case("(a * 3.0) % (b * b + 0.5)", m, "[4]"), new Case("b % (a * a + 0.5)", "[3, 1]", m),
            new Case("((a + 2.0) // (b * b + 0.5)) * a", m, "[4]"),
            // rounding: piecewise constant, a constant factor in the derivative
            new Case("floor(a * 3.0) * a + ceil(b * 2.0) * b", m, "[4]"), new Case("round(a * 3.0) * b", m, "[3, 1]"),
            // unary
            new Case("exp(a) * b", m, "[4]"), new Case("log(a * a + 1.0)", m, "[4]"), new Case("sqrt(a * a + 1.0)", m, "[4]"),
            new Case("log1p(a * a) * b", m, "[4]"), new Case("expm1(a) * b", m, "[3, 1]"),
            // reads by an int tensor (rows, repeated) and by bool masks (of the rows, of every element)
            new Case("a[tensor([2, 0, 2, -1], \"i64\")] * b", m, "[4]"), new Case("sum(a[a > 0.1] ** 2) * b", m, "[4]"),
            new Case("a[tensor([true, false, true])] * b", m, "[4]"),
            new Case("sin(a) + cos(b)", m, "[4]"), new Case("tan(a * 0.3)", m, "[4]"), new Case("tanh(a) * b", m, "[4]"),
            new Case("sigmoid(a) * b", m, "[4]"), new Case("relu(a) * b", m, "[4]"), new Case("abs(a) * b", m, "[4]"),
            // reductions
            new Case("sum(a * b)", m, "[4]"), new Case("sum(a, 0) * b", m, "[4]"), new Case("sum(a, 1, true) * b", m, "[3, 1]"),
            new Case("sum(a, [0, 1]) * b", m, "[]"), new Case("mean(a, 1) + b", m, "[3]"), new Case("mean(a * b)", m, "[4]"),
            new Case("amax(a, 1) * b", m, "[3]"), new Case("amin(a, 0, true) * b", m, "[1, 4]"), new Case("max(a) * b", m, "[]"),
            new Case("min(a * b)", m, "[4]"), new Case("logsumexp(a, 1) * b", m, "[3]"), new Case("logsumexp(a * b)", m, "[4]"),
            new Case("var(a, 1) * b", m, "[3]"), new Case("var(a * b)", m, "[4]"), new Case("var(a, 0, true) * b", m, "[1, 4]"),
            new Case("std(a, 1) * b", m, "[3]"), new Case("std(a * b)", m, "[4]"), new Case("std(a, [0, 1]) * b", m, "[]"),
            new Case("norm(a, 1) * b", m, "[3]"), new Case("norm(a * b)", m, "[4]"), new Case("norm(a, 0, true) * b", m, "[1, 4]"),
            new Case("cumsum(a, 1) * b", m, "[4]"), new Case("cumsum(a * b)", m, "[4]"), new Case("cumsum(a, 0, true) * b", m, "[3, 1]"),
            new Case("sort(a) * b", m, "[4]"), new Case("sort(a * b, 0) * a", m, "[4]"),
            new Case("prod(a, 1) * b", m, "[3]"), new Case("prod(a * b)", m, "[4]"), new Case("prod(a, 0, true) * b", m, "[1, 4]"),
            new Case("softmax(a) * b", m, "[4]"), new Case("softmax(a, 0) * b", m, "[3, 1]"), new Case("log_softmax(a * b)", m, "[4]"),
            new Case("log_softmax(a, 0)", m, "[4]"),
            // shapes
            new Case("reshape(a, [2, 6]) * b", m, "[6]"), new Case("transpose(a) * b", m, "[3]"), new Case("transpose(a, 0, 1) @ b", m, "[3, 2]"),
            new Case("permute(a, [2, 0, 1]) * b", "[2, 3, 4]", "[3]"), new Case("broadcast_to(b, [3, 4]) * a", m, "[4]"),
            new Case("expand_dims(b, 0) * a", m, "[4]"), new Case("squeeze(a) * b", "[3, 1, 4]", "[4]"), new Case("sum_to(a * b, b)", m, "[4]"),
            // matrix products: matrix-matrix, vector cases, batched, broadcast batches
            new Case("a @ b", m, "[4, 5]"), new Case("a @ b", "[4]", "[4, 5]"), new Case("a @ b", m, "[4]"), new Case("a @ b", "[4]", "[4]"),
            new Case("a @ b", "[2, 3, 4]", "[4, 5]"), new Case("a @ b", "[2, 3, 4]", "[2, 4, 5]"), new Case("a @ b", "[2, 3, 4]", "[1, 4, 2]"),
            new Case("a @ b", "[4]", "[2, 4, 3]"), new Case("a @ b", "[2, 3, 4]", "[4]"), new Case("matmul(a, b) * 2.0", m, "[4, 2]"));
    }

    private static AdHarness onCpu;

    @BeforeAll
    static void start() {
        onCpu = new AdHarness(HARNESS);
    }

    @AfterAll
    static void stop() {
        onCpu.close();
    }

    /** The context every check runs in (CudaAdTensorTest runs them all again with tensors on the GPU). */
    AdHarness delta() {
        return onCpu;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reverseModeMatchesCentralDifferences(Case c) {
        for (int seed = 1; seed <= 3; seed++) {
            String f = "(a, b) -> weighted(" + c.expression() + ")";
            double error = delta().number("seed(" + seed + "); gradcheck(" + f + ", point(" + c.shapeA() + "), point(" + c.shapeB() + "))");
            assertTrue(error < 1e-6, c + " at seed " + seed + ": relative error " + error);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardAndReverseModesAgree(Case c) {
        for (int seed = 1; seed <= 3; seed++) {
            double error = delta().number("seed(" + seed + "); agreement((a, b) -> " + c.expression() + ", point(" + c.shapeA() + "), point("
                            + c.shapeB() + "), randn(" + c.shapeA() + "), randn(" + c.shapeB() + "))");
            assertTrue(error < 1e-10, c + " at seed " + seed + ": <u, J v> differs by " + error);
        }
    }

    /** gradcheck perturbs only f64 tensors: the f32 gradient of the reads is checked against the f64 one, checked above. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("readCases")
    void basicReadsInF32MatchF64(Case c) {
        for (int seed = 1; seed <= 3; seed++) {
            double error = delta().number("seed(" + seed + "); f32_error(a -> " + c.expression() + ", point(" + c.shapeA() + "))");
            assertTrue(error >= 0 && error < 1e-5, c + " in f32 at seed " + seed + ": relative error " + error + " (-1: not an f32 gradient)");
        }
    }

    /** The perceptron of the autograd notes: o = sigmoid(x . w), do/dw = o (1 - o) x. */
    @Test
    void perceptronGradientIsOTimesOneMinusOTimesX() {
        Value g = delta().eval("""
                        let x = tensor([1.0, 2.0, 3.0])
                        grad(w -> sigmoid(x @ w))(tensor([1.0, 1.0, 1.0]))
                        """);
        double o = 1 / (1 + Math.exp(-6));
        for (int i = 0; i < 3; i++) {
            AdHarness.assertExact(o * (1 - o) * (i + 1), delta().eval("tolist").execute(g).getArrayElement(i).asDouble(), "do/dw" + i);
        }
    }

    @Test
    void gradientOfBroadcastInputHasItsShape() {
        assertEquals(List.of(4L), delta().eval("shape(grad((b, a) -> sum(a * b))(ones([4]), ones([3, 4])))").as(List.class));
        assertEquals(List.of(3L, 1L), delta().eval("shape(grad((b, a) -> sum(a + b))(ones([3, 1]), ones([3, 4])))").as(List.class));
        // every element of b met 3 rows of a, each with weight 1
        assertEquals(3.0, delta().number("tolist(grad((b, a) -> sum(a + b))(ones([4]), ones([3, 4])))[1]"));
        assertEquals(12.0, delta().number("grad((s, a) -> sum(a * s))(2.0, ones([3, 4]))"));
    }

    @Test
    void gradientsHaveTheStructureOfRecordsOfTensors() {
        Value g = delta().eval("""
                        let params = {w: tensor([[1.0, 2.0], [3.0, 4.0]]), b: tensor([0.5, -0.5])}
                        let x = tensor([1.0, -1.0])
                        grad(p -> sum((p.w @ x + p.b) ** 2))(params)
                        """);
        // r = w @ x + b = (-0.5, -1.5); dL/dw = 2 r x^T, dL/db = 2 r
        assertEquals("tensor", delta().eval("type").execute(g.getMember("w")).asString());
        AdHarness.assertExact(-1.0, delta().eval("g -> tolist(g.w)[0][0]").execute(g).asDouble(), "dw00");
        AdHarness.assertExact(3.0, delta().eval("g -> tolist(g.w)[1][1]").execute(g).asDouble(), "dw11");
        AdHarness.assertExact(-3.0, delta().eval("g -> tolist(g.b)[1]").execute(g).asDouble(), "db1");
    }

    @Test
    void hessianAndJacobianOfAFunctionOfAVector() {
        Value h = delta().eval("hessian(x -> sum(x * x * x))(tensor([1.0, 2.0]))");
        assertEquals(List.of(2L, 2L), delta().eval("shape").execute(h).as(List.class));
        double[][] expected = {{6, 0}, {0, 12}};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                AdHarness.assertExact(expected[i][j], delta().eval("(h, i, j) -> tolist(h)[i][j]").execute(h, i, j).asDouble(), "H" + i + j);
            }
        }
        Value jac = delta().eval("jacobian(x -> softmax(x))(tensor([0.5, -1.0, 2.0]))");
        // d softmax_i / d x_j = s_i (delta_ij - s_j)
        double[] x = {0.5, -1.0, 2.0};
        double total = Math.exp(0.5) + Math.exp(-1.0) + Math.exp(2.0);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double si = Math.exp(x[i]) / total;
                double sj = Math.exp(x[j]) / total;
                AdHarness.assertClose(si * ((i == j ? 1 : 0) - sj), delta().eval("(h, i, j) -> tolist(h)[i][j]").execute(jac, i, j).asDouble(),
                                1e-12, "J" + i + j);
            }
        }
    }

    /**
     * A matrix product with a constant operand (data) skips that operand's adjoint: the gradient of
     * the other operand and second derivatives through it must stay right. With x constant,
     * d/dw sum((x @ w)^2) = 2 x^T x w and the Hessian is 2 x^T x; with w constant on the left side
     * of x the same by symmetry.
     */
    @Test
    void matmulWithAConstantOperand() {
        delta().eval("let xc = tensor([[1.0, 2.0], [3.0, -1.0], [0.5, 4.0]])");
        Value g = delta().eval("tolist(grad(w -> sum((xc @ w) ** 2))(tensor([0.3, -0.7])))");
        Value gLeft = delta().eval("tolist(grad(v -> sum((v @ xc) ** 2))(tensor([0.3, -0.7, 1.1])))");
        Value h = delta().eval("tolist(hessian(w -> sum((xc @ w) ** 2))(tensor([0.3, -0.7])))");
        double[][] x = {{1, 2}, {3, -1}, {0.5, 4}};
        double[] w = {0.3, -0.7};
        double[] v = {0.3, -0.7, 1.1};
        for (int j = 0; j < 2; j++) {
            double grad = 0;
            for (int i = 0; i < 3; i++) {
                grad += 2 * x[i][j] * (x[i][0] * w[0] + x[i][1] * w[1]);
            }
            AdHarness.assertExact(grad, g.getArrayElement(j).asDouble(), "d/dw" + j);
            for (int k = 0; k < 2; k++) {
                double xtx = 0;
                for (int i = 0; i < 3; i++) {
                    xtx += 2 * x[i][j] * x[i][k];
                }
                AdHarness.assertExact(xtx, h.getArrayElement(j).getArrayElement(k).asDouble(), "H" + j + k);
            }
        }
        for (int i = 0; i < 3; i++) {
            double grad = 0;
            for (int j = 0; j < 2; j++) {
                grad += 2 * x[i][j] * (v[0] * x[0][j] + v[1] * x[1][j] + v[2] * x[2][j]);
            }
            AdHarness.assertExact(grad, gLeft.getArrayElement(i).asDouble(), "d/dv" + i);
        }
    }

    @Test
    void maxOfAListSendsTheGradientToTheLargestElement() {
        assertEquals(0.0, delta().number("grad(x -> max([x, 2.0]))(1.0)"));
        assertEquals(1.0, delta().number("grad(x -> max([x, 2.0]))(3.0)"));
    }
}
