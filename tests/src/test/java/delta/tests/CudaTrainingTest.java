package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.tensor.Backends;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A training example on the GPU follows the CPU's loss curve: the digits examples run once with
 * tensors on the CPU and once on the GPU (the context option dl.Device), and every loss they print
 * must agree to f32 tolerance and every accuracy to within two of the 359 held-out digits. Skipped,
 * with the reason printed, where there is no CUDA device.
 */
class CudaTrainingTest {
    private static final Pattern LOSS = Pattern.compile("loss (\\d+\\.\\d+)");
    private static final Pattern ACCURACY = Pattern.compile("accuracy (\\d+\\.\\d+) %");

    private static String run(String example, String device) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path file = DeltaRunner.root().resolve("examples/" + example);
        try (Context context = Context.newBuilder("dl").out(out).err(out).allowIO(IOAccess.ALL)
                        .option("engine.WarnInterpreterOnly", "false").option("dl.Device", device).build()) {
            context.eval(Source.newBuilder("dl", file.toFile()).build());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<Double> numbers(Pattern p, String text) {
        List<Double> all = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            all.add(Double.parseDouble(m.group(1)));
        }
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"digits_mlp.dl", "digits_cnn.dl"})
    void lossCurveMatchesTheCpu(String example) throws IOException {
        if (!Backends.cudaAvailable()) {
            System.out.println("CudaTrainingTest skipped: " + Backends.cudaUnavailableReason());
        }
        Assumptions.assumeTrue(Backends.cudaAvailable(), () -> "no CUDA device: " + Backends.cudaUnavailableReason());
        String cpu = run(example, "cpu"), gpu = run(example, "cuda");
        List<Double> cpuLoss = numbers(LOSS, cpu), gpuLoss = numbers(LOSS, gpu);
        assertTrue(cpuLoss.size() >= 2, "the example prints its losses:\n" + cpu);
        assertEquals(cpuLoss.size(), gpuLoss.size(), "cpu:\n" + cpu + "gpu:\n" + gpu);
        for (int i = 0; i < cpuLoss.size(); i++) {
            double c = cpuLoss.get(i), g = gpuLoss.get(i);
            assertTrue(Math.abs(c - g) <= 1e-3 * Math.max(1, Math.abs(c)), "loss " + i + ": cpu " + c + ", gpu " + g + "\ncpu:\n" + cpu + "gpu:\n" + gpu);
        }
        List<Double> cpuAcc = numbers(ACCURACY, cpu), gpuAcc = numbers(ACCURACY, gpu);
        assertEquals(cpuAcc.size(), gpuAcc.size());
        for (int i = 0; i < cpuAcc.size(); i++) {
            assertTrue(Math.abs(cpuAcc.get(i) - gpuAcc.get(i)) <= 200.0 / 359 + 1e-9, "accuracy " + i + ": cpu " + cpuAcc.get(i) + ", gpu " + gpuAcc.get(i));
        }
    }
}
