package delta.tensor.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent chunks of a kernel on all cores. The calling thread works too, and chunks
 * are handed out one at a time from a counter, so a helper thread that starts late (or never,
 * because the pool is busy) costs nothing: the caller simply does more chunks. Calls from
 * inside a chunk run sequentially, so nesting cannot deadlock.
 *
 * <p>The thread count is the number of processors, or the system property
 * {@code delta.tensor.threads}.
 */
public final class Parallel {
    /** Below about this many scalar operations a kernel stays on the calling thread: handing work to another thread costs microseconds. */
    public static final long MIN_PARALLEL_WORK = 1 << 16;

    private static final int THREADS = Math.max(1,
            Integer.getInteger("delta.tensor.threads", Runtime.getRuntime().availableProcessors()));

    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private static final class Holder {
        static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
            Thread t = new Thread(r, "delta-tensor-worker");
            t.setDaemon(true);
            return t;
        });
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
        int helpers = Math.min(THREADS, n) - 1;
        Helper[] started = new Helper[helpers];
        for (int h = 0; h < helpers; h++) {
            started[h] = new Helper(job);
            Holder.POOL.execute(started[h]);
        }
        job.work();
        for (Helper h : started) {
            h.awaitOrCancel();
        }
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
        volatile Throwable failure;

        Job(int n, IntConsumer body) {
            this.n = n;
            this.body = body;
        }

        void work() {
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

    /** A helper's run: claimed either by the pool thread (which then works) or by the caller (which then skips it). */
    private static final class Helper implements Runnable {
        private static final int NEW = 0, RUNNING = 1, DONE = 2, CANCELLED = 3;
        private final Job job;
        private final AtomicInteger state = new AtomicInteger(NEW);

        Helper(Job job) {
            this.job = job;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(NEW, RUNNING)) {
                return;
            }
            try {
                job.work();
            } finally {
                synchronized (this) {
                    state.set(DONE);
                    notifyAll();
                }
            }
        }

        void awaitOrCancel() {
            if (state.compareAndSet(NEW, CANCELLED)) {
                return;
            }
            synchronized (this) {
                boolean interrupted = false;
                while (state.get() != DONE) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
