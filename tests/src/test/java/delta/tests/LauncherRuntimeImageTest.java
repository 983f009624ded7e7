package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dl runs Delta on a copy of the JDK without the JDK's own Graal module, with the Graal jar on the
 * plain module path and a start-up cache of the classes programs load, made on first use and again
 * after a build (bin/runtime-image.sh, docs/design.md "Start-up"). DELTA_RUNTIME=jdk runs on the
 * JDK itself. Truffle prints a warning on stderr when it finds no Graal compiler and falls back to
 * interpreting, so an empty stderr says the compiler was found.
 */
class LauncherRuntimeImageTest {
    private static final Path TARGET = DeltaRunner.root().resolve("launcher/target");
    private static final Path CACHE = TARGET.resolve("runtime/delta.aot");

    @Test
    void startsFromTheRuntimeImageAndItsCache(@TempDir Path dir) throws Exception {
        LauncherProcess.Result result = LauncherProcess.run(dir, null, Map.of("DELTA_JAVA_OPTS", "-Xlog:aot=info"),
                "-e", "print(6 * 7)");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("Opened AOT cache " + CACHE), result.toString());
        assertTrue(result.out().endsWith("42\n"), result.toString());
        assertEquals("", result.err(), result.toString());
        Process modules = new ProcessBuilder(TARGET.resolve("runtime/bin/java").toString(), "--list-modules")
                .redirectErrorStream(true).start();
        String listed = new String(modules.getInputStream().readAllBytes());
        assertTrue(modules.waitFor(60, TimeUnit.SECONDS));
        assertTrue(listed.contains("java.base@"), listed);
        assertFalse(listed.contains("jdk.graal.compiler@"), "the image must leave out the JDK's Graal module:\n" + listed);
    }

    @Test
    void theJdkItselfRunsTheSameProgram(@TempDir Path dir) throws Exception {
        LauncherProcess.Result result = LauncherProcess.run(dir, null,
                Map.of("DELTA_RUNTIME", "jdk", "DELTA_JAVA_OPTS", "-Xlog:aot=info"), "-e", "print(6 * 7)");
        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(result.out().contains("Opened AOT cache"), result.toString());
        assertEquals("42\n", result.out());
        assertEquals("", result.err(), result.toString());
    }

    @Test
    void aRebuiltLauncherGetsAFreshCache(@TempDir Path dir) throws Exception {
        LauncherProcess.run(dir, null, "-e", "print(1)");
        Path jar = TARGET.resolve("delta-launcher.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        LauncherProcess.Result result = LauncherProcess.run(dir, null, "-e", "print(2)");
        assertEquals("2\n", result.out(), result.toString());
        assertTrue(Files.getLastModifiedTime(CACHE).compareTo(Files.getLastModifiedTime(jar)) > 0,
                "the cache should have been made again after the jar changed");
    }
}
