package delta.launcher;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lowers the OS priority of Truffle's compiler threads, so that a program's own threads (the
 * interpreter, the tensor kernels' workers) come first and the compiler gets the cycles they
 * leave. Graal runs as Java code here (jargraal), so a compilation takes a core for hundreds of
 * milliseconds; a scalar loop that needs its compilation still gets it from the idle core, while
 * tensor code, which gains nothing from compilation, no longer waits for it. Measured on 2 cores
 * (median of 5-6 runs each): W2's training step (median of steps 10-60) 9.3 ms -> 6.2 ms at
 * niceness 10 (6.4 at 15, 7.9 at 5); the price is a later on-stack compilation of a one-shot
 * top-level scalar loop while the JVM's own compilers are busy (W0 top-level script 1.55-1.7 s ->
 * 1.75-2.0 s); compiled code's speed is unchanged (docs/design.md, "What is compiled on its own").
 *
 * <p>Linux only (a thread is a task there, and any process may raise its own tasks' niceness); a
 * daemon thread looks for new compiler threads, every 100 ms for the first 5 s and then once a
 * second, as Truffle starts them on demand.
 * Anywhere else, or when anything fails, it does nothing.
 */
final class CompilerThreadPriority {
    /**
     * The niceness given to compiler threads (0 is the default, 19 the lowest priority); the system
     * property {@code delta.compiler.niceness} changes it, and 0 leaves the threads alone.
     */
    private static final int NICENESS = Integer.getInteger("delta.compiler.niceness", 10);
    private static final int PRIO_PROCESS = 0;
    /** Truffle's compiler threads; Linux shows the first 15 characters of a thread's name. */
    private static final String COMPILER_THREAD = "TruffleCompiler";

    private CompilerThreadPriority() {
    }

    static void lowerInBackground() {
        Path tasks = Path.of("/proc/self/task");
        if (NICENESS == 0 || !Files.isDirectory(tasks)) {
            return;
        }
        // Binding setpriority (FFM classes, a generated downcall stub) happens on the watcher thread,
        // off the start-up path.
        Thread watcher = new Thread(() -> {
            MethodHandle setpriority;
            try {
                Linker linker = Linker.nativeLinker();
                setpriority = linker.downcallHandle(linker.defaultLookup().find("setpriority").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            } catch (RuntimeException e) {
                return;
            }
            watch(tasks, setpriority);
        }, "delta-compiler-priority");
        watcher.setDaemon(true);
        watcher.setPriority(Thread.MIN_PRIORITY);
        watcher.start();
    }

    private static void watch(Path tasks, MethodHandle setpriority) {
        Set<String> lowered = new HashSet<>();
        int rounds = 0;
        try {
            while (true) {
                try (Stream<Path> all = Files.list(tasks)) {
                    for (Path task : (Iterable<Path>) all::iterator) {
                        String tid = task.getFileName().toString();
                        if (!lowered.contains(tid) && Files.readString(task.resolve("comm")).startsWith(COMPILER_THREAD)) {
                            int result = (int) setpriority.invokeExact(PRIO_PROCESS, Integer.parseInt(tid), NICENESS);
                            lowered.add(tid);
                            if (result != 0) {
                                return; // not permitted here: leave things as they are
                            }
                        }
                    }
                } catch (IOException e) {
                    // A thread ended while we looked: try again next time.
                }
                // Often at first, while the engine starts its compiler thread; then once a second.
                Thread.sleep(++rounds < 50 ? 100 : 1000);
            }
        } catch (Throwable e) {
            // Interrupted, or the native call failed: priorities are only an optimisation.
        }
    }
}
