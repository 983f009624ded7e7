package delta.tensor.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import delta.tensor.UnaryOp;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delta's vector math functions (VectorExp, VectorLog, VectorTanh, VectorSinCos) through the
 * kernels that use them: within a few ulps of java.lang.Math at random points of every magnitude
 * and at each function's edges (overflow and the subnormal range, signed zeros, infinities, NaN,
 * quadrant boundaries, the end of sin's reduction range), in f64 and f32 (against Math's value
 * rounded to float); and the same bits whether C2 has compiled the kernel or not, which the Vector
 * API's own functions do not give (docs/tensors.md, "Reproducibility").
 */
class VectorMathFunctionsTest {
    private static final Random RANDOM = new Random(20261122);

    /**
     * One function: its kernel op, Math's definition, the ulps allowed in f64 and f32, the inputs
     * (f64; the f32 inputs are derived from them), and the inputs of the cold-and-compiled check.
     */
    record Case(UnaryOp op, DoubleUnaryOperator reference, double ulps64, float ulps32,
            Supplier<double[]> inputs, DoubleUnaryOperator toF32, Supplier<double[]> coldInputs) {
        @Override
        public String toString() {
            return op.label();
        }
    }

    static Stream<Case> functions() {
        return Stream.of(
                new Case(UnaryOp.EXP, Math::exp, 1, 1f, VectorMathFunctionsTest::expInputs,
                        v -> Math.abs(v) > 150 && Double.isFinite(v) ? v / 7 : v, () -> gaussian(20)),
                // In f32, e^-x overflows below x = -88.7 and sigmoid is then 0 by design (no branch),
                // where Math's value would still be a subnormal float: f32 inputs stay above -80.
                new Case(UnaryOp.SIGMOID, v -> 1 / (1 + Math.exp(-v)), 2, 2f, VectorMathFunctionsTest::expInputs,
                        v -> Double.isFinite(v) ? Math.max(-80, Math.min(80, v)) : v, () -> gaussian(20)),
                new Case(UnaryOp.LOG, Math::log, 1, 1f, VectorMathFunctionsTest::logInputs,
                        v -> v < 1e-300 ? v * 1e270 : v, () -> positive()),
                new Case(UnaryOp.TANH, Math::tanh, 3, 2f, VectorMathFunctionsTest::tanhInputs, v -> v, () -> gaussian(2)),
                new Case(UnaryOp.SIN, Math::sin, 2, 1f, VectorMathFunctionsTest::sinCosInputs, v -> v, () -> gaussian(100)),
                new Case(UnaryOp.COS, Math::cos, 2, 1f, VectorMathFunctionsTest::sinCosInputs, v -> v, () -> gaussian(100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void f64WithinUlpsOfMath(Case c) {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] x = c.inputs().get();
        double[] y = new double[x.length];
        VectorMath.unaryF64(c.op(), x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps(c.op().label(), x, y, c.reference(), c.ulps64());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void f32WithinUlpsOfMath(Case c) {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        double[] wide = c.inputs().get();
        float[] x = new float[wide.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) c.toF32().applyAsDouble(wide[i]);
        }
        float[] y = new float[x.length];
        VectorMath.unaryF32(c.op(), x, 0, y, 0, x.length);
        KernelChecks.assertWithinUlps(c.op().label(), x, y, c.reference(), c.ulps32());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void sameBitsBeforeAndAfterTheKernelIsCompiled(Case c) {
        assumeTrue(Simd.AVAILABLE, "no jdk.incubator.vector in this JVM");
        KernelChecks.assertSameBitsColdAndCompiled(c.op(), c.coldInputs().get());
    }

    private static double[] gaussian(double scale) {
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = RANDOM.nextGaussian() * scale;
        }
        return x;
    }

    private static double[] positive() {
        double[] x = gaussian(20);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.exp(x[i]);
        }
        return x;
    }

    /** The edges first, then n random points from {@code point}. */
    private static double[] withEdges(double[] edges, int n, java.util.function.IntToDoubleFunction point) {
        double[] x = new double[edges.length + n];
        System.arraycopy(edges, 0, x, 0, edges.length);
        for (int i = edges.length; i < x.length; i++) {
            x[i] = point.applyAsDouble(i);
        }
        return x;
    }

    private static double[] expInputs() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 1e-10, 0.5 * Math.log(2), -0.5 * Math.log(2),
                709.7, 709.78, 709.8, 710.0, 1000.0, -700.0, -708.4, -708.5, -740.0, -745.1, -745.2, -746.0, -1000.0,
                88.7, 88.8, 89.0, -87.3, -87.4, -100.0, -103.9, -104.0, -110.0,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MAX_VALUE, -Double.MAX_VALUE};
        return withEdges(edges, 30_000, i -> (RANDOM.nextDouble() * 2 - 1) * switch (i % 5) {
            case 0 -> 1e-6;
            case 1 -> 1;
            case 2 -> 10;
            case 3 -> 100;
            default -> 700;
        });
    }

    private static double[] logInputs() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 2.0, 0.5, Math.sqrt(2), Math.nextUp(Math.sqrt(2)), Math.nextDown(Math.sqrt(2)),
                Math.sqrt(0.5), Math.nextUp(1.0), Math.nextDown(1.0), Double.MIN_VALUE, Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL), 1e-310, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN, 1e-30, 1e30, Math.E};
        return withEdges(edges, 40_000, i -> switch (i % 4) {
            case 0 -> 0.5 + RANDOM.nextDouble();                       // around 1, where log is small
            case 1 -> Math.exp((RANDOM.nextDouble() * 2 - 1) * 700);   // every magnitude
            case 2 -> RANDOM.nextDouble() * 1e-308;                    // subnormal and tiny normal
            default -> RANDOM.nextDouble() * 100;
        });
    }

    private static double[] tanhInputs() {
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, 1e-8, -1e-8, 0.5, -0.5, 1, -1, 19, 20, 21, 100, -100,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.34657359, 0.3465736};
        return withEdges(edges, 40_000, i -> (RANDOM.nextBoolean() ? 1 : -1) * switch (i % 4) {
            case 0 -> RANDOM.nextDouble();
            case 1 -> RANDOM.nextDouble() * 10;
            case 2 -> Math.pow(10, -RANDOM.nextInt(30)) * RANDOM.nextDouble();   // tiny, where e^(2x) - 1 must not cancel
            default -> RANDOM.nextGaussian() * 3;
        });
    }

    private static double[] sinCosInputs() {
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, Math.PI / 4, Math.PI / 2, Math.PI, -Math.PI,
                3 * Math.PI / 2, 2 * Math.PI, 1e5, 823549.6, 823550.0, 1e6, 1e22, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        return withEdges(edges, 40_000, i -> (RANDOM.nextBoolean() ? 1 : -1) * switch (i % 5) {
            case 0 -> RANDOM.nextDouble();
            case 1 -> RANDOM.nextDouble() * 10;
            case 2 -> RANDOM.nextDouble() * 1e5;
            case 3 -> (RANDOM.nextInt(1000) + (RANDOM.nextDouble() - 0.5) * 1e-6) * Math.PI / 2;   // near k pi/2
            default -> Math.pow(10, -RANDOM.nextInt(20)) * RANDOM.nextDouble();
        });
    }
}
