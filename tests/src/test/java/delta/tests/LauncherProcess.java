package delta.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repo-root {@code dl} script as a process, as a user would. DELTA_SKIP_BUILD stops the
 * script from rebuilding (Maven packaged the launcher before these tests), JAVA_HOME picks the JDK
 * running the tests, DELTA_HISTORY keeps the REPL's history out of the user's home.
 */
final class LauncherProcess {
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private LauncherProcess() {}

    static Path script() {
        Path dl = DeltaRunner.root().resolve("dl");
        assertTrue(Files.isRegularFile(DeltaRunner.root().resolve("launcher/target/delta-launcher.jar")),
                        "the launcher is not built: run ./mvnw package -pl launcher -am (or the whole verify) first");
        return dl;
    }

    /** The environment every run gets: no rebuild, this JDK, a history file in a temporary directory. */
    static void environment(Map<String, String> env, Path home) {
        env.put("DELTA_SKIP_BUILD", "1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("DELTA_HISTORY", home.resolve("delta_history").toString());
    }

    static Result run(Path workDir, String stdin, String... args) throws IOException, InterruptedException {
        return run(workDir, stdin, Map.of(), args);
    }

    /** As above, with {@code extraEnv} added to the environment (DELTA_JAVA_OPTS, DELTA_RUNTIME). */
    static Result run(Path workDir, String stdin, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(script().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        environment(builder.environment(), workDir);
        builder.environment().putAll(extraEnv);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Path in = Files.writeString(Files.createTempFile(workDir, "in", ".txt"), stdin == null ? "" : stdin, StandardCharsets.UTF_8);
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("dl " + String.join(" ", args) + " did not finish in 180 s; stderr so far:\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
