package delta.tensor.cpu;

/**
 * Copies a strided run of any dtype into a contiguous float or double buffer, so that the
 * element-wise kernels only ever see unit-stride rows of their own type. A stride of 0 (a
 * broadcast operand) becomes a fill.
 */
final class Rows {
    /** Rows longer than this are cut when an operand must be copied, so buffers stay in L1. */
    static final int BUFFER = 2048;

    private Rows() {
    }

    static void toF32(CpuStorage s, int off, int stride, int len, float[] buf) {
        switch (s.dtype()) {
            case F32 -> {
                float[] a = s.f32();
                if (stride == 0) {
                    java.util.Arrays.fill(buf, 0, len, a[off]);
                } else if (stride == 1) {
                    System.arraycopy(a, off, buf, 0, len);
                } else {
                    for (int i = 0; i < len; i++) {
                        buf[i] = a[off + i * stride];
                    }
                }
            }
            case F64 -> {
                double[] a = s.f64();
                for (int i = 0; i < len; i++) {
                    buf[i] = (float) a[off + i * stride];
                }
            }
            case I64 -> {
                long[] a = s.i64();
                for (int i = 0; i < len; i++) {
                    buf[i] = a[off + i * stride];
                }
            }
            case BOOL -> {
                byte[] a = s.bool();
                for (int i = 0; i < len; i++) {
                    buf[i] = a[off + i * stride];
                }
            }
        }
    }

    static void toF64(CpuStorage s, int off, int stride, int len, double[] buf) {
        switch (s.dtype()) {
            case F64 -> {
                double[] a = s.f64();
                if (stride == 0) {
                    java.util.Arrays.fill(buf, 0, len, a[off]);
                } else if (stride == 1) {
                    System.arraycopy(a, off, buf, 0, len);
                } else {
                    for (int i = 0; i < len; i++) {
                        buf[i] = a[off + i * stride];
                    }
                }
            }
            case F32 -> {
                float[] a = s.f32();
                for (int i = 0; i < len; i++) {
                    buf[i] = a[off + i * stride];
                }
            }
            case I64 -> {
                long[] a = s.i64();
                for (int i = 0; i < len; i++) {
                    buf[i] = a[off + i * stride];
                }
            }
            case BOOL -> {
                byte[] a = s.bool();
                for (int i = 0; i < len; i++) {
                    buf[i] = a[off + i * stride];
                }
            }
        }
    }

    /** Copies a strided run of {@code src} into {@code dst} (any dtypes, converting). */
    static void copy(CpuStorage src, int so, int ss, CpuStorage dst, int d0, int ds, int len) {
        Object a = src.data(), b = dst.data();
        if (a instanceof float[] x && b instanceof float[] y) {
            if (ss == 1 && ds == 1) {
                System.arraycopy(x, so, y, d0, len);
            } else {
                for (int i = 0; i < len; i++) {
                    y[d0 + i * ds] = x[so + i * ss];
                }
            }
        } else if (a instanceof double[] x && b instanceof double[] y) {
            if (ss == 1 && ds == 1) {
                System.arraycopy(x, so, y, d0, len);
            } else {
                for (int i = 0; i < len; i++) {
                    y[d0 + i * ds] = x[so + i * ss];
                }
            }
        } else if (a instanceof float[] x && b instanceof double[] y) {
            for (int i = 0; i < len; i++) {
                y[d0 + i * ds] = x[so + i * ss];
            }
        } else if (a instanceof double[] x && b instanceof float[] y) {
            for (int i = 0; i < len; i++) {
                y[d0 + i * ds] = (float) x[so + i * ss];
            }
        } else if (a instanceof long[] x && b instanceof long[] y) {
            for (int i = 0; i < len; i++) {
                y[d0 + i * ds] = x[so + i * ss];
            }
        } else if (a instanceof byte[] x && b instanceof byte[] y) {
            for (int i = 0; i < len; i++) {
                y[d0 + i * ds] = x[so + i * ss];
            }
        } else if (dst.dtype() == delta.tensor.DType.I64) {
            long[] y = dst.i64();
            for (int i = 0; i < len; i++) {
                y[d0 + i * ds] = src.getLong(so + i * ss);
            }
        } else {
            for (int i = 0; i < len; i++) {
                dst.set(d0 + i * ds, src.get(so + i * ss));
            }
        }
    }
}
