package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dl compiles a Delta function once it has been called 100,000 times, not at Truffle's default
 * thresholds (launcher/.../CompilationThresholds), and a user's own threshold wins.
 */
class LauncherCompilationThresholdsTest {
    /** tiny is called 20,000 times (past Truffle's defaults, 400 and 10,000), busy 150,000 times. */
    private static final String PROGRAM = """
                    fn tiny(x) = x + 1
                    fn busy(x) = x + 2
                    let a = 0
                    for i in range(20000) { a = tiny(a) }
                    let b = 0
                    for i in range(150000) { b = busy(b) }
                    print(a, b)
                    """;

    @TempDir Path dir;

    /** Runs the program with compilations in the foreground (so none is still queued at exit) and returns the log. */
    private String compilationLog(String... options) throws Exception {
        return compilationLog(Map.of(), options);
    }

    private String compilationLog(Map<String, String> environment, String... options) throws Exception {
        Files.writeString(dir.resolve("calls.dl"), PROGRAM);
        Path log = dir.resolve("engine.log");
        String[] args = new String[options.length + 5];
        args[0] = "--experimental-options";
        args[1] = "--engine.BackgroundCompilation=false";
        args[2] = "--engine.TraceCompilation";
        args[3] = "--log.file=" + log;
        System.arraycopy(options, 0, args, 4, options.length);
        args[args.length - 1] = "calls.dl";
        LauncherProcess.Result r = LauncherProcess.run(dir, null, environment, args);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("20000 300000\n", r.out(), r.toString());
        return Files.readString(log);
    }

    private static boolean compiled(String log, String function) {
        return Pattern.compile("opt done .* " + function + " ").matcher(log).find();
    }

    @Test
    void aFunctionCompilesAfter100000CallsNotBefore() throws Exception {
        String log = compilationLog();
        assertTrue(compiled(log, "busy"), "busy (150,000 calls) was not compiled:\n" + log);
        assertFalse(compiled(log, "tiny"), "tiny (20,000 calls) was compiled:\n" + log);
    }

    @Test
    void theUsersThresholdWins() throws Exception {
        String log = compilationLog("--engine.SingleTierCompilationThreshold=1000");
        assertTrue(compiled(log, "tiny"), "tiny (20,000 calls) was not compiled at the user's threshold of 1,000:\n" + log);
    }

    @Test
    void aThresholdGivenAsASystemPropertyWinsToo() throws Exception {
        String log = compilationLog(Map.of("DELTA_JAVA_OPTS", "-Dpolyglot.engine.SingleTierCompilationThreshold=1000"));
        assertTrue(compiled(log, "tiny"), "tiny (20,000 calls) was not compiled at the threshold of 1,000 from DELTA_JAVA_OPTS:\n" + log);
    }
}
