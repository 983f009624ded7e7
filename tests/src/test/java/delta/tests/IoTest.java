package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading and writing files: read_csv, read_npy (against files NumPy wrote), read_idx, the bundled
 * digits, Fashion-MNIST (when Debian's package is installed), safetensors (round trips, a file
 * PyTorch's layout wrote, a file Delta wrote read back by Python), progress bars and plots; errors
 * at the call's file:line:col for missing and malformed files and for a sandbox without IO.
 */
class IoTest {
    @TempDir Path dir;

    private static final Path RESOURCES = DeltaRunner.root().resolve("tests/src/test/resources/io");

    /** Runs a program as the file io_test.dl; returns its output and, after a failure, the error report. */
    private static String run(String program) {
        return DeltaRunner.run(Source.newBuilder("dl", program, "io_test.dl").buildLiteral());
    }

    private static String q(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\") + "\"";
    }

    private static String res(String name) {
        return q(RESOURCES.resolve(name));
    }

    private static void gzip(Path target, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            out.write(bytes);
        }
    }

    // ---- read_csv ----

    @Test
    void readCsvGivesAnF64MatrixAndSkipsAHeaderWhenAsked() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "1,2.5,-3\n4,5e2, 6\n\n7,nan,inf\n");
        Files.writeString(dir.resolve("h.csv"), "x,y\r\n1,2\r\n3,4\r\n");
        gzip(dir.resolve("a.csv.gz"), "1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        String out = run("let a = read_csv(" + q(dir.resolve("a.csv")) + ")\nprint(shape(a), a.dtype, tolist(a))\n"
                        + "let h = read_csv(" + q(dir.resolve("h.csv")) + ", true)\nprint(shape(h), tolist(h))\n"
                        + "print(tolist(read_csv(" + q(dir.resolve("a.csv.gz")) + ")))");
        assertEquals("[3, 3] f64 [[1.0, 2.5, -3.0], [4.0, 500.0, 6.0], [7.0, nan, inf]]\n[2, 2] [[1.0, 2.0], [3.0, 4.0]]\n[[1.0, 2.0], [3.0, 4.0]]\n", out);
    }

    @Test
    void readCsvErrorsNameTheCallTheFileTheLineAndTheField() throws IOException {
        Files.writeString(dir.resolve("h.csv"), "x,y\n1,2\n");
        Files.writeString(dir.resolve("ragged.csv"), "1,2\n3\n");
        Files.writeString(dir.resolve("bad.csv"), "1,2\n3,four\n");
        String missing = run("print(1)\nlet t = read_csv(" + q(dir.resolve("nope.csv")) + ")");
        assertTrue(missing.startsWith("1\nio_test.dl:2:9: error: read_csv(): cannot read \"" + dir.resolve("nope.csv") + "\": no such file"), missing);
        String header = run("read_csv(" + q(dir.resolve("h.csv")) + ")");
        assertTrue(header.contains("io_test.dl:1:1: error: read_csv(): \"" + dir.resolve("h.csv") + "\" line 1, field 1: \"x\" is not a number (if the first line is a header, pass true"), header);
        assertTrue(run("read_csv(" + q(dir.resolve("ragged.csv")) + ")").contains("line 2 has 1 fields, the lines above have 2"));
        assertTrue(run("read_csv(" + q(dir.resolve("bad.csv")) + ")").contains("line 2, field 2: \"four\" is not a number\n"));
        assertTrue(run("read_csv(" + q(dir) + ")").contains("it is a folder"));
        assertTrue(run("read_csv(42)").contains("read_csv() expects a str as argument 1, got int 42"));
        Files.writeString(dir.resolve("notgz.csv.gz"), "1,2\n");
        assertTrue(run("read_csv(" + q(dir.resolve("notgz.csv.gz")) + ")").contains("not a valid gzip file"));
    }

    // ---- read_npy ----

    @Test
    void readNpyReadsWhatNumPyWrote() {
        String out = run(String.join("\n",
                        "for name in [\"f8\", \"f4\", \"i8\", \"i4\", \"u1\", \"bool\", \"scalar\", \"big_endian\", \"v2\"] {",
                        "    let t = read_npy(" + q(RESOURCES) + " + \"/\" + name + \".npy\")",
                        "    print(name, t.dtype, shape(t), tolist(t))",
                        "}",
                        "let f = read_npy(" + res("fortran.npy") + ")",
                        "print(shape(f), tolist(f) == tolist(reshape(arange(24), [2, 3, 4])))"));
        assertEquals(String.join("\n",
                        "f8 f64 [3, 4] [[0.0, 0.25, 0.5, 0.75], [1.0, 1.25, 1.5, 1.75], [2.0, 2.25, 2.5, 2.75]]",
                        "f4 f32 [3, 4] [[0.0, 0.25, 0.5, 0.75], [1.0, 1.25, 1.5, 1.75], [2.0, 2.25, 2.5, 2.75]]",
                        "i8 i64 [2, 3] [[-1, 2, 3], [4, 5, -6]]",
                        "i4 i64 [3] [-2147483648, 0, 2147483647]",
                        "u1 i64 [3] [0, 7, 255]",
                        "bool bool [2, 2] [[true, false], [false, true]]",
                        "scalar f64 [] 3.5",
                        "big_endian f64 [2] [1.5, -2.0]",
                        "v2 f64 [3] [1.0, 2.0, 3.0]",
                        "[2, 3, 4] true", ""), out);
    }

    @Test
    void readNpyRejectsMalformedFiles() throws IOException {
        Files.writeString(dir.resolve("text.npy"), "hello, world");
        byte[] good = Files.readAllBytes(RESOURCES.resolve("f8.npy"));
        Files.write(dir.resolve("short.npy"), java.util.Arrays.copyOf(good, good.length - 8));
        String text = run("\n  read_npy(" + q(dir.resolve("text.npy")) + ")");
        assertTrue(text.contains("io_test.dl:2:3: error: read_npy(): \"" + dir.resolve("text.npy") + "\" is not a NumPy .npy file"), text);
        String truncated = run("read_npy(" + q(dir.resolve("short.npy")) + ")");
        assertTrue(truncated.contains("is truncated: its header announces 96 bytes of data (shape [3, 4], '<f8'), the file holds 88"), truncated);
    }

    // ---- read_idx ----

    private static byte[] idx(int code, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) code).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    @Test
    void readIdxReadsMnistStyleFilesPlainAndGzipped() throws IOException {
        byte[] images = idx(0x08, new int[]{2, 2, 3}, new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255});
        Files.write(dir.resolve("images-idx3-ubyte"), images);
        gzip(dir.resolve("images-idx3-ubyte.gz"), images);
        gzip(dir.resolve("labels-idx1-ubyte.gz"), idx(0x08, new int[]{2}, new byte[]{7, 3}));
        ByteBuffer doubles = ByteBuffer.allocate(16).putDouble(0.5).putDouble(-2.0);
        Files.write(dir.resolve("d.idx"), idx(0x0E, new int[]{2}, doubles.array()));
        String out = run(String.join("\n",
                        "let a = read_idx(" + q(dir.resolve("images-idx3-ubyte")) + ")",
                        "let b = read_idx(" + q(dir.resolve("images-idx3-ubyte.gz")) + ")",
                        "print(a.dtype, shape(a), tolist(a[1][1]), tolist(a) == tolist(b))",
                        "let y = read_idx(" + q(dir.resolve("labels-idx1-ubyte.gz")) + ", \"i64\")",
                        "print(y.dtype, tolist(y))",
                        "let d = read_idx(" + q(dir.resolve("d.idx")) + ")",
                        "print(d.dtype, tolist(d))"));
        assertEquals("f32 [2, 2, 3] [9.0, 10.0, 255.0] true\ni64 [7, 3]\nf64 [0.5, -2.0]\n", out);
    }

    @Test
    void readIdxRejectsMalformedFiles() throws IOException {
        Files.write(dir.resolve("short-idx"), java.util.Arrays.copyOf(idx(0x08, new int[]{4, 4}, new byte[16]), 12));
        gzip(dir.resolve("zipped-idx"), idx(0x08, new int[]{1}, new byte[1]));
        Files.write(dir.resolve("code-idx"), idx(0x42, new int[]{1}, new byte[1]));
        assertTrue(run("read_idx(" + q(dir.resolve("short-idx")) + ")").contains("is truncated: its header announces 16 bytes of data (shape [4, 4]), the file holds 0"));
        assertTrue(run("read_idx(" + q(dir.resolve("zipped-idx")) + ")").contains("is not an IDX file (it does not start with two zero bytes); it looks gzip-compressed: name it .gz"));
        assertTrue(run("read_idx(" + q(dir.resolve("code-idx")) + ")").contains("unknown type code 0x42"));
    }

    // ---- datasets ----

    @Test
    void digitsAreBundled() {
        String out = run(String.join("\n",
                        "import datasets",
                        "let d = datasets.digits()",
                        "print(shape(d.x), d.x.dtype, shape(d.y), d.y.dtype)",
                        "print(tolist(d.x[0][0:8]), tolist(d.y[0:12]))",
                        "print(item(sum(d.y)), item(max(d.x)), item(min(d.x)))"));
        // The first row of sklearn's digits, labels 0..9 repeating at the start, and the sum of the labels.
        assertEquals("[1797, 64] f64 [1797] i64\n[0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0] [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]\n8070.0 16.0 0.0\n", out);
    }

    @Test
    void fashionMnistNamesTheDebianPackageWhenMissing() throws IOException {
        String out = run("import datasets\ndatasets.fashion_mnist_dir = " + q(dir) + "\nlet d = datasets.fashion_mnist(\"test\")");
        assertTrue(out.contains("error: Fashion-MNIST is not installed: " + dir + "/t10k-images-idx3-ubyte.gz is missing. Install it with `apt install dataset-fashion-mnist`"), out);
        assertTrue(out.contains("at <module> (io_test.dl:3:9)"), out);
        assertTrue(run("import datasets\ndatasets.fashion_mnist(\"dev\")").contains("split must be \"train\" or \"test\", got dev"));
    }

    @Test
    void fashionMnistFromDebiansPackage() {
        Path installed = Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
        if (!Files.exists(installed)) {
            System.out.println("IoTest.fashionMnistFromDebiansPackage skipped: " + installed + " is absent (apt install dataset-fashion-mnist)");
            Assumptions.assumeTrue(false, installed + " is absent (apt install dataset-fashion-mnist)");
        }
        String out = run("import datasets\nlet d = datasets.fashion_mnist(\"test\")\nprint(shape(d.x), d.x.dtype, shape(d.y), d.y.dtype, item(max(d.x)), item(max(d.y)))");
        // Reductions compute in a floating type, so the largest label reads 9.0.
        assertEquals("[10000, 28, 28] f32 [10000] i64 255.0 9.0\n", out);
    }

    // ---- safetensors ----

    @Test
    void safetensorsRoundTripsNestedStructures() throws IOException {
        Path file = dir.resolve("model.safetensors");
        String out = run(String.join("\n",
                        "import io",
                        "let params = {w: tensor([[1.5, -2.0], [3.0, 4.0]], \"f32\"), layers: [{b: tensor([1.0, 2.0, 3.0])}, {b: arange(4) > 1}],",
                        "    steps: astype(tensor([7, 8]), \"i64\"), lr: 0.25, epoch: 3, flag: true, empty: zeros([0, 2])}",
                        "io.save(params, " + q(file) + ", {epoch: 3, note: \"hi\"})",
                        "let back = io.load(" + q(file) + ")",
                        "print(fields(back))",
                        "print(back.w.dtype, tolist(back.w), len(back.layers), tolist(back.layers[0].b), tolist(back.layers[1].b))",
                        "print(back.steps.dtype, tolist(back.steps), item(back.lr), item(back.epoch), item(back.flag), shape(back.empty))",
                        "let names = []",
                        "for (name, t) in io.load_flat(" + q(file) + ") { append(names, name) }",
                        "print(names)",
                        "print(io.metadata(" + q(file) + "))"));
        assertEquals(String.join("\n",
                        "[\"w\", \"layers\", \"steps\", \"lr\", \"epoch\", \"flag\", \"empty\"]",
                        "f32 [[1.5, -2.0], [3.0, 4.0]] 2 [1.0, 2.0, 3.0] [false, false, true, true]",
                        "i64 [7, 8] 0.25 3 true [0, 2]",
                        "[\"w\", \"layers.0.b\", \"layers.1.b\", \"steps\", \"lr\", \"epoch\", \"flag\", \"empty\"]",
                        "{epoch: \"3\", note: \"hi\"}", ""), out);
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "the data starts 8-byte aligned");
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"layers.0.b\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":["), header);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("model.safetensors"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file is left");
        }
    }

    @Test
    void safetensorsWrittenByPyTorchLoad() throws IOException {
        String out = run(String.join("\n",
                        "import io",
                        "for (name, t) in io.load_flat(" + res("torch_state.safetensors") + ") {",
                        "    print(name, shape(t), t.dtype, tolist(reshape(astype(t, \"f64\"), [-1]))) }",
                        "let nested = io.load(" + res("torch_state.safetensors") + ")",
                        "print(fields(nested), fields(nested.model[0]), nested.model[1], shape(nested.model[2].weight))",
                        "print(io.metadata(" + res("torch_state.safetensors") + "))"));
        List<String> expected = Files.readAllLines(RESOURCES.resolve("torch_state.expected"));
        String[] lines = out.split("\n");
        assertEquals(expected.size() + 2, lines.length, out);
        for (int i = 0; i < expected.size(); i++) {
            String[] want = expected.get(i).split(" ", 2);
            Matcher m = Pattern.compile("(\\S+) (\\[[^\\]]*\\]) (\\w+) \\[(.*)\\]").matcher(lines[i]);
            assertTrue(m.matches(), lines[i]);
            assertEquals(want[0], m.group(1));
            String wantShape = want[1].substring(0, want[1].indexOf(']') + 1);
            assertEquals(wantShape, m.group(2), lines[i]);
            double[] wantValues = java.util.Arrays.stream(want[1].substring(want[1].indexOf(']') + 1).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
            double[] got = java.util.Arrays.stream(m.group(4).split(", ")).mapToDouble(Double::parseDouble).toArray();
            assertEquals(wantValues.length, got.length, lines[i]);
            for (int k = 0; k < got.length; k++) {
                assertEquals(wantValues[k], got[k], 0.0, lines[i]);
            }
        }
        assertTrue(out.contains("model.0.weight [4, 3] f32"), out);
        assertTrue(out.contains("steps [3] i64") && out.contains("mask [3] bool") && out.contains("half [2] f32") && out.contains("u8 [2] i64"), out);
        assertTrue(out.contains("[\"model\", \"scale\", \"steps\", \"mask\", \"half\", \"i32\", \"u8\"] [\"weight\", \"bias\"] none [2, 4]"), out);
        assertTrue(out.endsWith("{format: \"pt\", source: \"make_golden.py\"}\n"), out);
    }

    @Test
    void safetensorsWrittenByDeltaAreReadByPython() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            System.out.println("IoTest.safetensorsWrittenByDeltaAreReadByPython skipped: no " + python);
            Assumptions.assumeTrue(false, "no " + python);
        }
        Path file = dir.resolve("delta.safetensors");
        assertEquals("", run("import io\nio.save({w: tensor([[1.5, 2.0]], \"f32\"), b: [tensor([-1.0]), astype(tensor([5]), \"i64\")], m: tensor([true, false])}, "
                        + q(file) + ", {by: \"delta\"})"));
        Process process = new ProcessBuilder(python.toString(), RESOURCES.resolve("read_safetensors.py").toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.startsWith(String.join("\n",
                        "w F32 [1, 2] 1.5 2.0",
                        "b.0 F64 [1] -1.0",
                        "b.1 I64 [1] 5.0",
                        "m BOOL [2] 1.0 0.0",
                        "metadata {\"by\": \"delta\"}", "")), out);
        if (out.contains("no torch")) {
            System.out.println("IoTest.safetensorsWrittenByDeltaAreReadByPython: read without torch (python3-torch absent); struct and json only");
        }
    }

    @Test
    void safetensorsErrors() throws IOException {
        Files.write(dir.resolve("short.safetensors"), new byte[]{1, 2, 3});
        byte[] huge = ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        Files.write(dir.resolve("huge.safetensors"), huge);
        byte[] json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer outside = ByteBuffer.allocate(8 + json.length + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json);
        Files.write(dir.resolve("outside.safetensors"), outside.array());
        byte[] broken = "{\"a\":".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("json.safetensors"), ByteBuffer.allocate(8 + broken.length).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(broken.length).put(broken).array());
        String missing = run("import io\nlet p = io.load(" + q(dir.resolve("none.safetensors")) + ")");
        assertTrue(missing.contains("io_test.dl:2:9: error: load_safetensors(): cannot read \"" + dir.resolve("none.safetensors") + "\": no such file"), missing);
        assertTrue(run("import io\nio.load(" + q(dir.resolve("short.safetensors")) + ")").contains("is not a safetensors file: it is shorter than its 8-byte header length"));
        assertTrue(run("import io\nio.load(" + q(dir.resolve("huge.safetensors")) + ")").contains("its header length (1000) does not fit the file's 16 bytes"));
        assertTrue(run("import io\nio.load(" + q(dir.resolve("outside.safetensors")) + ")").contains("the data of \"a\" (bytes 0 to 16) lies outside the file's 8 bytes of data"));
        assertTrue(run("import io\nio.load(" + q(dir.resolve("json.safetensors")) + ")").contains("its JSON header is malformed"));
        String badValue = run("import io\nio.save({w: tensor([1.0]), name: \"x\"}, " + q(dir.resolve("x.safetensors")) + ")");
        assertTrue(badValue.contains("save_safetensors(): cannot save a str (at \"name\"): the values must be tensors, numbers or bools"), badValue);
        assertFalse(Files.exists(dir.resolve("x.safetensors")), "nothing is written after an error");
        String noFolder = run("import io\nio.save({w: tensor([1.0])}, " + q(dir.resolve("no/such/dir/m.safetensors")) + ")");
        assertTrue(noFolder.contains("cannot write \"" + dir.resolve("no/such/dir/m.safetensors") + "\": no such folder"), noFolder);
    }

    // ---- the sandbox ----

    @Test
    void aSandboxWithoutIoRefusesFilesButServesTheBundledDigits() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "1,2\n");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("dl").sandbox(SandboxPolicy.CONSTRAINED).out(output).err(output).build()) {
            for (String call : List.of("read_csv(" + q(dir.resolve("a.csv")) + ")", "read_npy(\"x.npy\")", "read_idx(\"x\")", "file_exists(\"x\")",
                            "save_safetensors({w: 1.0}, \"m.safetensors\")", "load_safetensors(\"m.safetensors\")", "plot_svg([1, 2], \"p.svg\")")) {
                try {
                    context.eval(Source.newBuilder("dl", "let r = " + call, "sandboxed.dl").buildLiteral());
                    throw new AssertionError(call + " was allowed");
                } catch (PolyglotException e) {
                    assertTrue(e.isGuestException() && !e.isInternalError(), e.toString());
                    assertTrue(e.getMessage().contains("file access is not allowed in this context"), call + ": " + e.getMessage());
                    String report = delta.launcher.ErrorReport.format(e);
                    assertTrue(report.startsWith("sandboxed.dl:1:9: error: "), report);
                }
            }
            assertEquals(1797, context.eval("dl", "import datasets\nshape(datasets.digits().x)[0]").asInt());
        }
    }

    // ---- progress ----

    @Test
    void progressWritesPlainLinesWhenStderrIsNotATerminal() {
        String out = run(String.join("\n",
                        "import progress",
                        "let b = progress.bar(4, \"epoch\")",
                        "b.tty = false",
                        "for i in range(4) { progress.update(b, 1, {loss: 1.0 / (i + 3)}); if i % 2 == 1 { progress.log(b) } }",
                        "progress.close(b)",
                        "let c = progress.bar(none, \"steps\")",
                        "c.tty = false",
                        "progress.update(c, 5)",
                        "progress.close(c, {acc: 0.5, note: \"ok\"})",
                        "print(b.n, c.n)"));
        String[] lines = out.split("\n");
        assertEquals(4, lines.length, out);
        assertTrue(lines[0].matches("epoch 2/4 \\[00:00<00:00, [0-9.]+it/s, loss=0\\.25\\]"), lines[0]);
        assertTrue(lines[1].matches("epoch 4/4 \\[00:0\\d<00:00, [0-9.]+it/s, loss=0\\.1667\\]"), lines[1]);
        assertTrue(lines[2].matches("steps 5 \\[00:0\\d, [0-9.]+it/s, acc=0\\.5, note=ok\\]"), lines[2]);
        assertEquals("4 5", lines[3]);
    }

    @Test
    void progressRedrawsOneLineOnATerminalAtMostTenTimesASecond() {
        String out = run(String.join("\n",
                        "import progress",
                        "let b = progress.bar(1000, \"train\")",
                        "b.tty = true",
                        "for i in range(1000) { progress.update(b, 1, {loss: 0.5}) }",
                        "progress.close(b)"));
        int redraws = out.split("\r", -1).length - 1;
        assertTrue(redraws >= 2 && redraws < 40, redraws + " redraws: " + out);
        assertTrue(out.endsWith("\n") && out.indexOf('\n') == out.length() - 1, "one line, ended by the close: " + out);
        String last = out.substring(out.lastIndexOf('\r') + 1);
        assertTrue(last.matches("train 100%\\|█{20}\\| 1000/1000 \\[00:0\\d<00:00, [0-9.]+it/s, loss=0\\.5\\]\u001b\\[K\n"), last);
        String half = DeltaRunner.run(Source.create("dl", "let b = progress_bar(10)\nb.tty = true\nprogress_update(b, 5)"));
        assertTrue(half.matches("\r 50%\\|██████████ {10}\\| 5/10 \\[00:00<00:0\\d, [0-9.]+it/s\\]\u001b\\[K"), half);
    }

    @Test
    void stderrIsTtyHonoursTheLaunchersProperty() {
        String saved = System.getProperty("delta.stderr.tty");
        try {
            System.setProperty("delta.stderr.tty", "true");
            assertEquals("true\n", run("print(stderr_is_tty(), progress_bar(3).tty)").replace("true true", "true"));
            System.setProperty("delta.stderr.tty", "false");
            assertEquals("false false\n", run("print(stderr_is_tty(), progress_bar(3).tty)"));
        } finally {
            if (saved == null) {
                System.clearProperty("delta.stderr.tty");
            } else {
                System.setProperty("delta.stderr.tty", saved);
            }
        }
        assertTrue(run("progress_update(3)").contains("progress_update() expects a progress bar (made by progress_bar) as argument 1, got int 3"));
    }

    // ---- plot ----

    @Test
    void plotSvgWritesAWellFormedChartWithALegend() throws Exception {
        Path file = dir.resolve("loss.svg");
        assertEquals("", run("import plot\nplot.svg({train: [3.0, 2.0, 1.5, 1.2, 1.0], test: tensor([3.2, 2.5, 2.0, 1.9, 1.95])}, " + q(file)
                        + ", {title: \"Loss <by epoch>\", xlabel: \"epoch\", ylabel: \"loss\"})"));
        String svg = Files.readString(file);
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(2, doc.getElementsByTagName("path").getLength(), "one line per series");
        assertTrue(svg.contains(">Loss &lt;by epoch&gt;</text>") && svg.contains(">train</text>") && svg.contains(">test</text>") && svg.contains(">epoch</text>"), svg);
        assertTrue(svg.contains(">1.5</text>") && svg.contains(">3</text>"), "y ticks at round numbers: " + svg);
        Path single = dir.resolve("one.svg");
        assertEquals("", run("plot_svg([1, 10, 100, 1000], " + q(single) + ", {log_y: true})"));
        String log = Files.readString(single);
        assertTrue(log.contains(">1000</text>") && log.contains(">10</text>") && !log.contains("<text x=\"16\""), log);
        String bad = run("import plot\n\nplot.svg({a: [1, \"x\"]}, " + q(dir.resolve("bad.svg")) + ")");
        assertTrue(bad.contains("io_test.dl:3:1: error: plot_svg(): the series 'a' should be a list or 1-D tensor of numbers, got a list holding str \"x\""), bad);
        assertFalse(Files.exists(dir.resolve("bad.svg")));
    }

    @Test
    void sparklines() {
        assertEquals("▁▂▃▄▅▆▇█ ▁\n▄▄▄\n\n", run("import plot\nprint(plot.sparkline([1, 2, 3, 4, 5, 6, 7, 8, float(\"nan\"), 1]))\nprint(sparkline(tensor([2.0, 2.0, 2.0])))\nprint(sparkline([]))"));
    }
}
