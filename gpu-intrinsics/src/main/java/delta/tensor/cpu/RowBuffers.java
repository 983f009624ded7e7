package delta.tensor.cpu;

/**
 * The row buffers of {@link Operand}s, one set per thread and reused from one operation to the
 * next. An operand that is broadcast (a number in {@code 2.0 * t}), strided or of another dtype is
 * copied row by row into such a buffer; allocating a fresh 2048-element buffer for each operation
 * cost more than the whole operation on small tensors (a 16 KB array zeroed for {@code t * 2.0}
 * at 100 elements). A thread runs one kernel's rows at a time: an element-wise kernel uses slots
 * 0 to 2, a fused expression ({@link FusedKernel}) one per operand and intermediate result.
 */
final class RowBuffers {
    private static final ThreadLocal<RowBuffers> LOCAL = ThreadLocal.withInitial(RowBuffers::new);

    private float[][] f32 = new float[3][];
    private double[][] f64 = new double[3][];

    private RowBuffers() {
    }

    static float[] f32(int slot) {
        RowBuffers b = LOCAL.get();
        if (slot >= b.f32.length) {
            b.f32 = java.util.Arrays.copyOf(b.f32, slot + 1);
        }
        if (b.f32[slot] == null) {
            b.f32[slot] = new float[Rows.BUFFER];
        }
        return b.f32[slot];
    }

    static double[] f64(int slot) {
        RowBuffers b = LOCAL.get();
        if (slot >= b.f64.length) {
            b.f64 = java.util.Arrays.copyOf(b.f64, slot + 1);
        }
        if (b.f64[slot] == null) {
            b.f64[slot] = new double[Rows.BUFFER];
        }
        return b.f64[slot];
    }
}
