package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Delta's tensor operations against NumPy on seeded random cases, in float64 and float32: matrix
 * products (2-D, batched with broadcast batch dimensions, matrix-vector and vector-matrix),
 * element-wise arithmetic with broadcasting and with numbers (% and // too), exp/expm1/log/log1p/tanh/sigmoid/relu,
 * floor/ceil/round (exact halves included),
 * sum/mean/var/std/amax over all axes, prod, cumsum, sort, argsort, one axis (negative too) or several, with and without keepdims,
 * logsumexp, softmax and log_softmax along an axis, reshape and transpose. Every case runs once in
 * Delta (one context, the program built from the case's numbers printed exactly) and once in
 * NumPy (tests/src/test/resources/numpy/tensor_ops.py, all cases in one python3 process); shapes,
 * dtypes and every element must agree (float64 within 1e-12 relative, float32 within 2e-5, as
 * summation orders differ). Skipped, with the reason printed, where neither Debian's
 * /usr/bin/python3 nor the python3 on the PATH can import numpy (apt-get install python3-numpy).
 */
class TensorNumpyAgreementTest {
    private static final int RANDOM_CASES_PER_KIND = 6;

    /** One operation on concrete inputs: how Delta writes it, how tensor_ops.py names it. */
    record Case(String dtype, String op, String params, String delta, List<int[]> shapes, List<double[]> values) {
        String numpyLine() {
            StringBuilder line = new StringBuilder(dtype).append(' ').append(op).append(' ').append(params);
            for (int i = 0; i < shapes.size(); i++) {
                line.append(" ; ").append(dimsText(shapes.get(i), ",")).append(" :");
                for (double v : values.get(i)) {
                    line.append(' ').append(v);
                }
            }
            return line.toString();
        }

        String deltaProgram() {
            StringBuilder program = new StringBuilder();
            for (int i = 0; i < shapes.size(); i++) {
                StringJoiner values = new StringJoiner(", ", "[", "]");
                for (double v : this.values.get(i)) {
                    values.add(Double.toString(v));
                }
                program.append("let a").append(i).append(" = reshape(tensor(").append(values).append(", \"").append(dtype)
                                .append("\"), [").append(shapes.get(i).length == 0 ? "" : dimsText(shapes.get(i), ", ")).append("])\n");
            }
            program.append("let r = ").append(delta).append('\n');
            program.append("if type(r) == \"tensor\" { [shape(r), tolist(reshape(r, [-1])), dtype_of(r)] } else { [[], [r], \"number\"] }\n");
            return program.toString();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(dtype + " " + delta + " with ");
            for (int[] shape : shapes) {
                s.append(Arrays.toString(shape)).append(' ');
            }
            return s.toString().strip();
        }
    }

    /** A result: shape, dtype ("f32"/"f64"), values in row-major order. */
    record Result(int[] shape, String dtype, double[] values) {}

    private static String dimsText(int[] shape, String separator) {
        if (shape.length == 0) {
            return "-";
        }
        StringJoiner dims = new StringJoiner(separator);
        for (int d : shape) {
            dims.add(Integer.toString(d));
        }
        return dims.toString();
    }

    @Test
    void deltaAgreesWithNumpy() throws Exception {
        String python = pythonWithNumpy();
        if (python == null) {
            String reason = "TensorNumpyAgreementTest skipped: no python3 with numpy (neither /usr/bin/python3 nor python3 on the PATH "
                            + "can import numpy; apt-get install python3-numpy)";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        List<Case> cases = cases(new Random(20250605));
        List<Result> expected = numpy(python, cases);
        assertEquals(cases.size(), expected.size(), "NumPy gave one result per case");

        List<String> failures = new ArrayList<>();
        try (Context context = Context.newBuilder("dl").option("engine.WarnInterpreterOnly", "false").build()) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                Result actual;
                try {
                    actual = delta(context, c);
                } catch (PolyglotException e) {
                    failures.add(c + ": Delta failed: " + e.getMessage());
                    continue;
                }
                String problem = compare(c, actual, expected.get(i));
                if (problem != null) {
                    failures.add(c + ": " + problem);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases disagree with NumPy:\n"
                        + String.join("\n", failures.subList(0, Math.min(failures.size(), 20))));
    }

    // ---- the cases

    private static List<Case> cases(Random random) {
        List<Case> cases = new ArrayList<>();
        for (String dtype : new String[]{"f64", "f32"}) {
            for (int k = 0; k < RANDOM_CASES_PER_KIND; k++) {
                matmulCases(random, dtype, cases);
                broadcastCases(random, dtype, cases);
                unaryCases(random, dtype, cases);
                reductionCases(random, dtype, cases);
                shapeCases(random, dtype, cases);
            }
        }
        return cases;
    }

    private static void matmulCases(Random random, String dtype, List<Case> cases) {
        int m = 1 + random.nextInt(7);
        int k = 1 + random.nextInt(7);
        int n = 1 + random.nextInt(7);
        int b = 1 + random.nextInt(3);
        binary(random, dtype, "matmul", "a0 @ a1", cases, new int[]{m, k}, new int[]{k, n});
        binary(random, dtype, "matmul", "a0 @ a1", cases, new int[]{b, m, k}, new int[]{b, k, n});
        binary(random, dtype, "matmul", "a0 @ a1", cases, new int[]{1, m, k}, new int[]{b, k, n});
        binary(random, dtype, "matmul", "matmul(a0, a1)", cases, new int[]{m, k}, new int[]{2, b, k, n});
        binary(random, dtype, "matmul", "a0 @ a1", cases, new int[]{m, k}, new int[]{k});
        binary(random, dtype, "matmul", "a0 @ a1", cases, new int[]{k}, new int[]{k, n});
        binary(random, dtype, "matmul", "a0 @ a1", cases, new int[]{b, m, k}, new int[]{k});
        binary(random, dtype, "matmul", "a0 @ a1", cases, new int[]{k}, new int[]{k});
        // A larger one, past the kernels' blocking sizes.
        if (random.nextInt(3) == 0) {
            int rows = 40 + random.nextInt(40);
            int inner = 70 + random.nextInt(60);
            binary(random, dtype, "matmul", "a0 @ a1", cases, new int[]{rows, inner}, new int[]{inner, 30 + random.nextInt(50)});
        }
    }

    private static void broadcastCases(Random random, String dtype, List<Case> cases) {
        int[] big = randomShape(random, 1, 4, 4);
        int[] small = broadcastPartner(random, big);
        boolean swap = random.nextBoolean();
        int[] left = swap ? small : big;
        int[] right = swap ? big : small;
        binary(random, dtype, "add", "a0 + a1", cases, left, right);
        binary(random, dtype, "sub", "a0 - a1", cases, right, left);
        binary(random, dtype, "mul", "a0 * a1", cases, left, right);
        int[] denominator = right;
        cases.add(new Case(dtype, "div", "-", "a0 / a1", List.of(left, denominator),
                        List.of(values(random, left, dtype), awayFromZero(random, denominator, dtype))));
        for (String op : new String[]{"remainder", "floor_divide"}) {
            cases.add(new Case(dtype, op, "-", "a0 " + (op.equals("remainder") ? "%" : "//") + " a1", List.of(left, denominator),
                            List.of(values(random, left, dtype), awayFromZero(random, denominator, dtype))));
        }
        double factor = round(random.nextGaussian() * 3, dtype);
        cases.add(new Case(dtype, "scalar_mul", Double.toString(factor), "a0 * " + factor, List.of(big),
                        List.of(values(random, big, dtype))));
        cases.add(new Case(dtype, "scalar_rsub", Double.toString(factor), factor + " - a0", List.of(big),
                        List.of(values(random, big, dtype))));
    }

    private static void unaryCases(Random random, String dtype, List<Case> cases) {
        for (String op : new String[]{"exp", "expm1", "tanh", "sigmoid", "relu"}) {
            int[] shape = randomShape(random, 1, 3, 5);
            cases.add(new Case(dtype, op, "-", op + "(a0)", List.of(shape), List.of(values(random, shape, dtype))));
        }
        for (String op : new String[]{"floor", "ceil", "round"}) {
            int[] shape = randomShape(random, 1, 3, 5);
            double[] spread = values(random, shape, dtype);
            for (int i = 0; i < spread.length; i++) {
                // Wider, and some exact halves, where round must go to even.
                spread[i] = i % 3 == 0 ? Math.round(spread[i] * 4) + 0.5 : round(spread[i] * 4, dtype);
            }
            cases.add(new Case(dtype, op, "-", op + "(a0)", List.of(shape), List.of(spread)));
        }
        int[] shape = randomShape(random, 1, 3, 5);
        double[] positive = values(random, shape, dtype);
        for (int i = 0; i < positive.length; i++) {
            positive[i] = round(Math.abs(positive[i]) + 0.01, dtype);
        }
        cases.add(new Case(dtype, "log", "-", "log(a0)", List.of(shape), List.of(positive)));
        cases.add(new Case(dtype, "log1p", "-", "log1p(a0)", List.of(shape), List.of(positive)));
    }

    private static void reductionCases(Random random, String dtype, List<Case> cases) {
        int[] shape = randomShape(random, 1, 4, 5);
        for (String op : new String[]{"sum", "mean", "var", "std", "amax", "logsumexp"}) {
            boolean keepdims = random.nextBoolean();
            String deltaAxis;
            String numpyAxis;
            switch (random.nextInt(4)) {
                case 0 -> {
                    deltaAxis = "none";
                    numpyAxis = "none";
                }
                case 1 -> {
                    int axis = random.nextInt(shape.length);
                    deltaAxis = Integer.toString(axis);
                    numpyAxis = deltaAxis;
                }
                case 2 -> {
                    int axis = -1 - random.nextInt(shape.length);
                    deltaAxis = Integer.toString(axis);
                    numpyAxis = deltaAxis;
                }
                default -> {
                    List<Integer> axes = new ArrayList<>();
                    for (int a = 0; a < shape.length; a++) {
                        if (random.nextBoolean()) {
                            axes.add(a);
                        }
                    }
                    if (axes.isEmpty()) {
                        axes.add(shape.length - 1);
                    }
                    deltaAxis = axes.toString();
                    numpyAxis = String.join("/", axes.stream().map(String::valueOf).toList());
                }
            }
            String delta = op.equals("logsumexp") || keepdims || !deltaAxis.equals("none") || random.nextBoolean()
                            ? op + "(a0, " + deltaAxis + ", " + keepdims + ")"
                            : op + "(a0)";
            cases.add(new Case(dtype, op, numpyAxis + "," + keepdims, delta, List.of(shape), List.of(values(random, shape, dtype))));
        }
        int sortAxis = random.nextInt(shape.length) - (random.nextBoolean() ? shape.length : 0);
        cases.add(new Case(dtype, "sort", Integer.toString(sortAxis), "sort(a0, " + sortAxis + ")", List.of(shape), List.of(values(random, shape, dtype))));
        cases.add(new Case(dtype, "argsort", Integer.toString(sortAxis), "astype(argsort(a0, " + sortAxis + "), \"" + dtype + "\")", List.of(shape),
                        List.of(values(random, shape, dtype))));
        int prodAxis = random.nextInt(shape.length + 1) - 1;
        boolean prodKeep = random.nextBoolean();
        cases.add(new Case(dtype, "prod", (prodAxis < 0 ? "none" : Integer.toString(prodAxis)) + "," + prodKeep,
                        "prod(a0, " + (prodAxis < 0 ? "none" : Integer.toString(prodAxis)) + ", " + prodKeep + ")", List.of(shape),
                        List.of(values(random, shape, dtype))));
        int scanAxis = random.nextInt(shape.length + 1) - 1;
        cases.add(new Case(dtype, "cumsum", scanAxis < 0 ? "none" : Integer.toString(scanAxis),
                        scanAxis < 0 ? "cumsum(a0)" : "cumsum(a0, " + scanAxis + ")", List.of(shape), List.of(values(random, shape, dtype))));
        for (String op : new String[]{"softmax", "log_softmax"}) {
            int axis = random.nextInt(shape.length) - (random.nextBoolean() ? shape.length : 0);
            double[] v = values(random, shape, dtype);
            for (int i = 0; i < v.length; i++) {
                v[i] = round(v[i] * 4, dtype); // wider spread, so the max-subtraction matters
            }
            cases.add(new Case(dtype, op, Integer.toString(axis), op + "(a0, " + axis + ")", List.of(shape), List.of(v)));
        }
    }

    private static void shapeCases(Random random, String dtype, List<Case> cases) {
        int[] shape = randomShape(random, 2, 4, 4);
        int size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        // Reshape to a factorisation of the size, one dimension left to -1.
        List<Integer> dims = new ArrayList<>();
        int rest = size;
        for (int f = 2; f <= rest; f++) {
            while (rest % f == 0 && random.nextInt(3) > 0) {
                dims.add(f);
                rest /= f;
            }
        }
        dims.add(rest);
        int inferred = random.nextInt(dims.size());
        List<String> deltaDims = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            deltaDims.add(i == inferred ? "-1" : dims.get(i).toString());
        }
        cases.add(new Case(dtype, "reshape", String.join("/", dims.stream().map(String::valueOf).toList()),
                        "reshape(a0, " + deltaDims + ")", List.of(shape), List.of(values(random, shape, dtype))));
        cases.add(new Case(dtype, "transpose", "all", "transpose(a0)", List.of(shape), List.of(values(random, shape, dtype))));
        int a = random.nextInt(shape.length);
        int b = random.nextInt(shape.length) - shape.length;
        cases.add(new Case(dtype, "transpose", a + "," + b, "transpose(a0, " + a + ", " + b + ")", List.of(shape),
                        List.of(values(random, shape, dtype))));
        // A view feeding an operation: the kernels must follow the transposed strides.
        int[] square = {shape[0], 1 + random.nextInt(5)};
        binary(random, dtype, "matmul_t0", "transpose(a0) @ a1", cases, square, square.clone());
    }

    private static void binary(Random random, String dtype, String op, String delta, List<Case> cases, int[] a, int[] b) {
        cases.add(new Case(dtype, op, "-", delta, List.of(a, b), List.of(values(random, a, dtype), values(random, b, dtype))));
    }

    private static int[] randomShape(Random random, int minRank, int maxRank, int maxDim) {
        int[] shape = new int[minRank + random.nextInt(maxRank - minRank + 1)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = 1 + random.nextInt(maxDim);
        }
        return shape;
    }

    /** A shape that broadcasts with {@code shape}: some leading axes dropped, some axes 1. */
    private static int[] broadcastPartner(Random random, int[] shape) {
        int drop = random.nextInt(shape.length + 1);
        int[] partner = Arrays.copyOfRange(shape, drop, shape.length);
        for (int i = 0; i < partner.length; i++) {
            if (random.nextInt(3) == 0) {
                partner[i] = 1;
            }
        }
        return partner;
    }

    private static double[] values(Random random, int[] shape, String dtype) {
        double[] v = new double[Arrays.stream(shape).reduce(1, (x, y) -> x * y)];
        for (int i = 0; i < v.length; i++) {
            v[i] = round(random.nextGaussian(), dtype);
        }
        return v;
    }

    private static double[] awayFromZero(Random random, int[] shape, String dtype) {
        double[] v = values(random, shape, dtype);
        for (int i = 0; i < v.length; i++) {
            v[i] = round(Math.copySign(0.5 + Math.abs(v[i]), v[i]), dtype);
        }
        return v;
    }

    /** f32 inputs are numbers that float32 holds exactly, so both sides start from the same values. */
    private static double round(double v, String dtype) {
        return dtype.equals("f32") ? (double) (float) v : v;
    }

    // ---- running both sides

    private static Result delta(Context context, Case c) {
        Value r = context.eval("dl", c.deltaProgram());
        Value shape = r.getArrayElement(0);
        int[] dims = new int[(int) shape.getArraySize()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.getArrayElement(i).asInt();
        }
        Value values = r.getArrayElement(1);
        double[] v = new double[(int) values.getArraySize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.getArrayElement(i).asDouble();
        }
        return new Result(dims, r.getArrayElement(2).asString(), v);
    }

    private static List<Result> numpy(String python, List<Case> cases) throws IOException, InterruptedException {
        Path script = DeltaRunner.root().resolve("tests/src/test/resources/numpy/tensor_ops.py");
        Process process = new ProcessBuilder(python, script.toString()).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, true));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, false));
        try (OutputStream in = process.getOutputStream()) {
            for (Case c : cases) {
                in.write((c.numpyLine() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "tensor_ops.py did not finish in 120 s");
        assertEquals(0, process.exitValue(), "tensor_ops.py failed:\n" + err.join());
        List<Result> results = new ArrayList<>();
        for (String line : out.join().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(":", 3);
            String dims = parts[0].strip();
            int[] shape = dims.equals("-") ? new int[0] : Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
            String dtype = switch (parts[1].strip()) {
                case "float32" -> "f32";
                case "float64" -> "f64";
                default -> parts[1].strip();
            };
            String values = parts[2].strip();
            double[] v = values.isEmpty() ? new double[0] : Arrays.stream(values.split(" ")).mapToDouble(Double::parseDouble).toArray();
            results.add(new Result(shape, dtype, v));
        }
        return results;
    }

    private static String read(Process process, boolean stdout) {
        try {
            return new String((stdout ? process.getInputStream() : process.getErrorStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Debian's python3 first (its python3-numpy), then the one on the PATH; null if neither has numpy. */
    private static String pythonWithNumpy() throws InterruptedException {
        IntFunction<String> candidate = i -> i == 0 ? "/usr/bin/python3" : "python3";
        for (int i = 0; i < 2; i++) {
            String python = candidate.apply(i);
            if (i == 0 && !Files.isExecutable(Path.of(python))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not installed: try the next one
            }
        }
        return null;
    }

    private static String compare(Case c, Result actual, Result expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            return "shape " + Arrays.toString(actual.shape()) + ", NumPy's " + Arrays.toString(expected.shape());
        }
        if (!actual.dtype().equals(expected.dtype()) && !actual.dtype().equals("number")) {
            return "dtype " + actual.dtype() + ", NumPy's " + expected.dtype();
        }
        if (actual.values().length != expected.values().length) {
            return actual.values().length + " values, NumPy " + expected.values().length;
        }
        double tolerance = c.dtype().equals("f32") ? 2e-5 : 1e-12;
        for (int i = 0; i < actual.values().length; i++) {
            double a = actual.values()[i];
            double e = expected.values()[i];
            if (Double.isNaN(a) != Double.isNaN(e) || Math.abs(a - e) > tolerance * Math.max(1, Math.abs(e))) {
                return "element " + i + " is " + a + ", NumPy's " + e + "\n  Delta program:\n" + c.deltaProgram().indent(4);
            }
        }
        return null;
    }
}
