package delta.tensor.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs independent chunks of a kernel on all cores. The calling thread works too, and chunks
 * are handed out one at a time from a counter, so a helper thread that starts late (or never,
 * because its core is busy) costs nothing: the caller simply does more chunks. Calls from
 * inside a chunk run sequentially, so nesting cannot deadlock.
 *
 * <p>Helpers are daemon threads that, after a job, spin for {@link #SPIN_NANOS} waiting for the
 * next one before they park: a training step runs a parallel kernel every few tens of
 * microseconds, and waking a parked thread (a futex wake-up, on a virtual machine) costs about as
 * much. Measured against a pool that parked its threads at once: W2's step after 1000 steps
 * 1.5-2.2 ms (median 1.8) against 2.0-2.2 ms (median 2.1); matrix products and element-wise
 * operations at 10^6 unchanged or a few percent faster. A program that runs no parallel kernel
 * never starts the helpers, and an idle helper costs nothing once parked. The spin yields the core
 * between looks, so that the compiler threads, which need it most in the first seconds, get it.
 *
 * <p>The thread count is the number of processors, or the system property
 * {@code delta.tensor.threads}.
 */
public final class Parallel {
    /** Below about this many scalar operations a kernel stays on the calling thread: handing work to another thread costs microseconds. */
    public static final long MIN_PARALLEL_WORK = 1 << 16;

    /** How long an idle helper looks for the next job before it parks (system property {@code delta.tensor.spin}, in ns). */
    static final long SPIN_NANOS = Long.getLong("delta.tensor.spin", 100_000L);

    private static final int THREADS = Math.max(1,
            Integer.getInteger("delta.tensor.threads", Runtime.getRuntime().availableProcessors()));

    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private static final class Holder {
        static final Worker[] WORKERS = start();

        private static Worker[] start() {
            Worker[] workers = new Worker[THREADS - 1];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker();
                workers[i].start();
            }
            return workers;
        }
    }

    private Parallel() {
    }

    public static int threads() {
        return THREADS;
    }

    /** How many chunks to cut {@code work} scalar operations into: 1 when it is small, else a few per thread. */
    public static int chunks(long work, int maxChunks) {
        if (THREADS == 1 || work < MIN_PARALLEL_WORK || maxChunks <= 1) {
            return 1;
        }
        return (int) Math.min(maxChunks, Math.min(THREADS * 4L, work / (MIN_PARALLEL_WORK / 4)));
    }

    /** Runs {@code body.accept(i)} for every i in {@code [0, n)}, on all cores when n > 1. */
    public static void run(int n, IntConsumer body) {
        if (n <= 1 || THREADS == 1 || INSIDE.get()) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        Job job = new Job(n, body);
        Worker[] workers = Holder.WORKERS;
        for (int h = 0; h < Math.min(workers.length, n - 1); h++) {
            workers[h].offer(job);
        }
        job.work();
        job.awaitHelpers();
        job.rethrow();
    }

    /**
     * Splits {@code [0, n)} into {@code chunks} ranges and runs {@code body.accept(from, to)}
     * for each, in parallel.
     */
    public static void forRange(int n, int chunks, RangeBody body) {
        int c = Math.max(1, Math.min(chunks, n));
        run(c, i -> body.accept((int) ((long) n * i / c), (int) ((long) n * (i + 1) / c)));
    }

    @FunctionalInterface
    public interface RangeBody {
        void accept(int from, int to);
    }

    private static final class Job {
        final int n;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        /** Threads inside {@link #work}: the caller returns once none is and no chunk is left. */
        final AtomicInteger working = new AtomicInteger();
        volatile Throwable failure;

        Job(int n, IntConsumer body) {
            this.n = n;
            this.body = body;
        }

        void work() {
            working.incrementAndGet();
            boolean outer = INSIDE.get();
            INSIDE.set(true);
            try {
                int i;
                while (failure == null && (i = next.getAndIncrement()) < n) {
                    body.accept(i);
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                INSIDE.set(outer);
                working.decrementAndGet();
            }
        }

        /** Waits for helpers still running a chunk; one that arrives later finds no chunk left and leaves. */
        void awaitHelpers() {
            while (working.get() != 0) {
                Thread.onSpinWait();
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** A helper thread: runs the job last offered to it, spinning a while for the next before it parks. */
    private static final class Worker extends Thread {
        private final AtomicReference<Job> offered = new AtomicReference<>();
        private volatile boolean parked;

        Worker() {
            super("delta-tensor-worker");
            setDaemon(true);
        }

        /** Hands {@code job} to this helper; a job it has not taken yet is replaced (its caller does those chunks itself). */
        void offer(Job job) {
            offered.set(job);
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                next().work();
            }
        }

        private Job next() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Job job = offered.getAndSet(null);
                if (job != null) {
                    return job;
                }
                if (System.nanoTime() < spinUntil) {
                    // Yield, not Thread.onSpinWait: while the JIT is still compiling, its threads need
                    // this core, and a yielding helper lets them run (W2's median over steps 10-60:
                    // about 4.8 -> 3.9 ms, eight runs each), while on an idle core yield returns at once.
                    Thread.yield();
                    continue;
                }
                parked = true;
                // Checked again after announcing the park: an offer made in between unparks us.
                if (offered.get() == null) {
                    LockSupport.park(this);
                }
                parked = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
