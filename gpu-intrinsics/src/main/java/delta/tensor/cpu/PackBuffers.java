package delta.tensor.cpu;

/**
 * Per-thread scratch arrays for the packed matrix kernels and conv2d's column matrices.
 * Allocating them per call cost more than the product itself below n = 256 (the JVM zeroes
 * fresh arrays, from memory that is not in cache); each thread keeps its own, grown on
 * demand. Contents are garbage on entry: users overwrite every element they read.
 */
final class PackBuffers {
    private static final ThreadLocal<PackBuffers> LOCAL = ThreadLocal.withInitial(PackBuffers::new);

    private double[] a64 = new double[0], b64 = new double[0], c64 = new double[0];
    private float[] a32 = new float[0], b32 = new float[0], c32 = new float[0];

    static PackBuffers get() {
        return LOCAL.get();
    }

    double[] a64(int n) {
        if (a64.length < n) {
            a64 = new double[n];
        }
        return a64;
    }

    double[] b64(int n) {
        if (b64.length < n) {
            b64 = new double[n];
        }
        return b64;
    }

    /** A third array, for callers of the kernels (conv2d's column matrix), never used by the kernels themselves. */
    double[] c64(int n) {
        if (c64.length < n) {
            c64 = new double[n];
        }
        return c64;
    }

    float[] c32(int n) {
        if (c32.length < n) {
            c32 = new float[n];
        }
        return c32;
    }

    float[] a32(int n) {
        if (a32.length < n) {
            a32 = new float[n];
        }
        return a32;
    }

    float[] b32(int n) {
        if (b32.length < n) {
            b32 = new float[n];
        }
        return b32;
    }
}
