package delta.tensor;

/**
 * A running count of the scalar operations tensor kernels have done on this machine's CPU: the
 * elements of every storage made, plus the multiply-adds of matrix products. The language reads it
 * around the interpreted calls of a function to learn whether kernels dominate its time, in which
 * case compiling the function would save next to nothing (see delta.language.nodes.KernelDominance).
 * An estimate: updates from several threads may race, which only loses counts.
 */
public final class KernelWork {
    private static long total;

    private KernelWork() {
    }

    public static long total() {
        return total;
    }

    public static void add(long operations) {
        total += operations;
    }
}
