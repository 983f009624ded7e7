package delta.tests;

import static delta.tests.AdHarness.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.launcher.ErrorReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tensor layers (conv2d, max_pool2d), joining (concat, stack), gather and one_hot, and tensor
 * indexing and fields: forward values against loops in Java, errors that name the op, the axis
 * and the shapes at the call's file:line:col, and, in float64 at three seeded random points per
 * case, reverse-mode gradients against central differences computed here (every element of the
 * input perturbed), forward-mode tangents against central differences along a random direction,
 * and the two modes against each other ({@code <u, J v>} both ways). Cases that add a
 * {@code [2, 1, ...]} zero tensor make the adjoint reach the op unreduced (broadcast), which the
 * rules must sum away.
 */
class TensorOpsTest {
    private static final String PROGRAM = """
            fn flat(t) = if type(t) == "tensor" { tolist(reshape(t, [-1])) } else { [t] }
            fn dims(t) = if type(t) == "tensor" { shape(t) } else { [] }
            fn rev(f, x) = grad(f)(x)
            # A tangent may keep the shape it had before a broadcast with a constant: J v is its broadcast.
            fn fwd(f, x, v) {
                let (y, t) = jvp(f, (x,), (v,))
                if type(y) == "tensor" { broadcast_to(t, shape(y)) } else { t }
            }
            fn pull(f, x, u) {
                let (y, pb) = vjp(f, x)
                pb(u)[0]
            }
            fn loss(op, r) = x -> { let y = op(x)
                sum(y * y * r) }
            fn size_of(x) = len(flat(x))
            # x with e added to its element i (row-major)
            fn bump(x, i, e) = x + reshape(one_hot(i, size_of(x)), shape(x)) * e
            fn along(x, v, e) = x + v * e
            """;

    private static AdHarness delta;
    private static final Random RANDOM = new Random(20240605);

    @BeforeAll
    static void open() {
        delta = new AdHarness(PROGRAM);
        define("W", random(RANDOM, 3 * 2 * 3 * 3), 3, 2, 3, 3);
        define("X", random(RANDOM, 2 * 6 * 5), 1, 2, 6, 5);
        define("S", random(RANDOM, 2 * 2 * 5 * 5), 2, 2, 5, 5);
        define("C", random(RANDOM, 4), 2, 2);
        define("D", random(RANDOM, 6), 2, 3);
        define("ONES", new double[]{1, 1, 1, 1, 1, 1}, 2, 3);
        delta.eval("let ZB2 = zeros([2, 1, 1])\nlet ZB4 = zeros([2, 1, 1, 1])\nlet ZB5 = zeros([2, 1, 1, 1, 1])");
        delta.eval("let IDX = tensor([[0, 3, 3, 1, 2], [2, 2, 0, 0, 1], [1, 0, 3, 2, 3]], \"i64\")");
        delta.eval("let IDX0 = tensor([[2, 0, 1, 1], [0, 0, 2, 1]], \"i64\")");
    }

    @AfterAll
    static void close() {
        delta.close();
    }

    // ---- forward values ----------------------------------------------------------------------------

    @Test
    void conv2dMatchesLoops() {
        double[] x = random(new Random(1), 2 * 2 * 6 * 5);
        double[] w = random(new Random(2), 3 * 2 * 3 * 2);
        Value y = delta.eval("conv2d(" + literal(x, 2, 2, 6, 5) + ", " + literal(w, 3, 2, 3, 2) + ", [2, 1], [1, 0])");
        assertEquals(List.of(2L, 3L, 3L, 4L), longs(delta.fn("dims").execute(y)));
        double[] expected = conv2d(x, new int[]{2, 2, 6, 5}, w, new int[]{3, 2, 3, 2}, 2, 1, 1, 0);
        assertArrayClose(expected, flat(y), "conv2d");
    }

    @Test
    void maxPool2dMatchesLoops() {
        double[] x = random(new Random(3), 2 * 6 * 5);
        Value y = delta.eval("max_pool2d(" + literal(x, 1, 2, 6, 5) + ", 3, 2, 1)");
        assertEquals(List.of(1L, 2L, 3L, 3L), longs(delta.fn("dims").execute(y)));
        assertArrayClose(maxPool(x, new int[]{1, 2, 6, 5}, 3, 3, 2, 2, 1, 1), flat(y), "max_pool2d");
        // stride defaults to the kernel
        Value z = delta.eval("max_pool2d(" + literal(x, 1, 2, 6, 5) + ", [2, 1])");
        assertArrayClose(maxPool(x, new int[]{1, 2, 6, 5}, 2, 1, 2, 1, 0, 0), flat(z), "max_pool2d with default stride");
    }

    @Test
    void joiningAndGather() {
        assertArrayClose(new double[]{1, 2, 5, 3, 4, 6}, flat(delta.eval("concat([tensor([[1.0, 2.0], [3.0, 4.0]]), tensor([[5.0], [6.0]])], 1)")), "concat");
        assertArrayClose(new double[]{1, 2, 3, 4, 5, 6}, flat(delta.eval("concat([tensor([1.0, 2.0]), tensor([3.0, 4.0, 5.0, 6.0])])")), "concat axis 0");
        Value stacked = delta.eval("stack([tensor([1.0, 2.0]), tensor([3.0, 4.0])], -1)");
        assertEquals(List.of(2L, 2L), longs(delta.fn("dims").execute(stacked)));
        assertArrayClose(new double[]{1, 3, 2, 4}, flat(stacked), "stack");
        Value parts = delta.eval("split(arange(6.0), [2, 4])");
        assertArrayClose(new double[]{2, 3, 4, 5}, flat(parts.getArrayElement(1)), "split");
        assertArrayClose(new double[]{1, 4}, flat(delta.eval("unstack(reshape(arange(6.0), [2, 3]), 1)[1]")), "unstack");
        assertArrayClose(new double[]{10, 13, 22, 21}, flat(delta.eval("gather(tensor([[10.0, 11.0, 12.0, 13.0], [20.0, 21.0, 22.0, 23.0]]), 1, tensor([[0, 3], [2, 1]], \"i64\"))")), "gather");
        Value hot = delta.eval("one_hot(tensor([2, 0], \"i64\"), 3)");
        assertArrayClose(new double[]{0, 0, 1, 1, 0, 0}, flat(hot), "one_hot");
        assertEquals("f64", delta.eval("one_hot(tensor([1], \"i64\"), 2).dtype").asString());
        assertEquals("f32", delta.eval("one_hot(tensor([1], \"i64\"), 2, \"f32\").dtype").asString());
    }

    @Test
    void indexingReadsViews() {
        delta.eval("let T = reshape(arange(24.0), [2, 3, 4])");
        assertArrayClose(new double[]{12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, flat(delta.eval("T[1]")), "T[1]");
        assertArrayClose(new double[]{12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, flat(delta.eval("T[-1]")), "T[-1]");
        Value element = delta.eval("T[1, 2]");
        assertArrayClose(new double[]{20, 21, 22, 23}, flat(element), "T[1, 2]");
        Value scalar = delta.eval("T[1, 2, -1]");
        assertTrue(scalar.isNumber() && scalar.fitsInDouble(), "a full index reads a number");
        assertEquals("float", delta.eval("type(T[1, 2, -1])").asString());
        assertEquals(23.0, scalar.asDouble());
        assertArrayClose(new double[]{4, 5, 6, 7, 16, 17, 18, 19}, flat(delta.eval("T[:, 1]")), "T[:, 1]");
        assertArrayClose(new double[]{13, 15, 17, 19}, flat(delta.eval("T[1, 0:2, 1::2]")), "T[1, 0:2, 1::2]");
        assertArrayClose(new double[]{11, 10, 9, 8}, flat(delta.eval("T[0, 2, ::-1]")), "reversed slice");
        assertArrayClose(new double[]{8, 9, 10, 11}, flat(delta.eval("T[0][2]")), "chained index");
        assertEquals(List.of(0L, 4L), longs(delta.eval("shape(T[0, 3:])")));
        assertEquals(List.of(2L, 1L, 4L), longs(delta.eval("shape(T[:, 1:2])")));
        Value i64 = delta.eval("astype(T, \"i64\")[1, 1, 1]");
        assertTrue(i64.fitsInLong());
        assertEquals(17L, i64.asLong());
        assertEquals("int", delta.eval("type(astype(T, \"i64\")[1, 1, 1])").asString());
        assertEquals("bool", delta.eval("type((T > 5.0)[0, 1, 2])").asString());
        assertTrue(delta.eval("(T > 5.0)[0, 1, 2]").asBoolean());
        assertEquals(2.0, delta.eval("tensor([1.0, 2.0, 3.0])[slice(1, none)][0]").asDouble());
    }

    @Test
    void fields() {
        delta.eval("let F = reshape(arange(24.0), [2, 3, 4])");
        assertEquals(List.of(2L, 3L, 4L), longs(delta.eval("F.shape")));
        assertEquals("f64", delta.eval("F.dtype").asString());
        assertEquals("f32", delta.eval("astype(F, \"f32\").dtype").asString());
        assertEquals("cpu", delta.eval("F.device").asString());
        assertEquals(List.of(4L, 3L, 2L), longs(delta.eval("F.T.shape")));
        assertEquals(delta.eval("F[1, 2, 3]").asDouble(), delta.eval("F.T[3, 2, 1]").asDouble());
        assertEquals(23.0, delta.eval("F.T[3, 2, 1]").asDouble());
    }

    // ---- errors ------------------------------------------------------------------------------------

    @Test
    void errorsNameTheOpTheAxisAndTheShapes() {
        String setup = "let E = reshape(arange(24.0), [2, 3, 4])\n";
        fails(setup + "E[2]", 2, "E[2]", "index 2 is out of bounds for axis 0 with size 2 (shape [2, 3, 4])");
        fails(setup + "E[0, -4]", 2, "E[0, -4]", "index -4 is out of bounds for axis 1 with size 3 (shape [2, 3, 4])");
        fails(setup + "E[0, 0, 0, 0]", 2, "E[0, 0, 0, 0]", "too many indices for a tensor of shape [2, 3, 4]: 4 given");
        fails(setup + "E[1.5]", 2, "E[1.5]", "tensor indices must be ints or slices, not float");
        fails(setup + "E.length", 2, "E.length", "a tensor has no field 'length'", "shape, dtype, device, T, size, ndim");
        fails(setup + "E[0] = 1.0", 2, "E[0] = 1.0", "a tensor is immutable");
        fails("[1.0, 2.0][0, 1]", 1, "[1.0, 2.0][0, 1]", "only tensors take several indices");
        fails("conv2d(zeros([1, 3, 8, 8]), zeros([4, 2, 3, 3]))", 1, "conv2d(zeros([1, 3, 8, 8]), zeros([4, 2, 3, 3]))",
                        "conv2d: input shape [1, 3, 8, 8] has 3 channels but weight shape [4, 2, 3, 3] expects 2");
        fails("conv2d(zeros([1, 3, 8, 8]), zeros([4, 3, 3, 3]), [1, 2, 3])", 1, "conv2d(zeros([1, 3, 8, 8]), zeros([4, 3, 3, 3]), [1, 2, 3])",
                        "conv2d() expects an int or a pair of ints as argument 3");
        fails("max_pool2d(zeros([3, 8, 8]), 2)", 1, "max_pool2d(zeros([3, 8, 8]), 2)", "max_pool2d", "[3, 8, 8]");
        fails("concat([zeros([2, 3]), zeros([3, 3])], 1)", 1, "concat([zeros([2, 3]), zeros([3, 3])], 1)", "concat", "[2, 3]", "[3, 3]");
        fails("stack([zeros([2, 3]), zeros([3, 3])])", 1, "stack([zeros([2, 3]), zeros([3, 3])])", "stack", "[2, 3]", "[3, 3]");
        fails("concat([zeros([2]), 1.0])", 1, "concat([zeros([2]), 1.0])", "concat(): expects a list of tensors, but item 1 is float 1.0");
        fails("gather(zeros([2, 3]), 1, tensor([[0, 3]], \"i64\"))", 1, "gather(zeros([2, 3]), 1, tensor([[0, 3]], \"i64\"))",
                        "index 3 is out of bounds for axis 1 with size 3");
        fails("split(zeros([5, 2]), [2, 2])", 1, "split(zeros([5, 2]), [2, 2])", "sizes [2, 2] add up to 4, but axis 0 of shape [5, 2] has length 5");
        fails("one_hot(tensor([3], \"i64\"), 3)", 1, "one_hot(tensor([3], \"i64\"), 3)", "one_hot");
    }

    private static void fails(String code, int line, String construct, String... messageParts) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> delta.context.eval(Source.newBuilder("dl", code, "ops.dl").buildLiteral()),
                        "expected an error from:\n" + code);
        assertFalse(e.isInternalError(), "an internal error:\n" + e);
        assertTrue(e.isGuestException(), "not a Delta error: " + e);
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
        SourceSection where = location(e);
        assertNotNull(where, "no source location for: " + e.getMessage());
        assertEquals(line, where.getStartLine(), "line of " + e.getMessage());
        assertEquals(construct, where.getCharacters().toString(), "the code the error points at");
        String report = ErrorReport.format(e);
        assertTrue(report.startsWith("ops.dl:" + line + ":" + where.getStartColumn() + ": error: "), report);
        assertFalse(report.contains(".java"), "Java frames in the report:\n" + report);
    }

    private static SourceSection location(PolyglotException e) {
        if (e.getSourceLocation() != null) {
            return e.getSourceLocation();
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getSourceLocation() != null) {
                return frame.getSourceLocation();
            }
        }
        return null;
    }

    // ---- derivatives -------------------------------------------------------------------------------

    /** op: a Delta function of one tensor x; shape: x's shape. */
    record Case(String op, int... shape) {
        @Override
        public String toString() {
            return op + " at x " + java.util.Arrays.toString(shape);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
            new Case("x -> conv2d(x, W, 1, 1)", 2, 2, 5, 5),
            new Case("w -> conv2d(X, w, 2, [1, 0])", 3, 2, 3, 2),
            new Case("x -> conv2d(S * x, W, [1, 2]) + ZB5", 5),
            new Case("w -> conv2d(S, w * W) + ZB5", 3, 1, 1, 3),
            new Case("x -> max_pool2d(x, 2)", 1, 2, 6, 6),
            new Case("x -> max_pool2d(x, 3, 2, 1)", 2, 1, 5, 5),
            new Case("x -> max_pool2d(x, [2, 3], [2, 1]) + ZB5", 1, 2, 6, 6),
            new Case("x -> concat([x, C, x * x], 1)", 2, 3),
            new Case("x -> concat([x * ONES, x * D], 0) + ZB4", 3),
            new Case("x -> stack([x, x * x, D], 1)", 2, 3),
            new Case("x -> stack([x + D, D], -1) + ZB4", 3),
            new Case("x -> gather(x, 1, IDX)", 3, 4),
            new Case("x -> gather(x * x, 0, IDX0) + ZB4", 3, 4),
            new Case("x -> x[1]", 3, 4),
            new Case("x -> x[-2:, 0] * x[0, 1:3]", 3, 4),
            new Case("x -> x[::-1, 1::2]", 3, 4),
            new Case("x -> x[1, -1] * x", 3, 4),
            new Case("x -> x[:, 1:3] + ZB2", 3, 4),
            new Case("x -> x.T * x.T[0]", 3, 4),
            new Case("x -> x[0, 0] * x[1, 2] + x[2, 3]", 3, 4));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void derivativesAgreeWithCentralDifferences(Case c) {
        Value op = delta.eval(c.op);
        for (int point = 0; point < 3; point++) {
            Random random = new Random(c.op.hashCode() * 31L + point);
            int n = size(c.shape);
            Value x = tensor(random(random, n), c.shape);
            Value y = op.execute(x);
            List<Long> outShape = longs(delta.fn("dims").execute(y));
            int m = flat(y).length;
            Value r = tensor(random(random, m), toInts(outShape));
            Value loss = delta.fn("loss").execute(op, r);

            // reverse mode against central differences of the loss, element by element
            double[] gradient = flat(delta.fn("rev").execute(loss, x));
            assertEquals(n, gradient.length, c + ": gradient size");
            for (int i = 0; i < n; i++) {
                double eps = 1e-6;
                double plus = scalar(loss.execute(delta.fn("bump").execute(x, (long) i, eps)));
                double minus = scalar(loss.execute(delta.fn("bump").execute(x, (long) i, -eps)));
                assertClose((plus - minus) / (2 * eps), gradient[i], 1e-6, c + " at point " + point + ": d loss / d x[" + i + "]");
            }

            // forward mode against central differences along v, and <u, J v> = <J^T u, v>
            Value v = tensor(random(random, n), c.shape);
            double[] u = random(random, m);
            double[] jv = flat(delta.fn("fwd").execute(op, x, v));
            double eps = 1e-6;
            double[] up = flat(op.execute(delta.fn("along").execute(x, v, eps)));
            double[] down = flat(op.execute(delta.fn("along").execute(x, v, -eps)));
            assertEquals(m, jv.length, c + ": tangent size");
            for (int k = 0; k < m; k++) {
                assertClose((up[k] - down[k]) / (2 * eps), jv[k], 1e-6, c + " at point " + point + ": (J v)[" + k + "]");
            }
            Value uValue = y.isNumber() ? Value.asValue(u[0]) : tensor(u, toInts(outShape));
            double[] jtu = flat(delta.fn("pull").execute(op, x, uValue));
            double forward = dot(u, jv);
            double reverse = dot(flat(v), jtu);
            assertClose(forward, reverse, 1e-10, c + " at point " + point + ": <u, J v> forward vs reverse");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static double scalar(Value v) {
        return v.isNumber() ? v.asDouble() : delta.fn("item").execute(v).asDouble();
    }

    private static void define(String name, double[] data, int... shape) {
        delta.eval("let " + name + " = " + literal(data, shape));
    }

    private static Value tensor(double[] data, int... shape) {
        return delta.eval(literal(data, shape));
    }

    /** Delta source for a tensor: Double.toString round-trips, so Delta sees exactly these doubles. */
    private static String literal(double[] data, int... shape) {
        StringJoiner values = new StringJoiner(", ", "[", "]");
        for (double d : data) {
            values.add(Double.toString(d));
        }
        StringJoiner dims = new StringJoiner(", ", "[", "]");
        for (int d : shape) {
            dims.add(Integer.toString(d));
        }
        return "reshape(tensor(" + values + "), " + dims + ")";
    }

    private static double[] random(Random random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextGaussian();
        }
        return out;
    }

    private static double[] flat(Value t) {
        Value list = delta.fn("flat").execute(t);
        double[] out = new double[(int) list.getArraySize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.getArrayElement(i).asDouble();
        }
        return out;
    }

    private static List<Long> longs(Value list) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < list.getArraySize(); i++) {
            out.add(list.getArrayElement(i).asLong());
        }
        return out;
    }

    private static int[] toInts(List<Long> dims) {
        return dims.stream().mapToInt(Long::intValue).toArray();
    }

    private static int size(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static double dot(double[] a, double[] b) {
        assertEquals(a.length, b.length, "dot product sizes");
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void assertArrayClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], 1e-12, what + "[" + i + "]");
        }
    }

    /** Cross-correlation by definition, NCHW, zero padding. */
    private static double[] conv2d(double[] x, int[] xs, double[] w, int[] ws, int sh, int sw, int ph, int pw) {
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3], o = ws[0], kh = ws[2], kw = ws[3];
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (wd + 2 * pw - kw) / sw + 1;
        double[] out = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < o; f++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = 0;
                        for (int ch = 0; ch < c; ch++) {
                            for (int di = 0; di < kh; di++) {
                                for (int dj = 0; dj < kw; dj++) {
                                    int r = i * sh + di - ph, q = j * sw + dj - pw;
                                    if (r >= 0 && r < h && q >= 0 && q < wd) {
                                        s += x[((b * c + ch) * h + r) * wd + q] * w[((f * c + ch) * kh + di) * kw + dj];
                                    }
                                }
                            }
                        }
                        out[((b * o + f) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return out;
    }

    /** Max pooling by definition, padding as -infinity. */
    private static double[] maxPool(double[] x, int[] xs, int kh, int kw, int sh, int sw, int ph, int pw) {
        int nc = xs[0] * xs[1], h = xs[2], wd = xs[3];
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (wd + 2 * pw - kw) / sw + 1;
        double[] out = new double[nc * oh * ow];
        for (int p = 0; p < nc; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int di = 0; di < kh; di++) {
                        for (int dj = 0; dj < kw; dj++) {
                            int r = i * sh + di - ph, q = j * sw + dj - pw;
                            if (r >= 0 && r < h && q >= 0 && q < wd) {
                                m = Math.max(m, x[(p * h + r) * wd + q]);
                            }
                        }
                    }
                    out[(p * oh + i) * ow + j] = m;
                }
            }
        }
        return out;
    }
}
