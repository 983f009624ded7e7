package delta.tensor.cpu;

/**
 * The row buffers of {@link Operand}s, one set per thread and reused from one operation to the
 * next. An operand that is broadcast (a number in {@code 2.0 * t}), strided or of another dtype is
 * copied row by row into such a buffer; allocating a fresh 2048-element buffer for each operation
 * cost more than the whole operation on small tensors (a 16 KB array zeroed for {@code t * 2.0}
 * at 100 elements). A kernel uses at most three operands at once, and a thread runs one kernel's
 * rows at a time, so three buffers per dtype and thread serve every case.
 */
final class RowBuffers {
    static final int SLOTS = 3;

    private static final ThreadLocal<RowBuffers> LOCAL = ThreadLocal.withInitial(RowBuffers::new);

    private final float[][] f32 = new float[SLOTS][];
    private final double[][] f64 = new double[SLOTS][];

    private RowBuffers() {
    }

    static float[] f32(int slot) {
        RowBuffers b = LOCAL.get();
        if (b.f32[slot] == null) {
            b.f32[slot] = new float[Rows.BUFFER];
        }
        return b.f32[slot];
    }

    static double[] f64(int slot) {
        RowBuffers b = LOCAL.get();
        if (b.f64[slot] == null) {
            b.f64[slot] = new double[Rows.BUFFER];
        }
        return b.f64[slot];
    }
}
