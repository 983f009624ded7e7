package delta.language.runtime;

/** The value of {@code lo:hi:step} inside brackets; null parts take Python's defaults. */
public record SliceValue(Long lo, Long hi, Long step) {
    /** The indices this slice selects from a sequence of the given length, as Python computes them. */
    public long[] indices(long length) {
        long s = step == null ? 1 : step;
        if (s == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        long start = clamp(lo, s > 0 ? 0 : length - 1, length, s);
        long stop = clamp(hi, s > 0 ? length : -1, length, s);
        int count = (int) Math.max(0, s > 0 ? (stop - start + s - 1) / s : (start - stop - s - 1) / -s);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = start + i * s;
        }
        return out;
    }

    private static long clamp(Long bound, long fallback, long length, long step) {
        if (bound == null) {
            return fallback;
        }
        long b = bound < 0 ? bound + length : bound;
        return step > 0 ? Math.max(0, Math.min(b, length)) : Math.max(-1, Math.min(b, length - 1));
    }
}
