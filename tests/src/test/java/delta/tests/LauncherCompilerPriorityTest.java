package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dl runs Truffle's compiler threads at a lower OS priority (niceness 10) than the program's own
 * threads, which keep the default (docs/design.md, "The compiler thread runs at a lower OS
 * priority"); -Ddelta.compiler.niceness=0 leaves them alone. Read from /proc while a script that
 * keeps the compiler busy runs.
 */
class LauncherCompilerPriorityTest {
    private static final String HOT_SCRIPT = """
            fn f(n) {
                let s = 0.0
                for i in range(n) { s = s + i * 0.5 }
                s
            }
            let t0 = clock()
            while clock() - t0 < 6.0 { f(1000) }
            """;

    @Test
    void compilerThreadsRunAtLowerPriority(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc here: dl leaves thread priorities alone");
        List<String> seen = nicenessWhileRunning(dir, null);
        assertTrue(seen.contains("TruffleCompiler 10"), "expected Truffle's compiler thread at niceness 10, saw " + seen);
        assertTrue(seen.contains("java 0"), "expected the program's main thread (named java) at niceness 0, saw " + seen);
    }

    @Test
    void aPropertyTurnsItOff(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc here: dl leaves thread priorities alone");
        List<String> seen = nicenessWhileRunning(dir, "-Ddelta.compiler.niceness=0");
        assertTrue(seen.contains("TruffleCompiler 0"), "expected Truffle's compiler thread left at niceness 0, saw " + seen);
    }

    /** "name niceness" for each thread of dl's JVM, taken once its Truffle compiler thread has existed for 2 s. */
    private static List<String> nicenessWhileRunning(Path dir, String javaOption) throws IOException, InterruptedException {
        Path script = Files.writeString(dir.resolve("hot.dl"), HOT_SCRIPT);
        ProcessBuilder builder = new ProcessBuilder(LauncherProcess.script().toString(), script.toString()).directory(dir.toFile());
        LauncherProcess.environment(builder.environment(), dir);
        if (javaOption != null) {
            builder.environment().put("DELTA_JAVA_OPTS", javaOption);
        }
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        Process dl = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long compilerSeenAt = 0;
            while (System.nanoTime() < deadline && dl.isAlive()) {
                List<String> threads = threads(dl);
                if (threads.stream().anyMatch(t -> t.startsWith("TruffleCompiler"))) {
                    if (compilerSeenAt == 0) {
                        compilerSeenAt = System.nanoTime();
                    } else if (System.nanoTime() - compilerSeenAt > TimeUnit.SECONDS.toNanos(2)) {
                        return threads;
                    }
                }
                Thread.sleep(100);
            }
            return List.of("no Truffle compiler thread appeared; output: " + Files.readString(dir.resolve("out.txt")));
        } finally {
            dl.destroy();
            assertEquals(true, dl.waitFor(20, TimeUnit.SECONDS), "dl did not stop");
        }
    }

    private static List<String> threads(Process dl) {
        List<String> out = new ArrayList<>();
        dl.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).forEach(java -> {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(java.pid()), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    // After "(name) ", field 17 of the rest is the niceness (proc(5): field 19 overall).
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.add(name + " " + fields[16]);
                }
            } catch (IOException e) {
                // The JVM ended meanwhile.
            }
        });
        return out;
    }
}
