package delta.tensor.cpu;

import delta.tensor.DType;

/**
 * One input of an element-wise kernel, seen row by row as a unit-stride array of the
 * computing type: the tensor's own array when it already is one (no copy), otherwise a
 * per-chunk buffer filled by {@link Rows}. After {@link #load}, read {@code f32}/{@code f64}
 * from {@code off}.
 */
final class Operand {
    private final CpuStorage storage;
    private final int stride;
    private final boolean direct;
    private final float[] bufF32;
    private final double[] bufF64;

    float[] f32;
    double[] f64;
    int off;

    /** Operand number {@code slot} (0, 1 or 2) of its kernel: which of the thread's row buffers it copies into. */
    Operand(CpuStorage storage, int stride, DType compute, int slot) {
        this.storage = storage;
        this.stride = stride;
        this.direct = stride == 1 && storage.dtype() == compute;
        this.bufF32 = !direct && compute == DType.F32 ? RowBuffers.f32(slot) : null;
        this.bufF64 = !direct && compute == DType.F64 ? RowBuffers.f64(slot) : null;
        if (direct) {
            if (compute == DType.F32) {
                f32 = storage.f32();
            } else {
                f64 = storage.f64();
            }
        }
    }

    /** Whether rows must be copied (and so cut to {@link Rows#BUFFER}). */
    static boolean needsCopy(CpuStorage s, int stride, DType compute) {
        return !(stride == 1 && s.dtype() == compute);
    }

    void load(int base, int len) {
        if (direct) {
            off = base;
        } else if (bufF32 != null) {
            Rows.toF32(storage, base, stride, len, bufF32);
            f32 = bufF32;
            off = 0;
        } else {
            Rows.toF64(storage, base, stride, len, bufF64);
            f64 = bufF64;
            off = 0;
        }
    }
}
