package delta.tests;

import static delta.tests.AdHarness.assertClose;
import static delta.tests.AdHarness.assertExact;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standard library modules nn, losses, optim and data (docs/stdlib.md): values against hand
 * computations in Java, gradients of the losses against central differences (gradcheck), the
 * optimizers on quadratics over nested parameter structures, the shapes, bounds and seeded
 * reproducibility of the initialisers, and the record builtins the tree walks rest on.
 */
class StdlibTest {
    private static AdHarness delta;

    @BeforeAll
    static void start() {
        delta = new AdHarness("""
                        import nn
                        import losses
                        import optim
                        import data
                        fn flat(t) = tolist(reshape(t, [-1]))
                        """);
    }

    @AfterAll
    static void stop() {
        delta.close();
    }

    private static double number(String code) {
        return delta.number(code);
    }

    private static double[] numbers(String code) {
        return delta.eval("flat(" + code + ")").as(double[].class);
    }

    private static String text(String code) {
        return delta.eval("str(" + code + ")").asString();
    }

    private static String error(String code) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> delta.eval(code));
        return e.getMessage();
    }

    private static double logSumExp(double... xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (double x : xs) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    // ---- losses -------------------------------------------------------------------------------

    @Test
    void regressionLosses() {
        assertExact(5.0 / 3, number("item(losses.mse(tensor([1.0, 2.0, 3.0]), tensor([1.0, 1.0, 1.0])))"), "mse");
        assertExact(4.0, number("losses.mse(3.0, 1.0)"), "mse of numbers");
        assertExact(1.0, number("item(losses.mae(tensor([1.0, 2.0, 3.0]), tensor([1.0, 1.0, 1.0])))"), "mae");
        // d = 0.5 (quadratic: 0.125) and d = 3 (linear: 1 * (3 - 0.5) = 2.5), delta 1.
        assertExact((0.125 + 2.5) / 2, number("item(losses.huber(tensor([0.5, 3.0]), tensor([0.0, 0.0]), 1.0))"), "huber");
    }

    @Test
    void crossEntropyFromLogitsAndIntegerLabels() {
        double expected = ((logSumExp(1, 2, 3) - 3) + (logSumExp(1, 0, -1) - 1)) / 2;
        String logits = "tensor([[1.0, 2.0, 3.0], [1.0, 0.0, -1.0]])";
        assertExact(expected, number("item(losses.cross_entropy(" + logits + ", [2, 0]))"), "labels as a list");
        assertExact(expected, number("item(losses.cross_entropy(" + logits + ", astype(tensor([2, 0]), \"i64\")))"), "i64 labels");
        assertExact(expected, number("item(losses.cross_entropy(" + logits + ", tensor([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])))"), "one-hot targets");
        assertExact(expected, number("item(losses.nll(log_softmax(" + logits + "), [2, 0]))"), "nll of log_softmax");
        assertExact(0.0, number("losses.accuracy(" + logits + ", [2, 1])") - 0.5, "accuracy");
    }

    @Test
    void crossEntropyGradientIsSoftmaxMinusOneHotOverBatch() {
        double[] g = numbers("grad(z -> losses.cross_entropy(z, [2, 0]))(tensor([[1.0, 2.0, 3.0], [1.0, 0.0, -1.0]]))");
        double[][] rows = {{1, 2, 3}, {1, 0, -1}};
        int[] labels = {2, 0};
        for (int i = 0; i < 2; i++) {
            double lse = logSumExp(rows[i]);
            for (int j = 0; j < 3; j++) {
                double expected = (Math.exp(rows[i][j] - lse) - (labels[i] == j ? 1 : 0)) / 2;
                assertExact(expected, g[i * 3 + j], "d/dz[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void binaryCrossEntropy() {
        assertExact(-(Math.log(0.9) + Math.log(0.8)) / 2, number("item(losses.binary_cross_entropy(tensor([0.9, 0.2]), tensor([1.0, 0.0])))"), "bce");
        // Probabilities of exactly 0 and 1 are clamped: the loss stays finite.
        double clamped = number("item(losses.binary_cross_entropy(tensor([1.0, 0.0]), tensor([0.0, 1.0])))");
        assertClose(-Math.log(1e-7), clamped, 1e-6, "clamped bce");
        // From logits: equal to bce of sigmoid, and finite where sigmoid saturates.
        assertExact(number("item(losses.binary_cross_entropy(sigmoid(tensor([0.3, -2.0, 4.0])), tensor([1.0, 0.0, 0.5])))"),
                        number("item(losses.binary_cross_entropy_with_logits(tensor([0.3, -2.0, 4.0]), tensor([1.0, 0.0, 0.5])))"), "with logits");
        assertExact(1000.0 / 2, number("item(losses.binary_cross_entropy_with_logits(tensor([1000.0, -1000.0]), tensor([0.0, 0.0])))"),
                        "saturated logits");
    }

    @Test
    void lossGradientsMatchCentralDifferences() {
        delta.eval("""
                        seed(11)
                        let z = randn([4, 3])
                        let t = rand([4, 3])
                        let p = sigmoid(randn([5]))
                        let b = astype(rand([5]) > 0.5, "f64")
                        """);
        String[] cases = {
            "z -> item(losses.mse(z, t))",
            "z -> item(losses.mae(z, t))",
            "z -> item(losses.huber(z, t, 0.5))",
            "z -> item(losses.cross_entropy(z, [0, 2, 1, 2]))",
            "z -> item(losses.cross_entropy(z, softmax(t)))",
            "z -> item(losses.nll(log_softmax(z), astype(tensor([1, 1, 0, 2]), \"i64\")))",
        };
        for (String f : cases) {
            double error = number("gradcheck(" + f + ", z)");
            assertTrue(error < 1e-6, f + ": gradcheck error " + error);
        }
        for (String f : new String[]{"p -> item(losses.binary_cross_entropy(p, b))", "p -> item(losses.binary_cross_entropy_with_logits(p, b))"}) {
            double error = number("gradcheck(" + f + ", p)");
            assertTrue(error < 1e-6, f + ": gradcheck error " + error);
        }
    }

    // ---- optim --------------------------------------------------------------------------------

    private static final String NESTED = "{a: tensor([3.0, -2.0]), rest: [1.5, (-0.5, {c: tensor([[1.0, 2.0]])})]}";
    private static final String QUADRATIC = "fn quadratic(p) = sum(p.a * p.a) + p.rest[0] * p.rest[0] + p.rest[1][0] * p.rest[1][0] + sum(p.rest[1][1].c * p.rest[1][1].c)";

    @Test
    void optimizersReduceAQuadraticOverNestedStructures() {
        delta.eval(QUADRATIC);
        double start = number("item(quadratic(" + NESTED + "))");
        String[] runs = {
            "{ let p = " + NESTED + "\n for i in range(100) { p = optim.sgd_step(p, grad(quadratic)(p), 0.1) }\n p }",
            "{ let p = " + NESTED + "\n let s = optim.momentum_init(p)\n for i in range(100) { let (q, t) = optim.momentum_step(p, grad(quadratic)(p), s, 0.05, 0.9)\n p = q\n s = t }\n p }",
            "{ let p = " + NESTED + "\n let s = optim.adam_init(p)\n for i in range(300) { let (q, t) = optim.adam_step(p, grad(quadratic)(p), s, 0.05)\n p = q\n s = t }\n p }",
        };
        for (String run : runs) {
            delta.eval("let result = " + run);
            double end = number("item(quadratic(result))");
            assertTrue(end < 1e-3 * start, "quadratic from " + start + " to " + end + " by " + run);
            // The structure survives: a record holding a tensor and a list holding a float and a tuple.
            assertEquals("record list float tuple record tensor [1, 2]",
                            delta.eval("type(result) + \" \" + type(result.rest) + \" \" + type(result.rest[0]) + \" \" + type(result.rest[1]) + \" \""
                                            + " + type(result.rest[1][1]) + \" \" + type(result.rest[1][1].c) + \" \" + str(result.rest[1][1].c.shape)").asString());
        }
    }

    @Test
    void sgdMomentumAndAdamStepsByHand() {
        // sgd: p - lr g
        assertArrayEquals(new double[]{0.7, 2.2}, numbers("optim.sgd_step({w: tensor([1.0, 2.0])}, {w: tensor([3.0, -2.0])}, 0.1).w"), 1e-12);
        // momentum: v1 = g1, p1 = p0 - lr v1; v2 = beta v1 + g2, p2 = p1 - lr v2
        delta.eval("let (m1, s1) = optim.momentum_step(1.0, 2.0, optim.momentum_init(1.0), 0.1, 0.9)");
        delta.eval("let (m2, s2) = optim.momentum_step(m1, 4.0, s1, 0.1, 0.9)");
        assertExact(1.0 - 0.1 * 2.0, number("m1"), "momentum step 1");
        assertExact(0.8 - 0.1 * (0.9 * 2.0 + 4.0), number("m2"), "momentum step 2");
        // Adam's first step moves every coordinate by lr against the sign of its gradient
        // (bias correction makes m / sqrt(v) = g / |g|), whatever the gradient's size.
        double[] p = numbers("optim.adam_step([tensor([1.0, 1.0, 1.0])], [tensor([1000.0, -0.001, 3.0])], optim.adam_init([tensor([1.0, 1.0, 1.0])]), 0.01)[0][0]");
        assertArrayEquals(new double[]{0.99, 1.01, 0.99}, p, 1e-6);
        assertEquals(1, delta.eval("optim.adam_step(2.0, 1.0, optim.adam_init(2.0), 0.1)[1].t").asInt());
    }

    @Test
    void treeHelpers() {
        assertEquals("{a: [2.0, (4.0, 6.0)], b: 8.0}", text("optim.tree_map(v -> v * 2, {a: [1.0, (2.0, 3.0)], b: 4.0})"));
        // Fields are matched by name, not position.
        assertEquals("{x: 11.0, y: 22.0}", text("optim.tree_map2((a, b) -> a + b, {x: 1.0, y: 2.0}, {y: 20.0, x: 10.0})"));
        assertEquals("[1.0, 2.0, 3.0]", text("optim.tree_leaves({a: 1.0, b: [2.0, (3.0,)]})"));
        assertEquals("{a: 0.0, b: [tensor([0.0000, 0.0000], shape=[2], dtype=f64)]}",
                        text("optim.zeros_like_tree({a: 5.0, b: [ones([2])]})"));
        assertExact(5.0, number("optim.global_norm({a: tensor([3.0]), b: 4.0})"), "global norm");
        assertExact(1.0, number("optim.global_norm(optim.clip_by_global_norm({a: tensor([3.0]), b: 4.0}, 1.0))"), "clipped norm");
        assertExact(5.0, number("optim.global_norm(optim.clip_by_global_norm({a: tensor([3.0]), b: 4.0}, 10.0))"), "unclipped norm");
        assertTrue(error("optim.tree_map2((a, b) -> a + b, [1.0, 2.0], [1.0])").contains("optim: structures differ: list 2 and list 1"));
    }

    @Test
    void recordBuiltins() {
        assertEquals("{w: 1.0, b: 2}", text("record([\"w\", \"b\"], [1.0, 2])"));
        assertEquals("{}", text("record([], [])"));
        assertExact(2.0, number("getfield({w: 1.0, b: 2.0}, \"b\")"), "getfield");
        assertEquals("(1, 2, 3)", text("tuple([1, 2, 3])"));
        assertEquals("(0, 1)", text("tuple(range(2))"));
        assertEquals("(\"a\", \"b\")", text("tuple(\"ab\")"));
        // Records made by record() with the same names share a shape and read like literals.
        assertExact(3.0, number("{ let t = 0.0\n for i in range(3) { t = t + record([\"a\"], [1.0]).a }\n t }"), "field reads");
        assertTrue(error("getfield({weight: 1.0}, \"wieght\")").contains("record has no field 'wieght' (did you mean 'weight'?)"));
        assertTrue(error("record([\"a\", \"a\"], [1, 2])").contains("record(): field 'a' is named twice"));
        assertTrue(error("record([\"a\"], [1, 2])").contains("record(): got 1 names and 2 values"));
        assertTrue(error("record([1], [1])").contains("field names must be strs"));
    }

    // ---- nn -----------------------------------------------------------------------------------

    @Test
    void linearAndMlp() {
        assertArrayEquals(new double[]{4.5, 5.5},
                        numbers("nn.linear({w: tensor([[1.0, 2.0], [3.0, 4.0]]), b: tensor([0.5, -0.5])}, tensor([[1.0, 1.0]]))"), 1e-12);
        assertExact(7.0, number("nn.linear({w: 2.0, b: 1.0}, 3.0)"), "linear on numbers");
        // mlp = linear, relu, linear
        delta.eval("""
                        let two = [{w: tensor([[1.0, -1.0]]), b: tensor([0.0, 0.5])}, {w: tensor([[2.0], [3.0]]), b: tensor([1.0])}]
                        """);
        // x = 2: hidden [2, -1.5] -> relu [2, 0] -> 2 * 2 + 0 * 3 + 1 = 5
        assertArrayEquals(new double[]{5.0}, numbers("nn.mlp(two, tensor([[2.0]]))"), 1e-12);
        // tanh between layers instead: [tanh 2, tanh -1.5] . [2, 3] + 1
        assertArrayEquals(new double[]{2 * Math.tanh(2) + 3 * Math.tanh(-1.5) + 1}, numbers("nn.mlp_with(two, tensor([[2.0]]), nn.tanh)"), 1e-12);
        double error = number("gradcheck((x) -> item(sum(nn.mlp(two, x))), tensor([[0.3], [-0.7]]))");
        assertTrue(error < 1e-6, "mlp gradcheck " + error);
        assertEquals("[2.0, 0.0]", text("tolist(nn.relu(tensor([2.0, -1.0])))"));
        assertExact(0.5, number("nn.sigmoid(0.0)"), "sigmoid re-exported");
        assertArrayEquals(new double[]{Math.log1p(Math.exp(-30)), 30 + Math.log1p(Math.exp(-30)), Math.log(2)},
                        numbers("nn.softplus(tensor([-30.0, 30.0, 0.0]))"), 1e-12);
        assertArrayEquals(new double[]{-0.2, 3.0}, numbers("nn.leaky_relu(tensor([-2.0, 3.0]), 0.1)"), 1e-12);
    }

    @Test
    void initialiserShapesBoundsAndSeeding() {
        assertEquals("[[784, 256], [256], [256, 10], [10]]",
                        text("{ let p = nn.mlp_init([784, 256, 10])\n [p[0].w.shape, p[0].b.shape, p[1].w.shape, p[1].b.shape] }"));
        assertEquals(784 * 256 + 256 + 256 * 10 + 10, delta.eval("nn.count_params(nn.mlp_init([784, 256, 10]))").asInt());
        assertEquals("{w: [3, 2], b: [2]}", text("{ let p = nn.linear_init(3, 2)\n {w: p.w.shape, b: p.b.shape} }"));
        assertEquals("(27, 36)", text("nn.fans([4, 3, 3, 3])"));
        // Uniform initialisers stay inside their bound.
        double xavier = Math.sqrt(6.0 / (200 + 100));
        assertTrue(number("item(amax(abs(nn.xavier_uniform([200, 100]))))") <= xavier, "xavier bound");
        assertTrue(number("item(amax(abs(nn.xavier_uniform([200, 100]))))") > 0.9 * xavier, "xavier fills its range");
        assertTrue(number("item(amax(abs(nn.kaiming_uniform([200, 100]))))") <= Math.sqrt(6.0 / 200), "kaiming bound");
        // Normal initialisers have the standard deviation they promise (20000 draws: within 3%).
        assertClose(Math.sqrt(2.0 / 200), number("sqrt(item(mean(nn.kaiming_normal([200, 100]) ** 2)))"), 0.03 * Math.sqrt(2.0 / 200), "kaiming std");
        assertClose(Math.sqrt(2.0 / 300), number("sqrt(item(mean(nn.xavier_normal([200, 100]) ** 2)))"), 0.03 * Math.sqrt(2.0 / 300), "xavier std");
        // The run's generator makes them reproducible.
        for (String init : new String[]{"xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal", "glorot_uniform", "he_normal"}) {
            assertTrue(delta.eval("{ seed(7)\n let a = nn." + init + "([5, 4])\n seed(7)\n let b = nn." + init + "([5, 4])\n item(amax(abs(a - b))) == 0.0 }").asBoolean(), init);
            assertTrue(delta.eval("{ seed(7)\n let a = nn." + init + "([5, 4])\n seed(8)\n item(amax(abs(a - nn." + init + "([5, 4])))) > 0.0 }").asBoolean(), init);
        }
        assertEquals(text("{ seed(3)\n nn.mlp_init([3, 4, 2]) }"), text("{ seed(3)\n nn.mlp_init([3, 4, 2]) }"));
    }

    @Test
    void convolutionHelpers() {
        assertEquals("[2, 4, 8, 8]", text("nn.conv2d_layer(nn.conv2d_init(3, 4, 3), randn([2, 3, 8, 8]), 1, 1).shape"));
        assertEquals("[2, 4, 4, 4]", text("nn.max_pool(randn([2, 4, 8, 8]), 2).shape"));
        assertEquals("[2, 64]", text("nn.flatten(randn([2, 4, 4, 4])).shape"));
        // The bias is added per output channel.
        assertArrayEquals(new double[]{1.0, 1.0, 1.0, 1.0, -2.0, -2.0, -2.0, -2.0},
                        numbers("nn.conv2d_layer({w: zeros([2, 1, 1, 1]), b: tensor([1.0, -2.0])}, ones([1, 1, 2, 2]), 1, 0)"), 1e-12);
    }

    // ---- data ---------------------------------------------------------------------------------

    @Test
    void shufflingAndSplitting() {
        assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", text("{ let p = data.permutation(10)\n let seen = []\n for i in range(10) { append(seen, 0) }\n for i in p { seen[i] = seen[i] + 1 }\n let out = []\n for i in range(10) { if seen[i] == 1 { append(out, i) } }\n out }"));
        assertEquals(text("{ seed(4)\n data.permutation(20) }"), text("{ seed(4)\n data.permutation(20) }"));
        assertArrayEquals(new double[]{5, 6, 1, 2}, numbers("data.take(tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), [2, 0])"), 0);
        assertArrayEquals(new double[]{30, 10}, numbers("data.take(tensor([10.0, 20.0, 30.0]), [2, 0])"), 0);
        assertEquals("[\"c\", \"a\"]", text("data.take([\"a\", \"b\", \"c\"], [2, 0])"));
        // shuffle_pair keeps each x with its y (here y is x's first column).
        delta.eval("let xs = reshape(arange(20.0), [10, 2])\nlet (sx, sy) = data.shuffle_pair(xs, xs[:, 0])");
        assertArrayEquals(numbers("sx[:, 0]"), numbers("sy"), 0);
        assertExact(sum(numbers("xs")), sum(numbers("sx")), "same elements");
        // train_test_split: sizes, and together the rows are the original ones.
        delta.eval("let (xa, xb, ya, yb) = data.train_test_split(xs, xs[:, 1], 0.3)");
        assertEquals("[7, 2] [3, 2] [7] [3]", text("xa.shape") + " " + text("xb.shape") + " " + text("ya.shape") + " " + text("yb.shape"));
        assertExact(sum(numbers("xs")), sum(numbers("xa")) + sum(numbers("xb")), "split covers the data");
        assertArrayEquals(numbers("xa[:, 1]"), numbers("ya"), 0);
    }

    @Test
    void batching() {
        assertEquals("[range(0, 4), range(4, 8), range(8, 10)]", text("data.batch_ranges(10, 4)"));
        assertEquals("[[4, 2], [4, 2], [2, 2]]", text("{ let out = []\n for b in data.batches(reshape(arange(20.0), [10, 2]), 4) { append(out, b.shape) }\n out }"));
        assertEquals("[[1, 2, 3], [4]]", text("data.batches([1, 2, 3, 4], 3)"));
        assertEquals("[[3, 2], [3], [1, 2], [1]]", text("{ let bs = data.shuffled_batches(ones([4, 2]), ones([4]), 3)\n [bs[0][0].shape, bs[0][1].shape, bs[1][0].shape, bs[1][1].shape] }"));
    }

    @Test
    void encodingAndScaling() {
        assertArrayEquals(new double[]{1, 0, 0, 0, 0, 1}, numbers("data.one_hot([0, 2], 3)"), 0);
        assertArrayEquals(new double[]{0, 1, 1, 0}, numbers("data.one_hot(astype(tensor([1, 0]), \"i64\"), 2)"), 0);
        // Columns [1, 2, 3] and [5, 5, 5]: the first becomes [-a, 0, a] with a = sqrt(3/2), the constant one 0.
        double a = Math.sqrt(1.5);
        assertArrayEquals(new double[]{-a, 0, 0, 0, a, 0}, numbers("data.standardise(tensor([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]))"), 1e-12);
        assertArrayEquals(new double[]{-a, 0, a}, numbers("data.apply_standardise(tensor([1.0, 2.0, 3.0]), data.fit_standardise(tensor([1.0, 2.0, 3.0])))"), 1e-12);
        assertArrayEquals(new double[]{0, 0, 0.5, 0, 1, 0}, numbers("data.min_max_scale(tensor([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]))"), 1e-12);
    }

    private static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }

}
