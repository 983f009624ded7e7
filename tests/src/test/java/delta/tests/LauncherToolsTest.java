package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine and tool options pass through the dl command to GraalVM, as in GraalVM's own launchers. */
class LauncherToolsTest {
    /** A function hot enough for the sampler (10 ms period) and the compiler to see. */
    private static final String HOT = """
                    fn busy(n) {
                        let total = 0
                        for i in range(n) {
                            total = total + i % 7
                        }
                        total
                    }
                    let sum = 0
                    for k in range(300) {
                        sum = sum + busy(20000)
                    }
                    print(sum)
                    """;

    @TempDir Path dir;

    @Test
    void cpusamplerAttributesTimeToDeltaFunctionsByName() throws Exception {
        Files.writeString(dir.resolve("hot.dl"), HOT);
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "--cpusampler", "hot.dl");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("17999100\n"), "the script's own output comes first: " + r);
        // A histogram row names the Delta function and its source lines: "busy || ... || hot.dl~1-7:...".
        assertTrue(Pattern.compile("(?m)^ busy +\\|\\|.*\\|\\| hot\\.dl~1-7:").matcher(r.out()).find(), "no row for busy:\n" + r);
    }

    @Test
    void engineOptionsAndLogFileReachTheEngine() throws Exception {
        Files.writeString(dir.resolve("hot.dl"), HOT);
        Path log = dir.resolve("engine.log");
        // Compiling at once and in the foreground, so the short run is sure to compile busy before it ends.
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "--experimental-options", "--engine.CompileImmediately",
                        "--engine.BackgroundCompilation=false", "--engine.TraceCompilation", "--log.file=" + log, "hot.dl");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("17999100\n", r.out(), "the log goes to the file, not to the output: " + r);
        String trace = Files.readString(log);
        // The compilation log names the hot Delta function: proof the options and the log file took effect.
        assertTrue(Pattern.compile("opt done .* busy ").matcher(trace).find(), "no compilation of busy in the log:\n" + trace);
    }

    @Test
    void experimentalOptionWithoutTheFlagIsUsageError() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "--engine.CompileImmediately", "-e", "print(1)");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--experimental-options"), "the message says how to enable it: " + r);
        assertEquals("", r.out(), "nothing ran: " + r);
    }
}
