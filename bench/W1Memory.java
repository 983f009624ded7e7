// The memory W1's derivative code keeps per loop step, measured through the polyglot API.
// bench/run compiles it against Delta's jars and runs it on the JVM that ./dl uses, with ./dl's
// flags (serial GC, Graal JIT):   java ... W1Memory bench/w1_memory.dl STEPS REPEATS
//
// w1_memory.dl evaluates to a function n -> the pullback of vjp(ode, 2.0, 0.5, n). For each repeat,
// after warm-up: full GC, heap used; call it with n = STEPS and hold the pullback; full GC, heap
// used. The difference is what the pullback keeps alive (its tape, its captured frame), and that
// divided by STEPS is the memory saved per loop step. Then the pullback runs (checking that it was
// a real one) and is dropped. The allocation counters of this thread give, beside it, how many
// bytes the forward sweep and the reverse sweep allocate per step in all (garbage included).
// Each repeat prints "w1_mem <steps> <retained bytes> <forward allocated> <reverse allocated> <d/dk> <d/dc>".
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

public class W1Memory {
    static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Heap in use after full collections (serial GC: System.gc() is a full, compacting one). */
    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[1]), repeats = Integer.parseInt(args[2]);
        // Compilations run on this thread, inside the calls (not in the background), so that none is
        // holding heap while the measurement's collections run; the code they make is the same.
        try (Context context = Context.newBuilder("dl").allowExperimentalOptions(true)
                .option("engine.BackgroundCompilation", "false").build()) {
            Value pullbackOf = context.eval(Source.newBuilder("dl", new File(args[0])).build());
            // Warm-up (at least 40 calls and 5 s), at the full size too, so that the compilations are
            // over before the first measurement.
            long warmup = System.nanoTime();
            for (int i = 0; i < 40 || System.nanoTime() - warmup < 5e9; i++) {
                pullbackOf.execute(20000).execute(1.0);
            }
            for (int i = 0; i < 3; i++) {
                pullbackOf.execute(steps).execute(1.0);
            }
            System.err.println("w1_mem: warm-up done");
            for (int r = 0; r < repeats; r++) {
                long before = usedAfterGc();
                long a0 = allocated();
                Value pullback = pullbackOf.execute(steps);
                long a1 = allocated();
                long after = usedAfterGc();
                long a2 = allocated();
                Value gradient = pullback.execute(1.0);
                long a3 = allocated();
                System.out.println("w1_mem " + steps + " " + (after - before) + " " + (a1 - a0) + " " + (a3 - a2) + " "
                        + gradient.getArrayElement(0).asDouble() + " " + gradient.getArrayElement(1).asDouble());
                pullback = null;
                gradient = null;
            }
        }
    }
}
