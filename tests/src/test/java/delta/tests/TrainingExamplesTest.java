package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training examples that GoldenTest cannot check by itself: the Fashion-MNIST example (its
 * output depends on whether Debian's dataset-fashion-mnist is installed, and it writes a chart) and
 * the embedding examples under examples/embedding/ (a Java program and a JavaScript file calling
 * Delta, run as their README-level run script runs them). The digits examples are ordinary
 * examples and run in GoldenTest.
 */
class TrainingExamplesTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

    @TempDir
    Path dir;

    /** The quick variant (no --full): on 6000 images, with the progress lines' timings blanked out. */
    @Test
    void fashionMnistQuickRun() throws IOException {
        Path example = DeltaRunner.root().resolve("examples/fashion/fashion_mnist.dl");
        String out = runIn(dir, example);
        if (!Files.exists(FASHION)) {
            assertEquals("skipped: Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist (apt install dataset-fashion-mnist)\n", out);
            System.out.println("TrainingExamplesTest.fashionMnistQuickRun skipped: " + FASHION + " is absent (apt install dataset-fashion-mnist)");
            Assumptions.assumeTrue(false, FASHION + " is absent (apt install dataset-fashion-mnist)");
        }
        String actual = out.replaceAll("\\[\\d\\d:\\d\\d<\\d\\d:\\d\\d, [0-9.]+(it/s|s/it)", "[time");
        Path expected = DeltaRunner.root().resolve("tests/src/test/resources/examples/fashion/fashion_mnist.out");
        if (DeltaRunner.updating()) {
            Files.createDirectories(expected.getParent());
            DeltaRunner.writeExpected(expected, actual);
        } else {
            assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
        }
        String svg = Files.readString(dir.resolve("fashion_mnist_loss.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, Math.min(100, svg.length())));
        assertTrue(svg.contains("Fashion-MNIST MLP"), "the chart's title");
    }

    @Test
    void javaCallsDelta() throws Exception {
        assertEquals(expected("java.out"), runScript("java"));
    }

    @Test
    void javaScriptCallsDelta() throws Exception {
        assertEquals(expected("js.out"), runScript("js"));
    }

    /** Runs a Delta file as DeltaRunner does, but with the working directory dir (where it writes files). */
    private static String runIn(Path workDir, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("dl").out(out).err(out).allowIO(IOAccess.ALL)
                        .currentWorkingDirectory(workDir).option("engine.WarnInterpreterOnly", "false").build()) {
            context.eval(Source.newBuilder("dl", file.toFile()).build());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String expected(String name) throws IOException {
        return Files.readString(DeltaRunner.root().resolve("tests/src/test/resources/examples/embedding/" + name), StandardCharsets.UTF_8);
    }

    /** examples/embedding/run with the JDK running the tests; stdout, checked to exit 0. */
    private String runScript(String which) throws IOException, InterruptedException {
        Path script = DeltaRunner.root().resolve("examples/embedding/run");
        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString(), which)).directory(dir.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = dir.resolve(which + ".out");
        Path err = dir.resolve(which + ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("examples/embedding/run " + which + " did not finish in 120 s; stderr:\n" + Files.readString(err));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "exit status; stdout:\n" + stdout + "stderr:\n" + Files.readString(err));
        return stdout;
    }
}
