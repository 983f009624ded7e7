package delta.tensor.cpu;

import delta.tensor.Shape;
import delta.tensor.Tensor;

/**
 * A walk over the elements of an n-d index space shared by several operands (each with its
 * own strides and offset), cut into rows along the innermost axis. Axes that are contiguous
 * for every operand are merged first, so that a contiguous tensor becomes a single row and a
 * broadcast {@code [3,1,4] + [2,1]} a few short ones. Kernels then work on rows: a base offset
 * per operand plus a fixed inner stride per operand, which is the shape tight loops want.
 *
 * <p>The walk is over the flat (row-major) positions {@code [0, size)}, so it splits evenly
 * into ranges for parallel chunks; a range may start and end in the middle of a row.
 */
final class Loop {
    final int size;
    private final int rank;
    private final int[] dims;
    private final int[][] strides;
    private final int[] offsets;

    /** Operand k's stride along the innermost (merged) axis. */
    final int[] inner;

    private Loop(int size, int[] dims, int[][] strides, int[] offsets) {
        this.size = size;
        this.rank = dims.length;
        this.dims = dims;
        this.strides = strides;
        this.offsets = offsets;
        this.inner = new int[strides.length];
        for (int k = 0; k < strides.length; k++) {
            inner[k] = strides[k][rank - 1];
        }
    }

    /** A walk over {@code shape}; {@code strides[k]} and {@code offsets[k]} place operand k. */
    static Loop of(Shape shape, int[][] strides, int[] offsets) {
        int n = strides.length;
        int r = shape.rank();
        // Keep axes of size > 1, then merge neighbours that chain for all operands.
        int[] d = new int[Math.max(1, r)];
        int[][] s = new int[n][Math.max(1, r)];
        int m = 0;
        for (int i = 0; i < r; i++) {
            int di = shape.dim(i);
            if (di == 1) {
                continue;
            }
            if (m > 0 && chains(strides, i, di, s, m - 1)) {
                d[m - 1] *= di;
                for (int k = 0; k < n; k++) {
                    s[k][m - 1] = strides[k][i];
                }
                continue;
            }
            d[m] = di;
            for (int k = 0; k < n; k++) {
                s[k][m] = strides[k][i];
            }
            m++;
        }
        if (m == 0) {
            d[0] = shape.size();
            m = 1;
        }
        int[] dims = java.util.Arrays.copyOf(d, m);
        int[][] st = new int[n][];
        for (int k = 0; k < n; k++) {
            st[k] = java.util.Arrays.copyOf(s[k], m);
        }
        return new Loop(shape.size(), dims, st, offsets.clone());
    }

    /** A walk over {@code shape} for tensors already broadcast (or viewed) to that shape. */
    static Loop of(Shape shape, Tensor... operands) {
        int[][] st = new int[operands.length][];
        int[] off = new int[operands.length];
        for (int k = 0; k < operands.length; k++) {
            st[k] = operands[k].strides();
            off[k] = operands[k].offset();
        }
        return of(shape, st, off);
    }

    /** Whether axis {@code i} (size {@code di}) continues merged axis {@code j} for every operand. */
    private static boolean chains(int[][] strides, int i, int di, int[][] s, int j) {
        for (int k = 0; k < strides.length; k++) {
            if (s[k][j] != strides[k][i] * di) {
                return false;
            }
        }
        return true;
    }

    /** Length of the innermost merged axis. */
    int rowLength() {
        return dims[rank - 1];
    }

    @FunctionalInterface
    interface Row {
        /** One run of {@code len} elements; operand k starts at {@code base[k]} and steps by {@code inner[k]}. */
        void row(int[] base, int len);
    }

    /** Visits positions {@code [from, to)} as rows of at most {@code maxLen} elements. */
    void run(int from, int to, int maxLen, Row fn) {
        if (from >= to) {
            return;
        }
        int n = offsets.length;
        int[] idx = new int[rank];
        int[] base = offsets.clone();
        int rem = from;
        for (int i = rank - 1; i >= 0; i--) {
            idx[i] = rem % dims[i];
            rem /= dims[i];
            for (int k = 0; k < n; k++) {
                base[k] += idx[i] * strides[k][i];
            }
        }
        int last = rank - 1;
        int p = from;
        while (p < to) {
            int len = Math.min(Math.min(dims[last] - idx[last], to - p), maxLen);
            fn.row(base, len);
            p += len;
            idx[last] += len;
            for (int k = 0; k < n; k++) {
                base[k] += len * strides[k][last];
            }
            // Carry into outer axes when the row is finished.
            for (int i = last; i > 0 && idx[i] == dims[i]; i--) {
                idx[i] = 0;
                idx[i - 1]++;
                for (int k = 0; k < n; k++) {
                    base[k] += strides[k][i - 1] - dims[i] * strides[k][i];
                }
            }
        }
    }

    /**
     * Visits every position, in parallel chunks when the work ({@code size * costPerElement})
     * is large. Each chunk gets its own row function from {@code rows} (so it may own buffers).
     */
    void runParallel(int maxLen, long costPerElement, java.util.function.Supplier<Row> rows) {
        int chunks = Parallel.chunks((long) size * costPerElement, Integer.MAX_VALUE);
        if (chunks == 1) {
            run(0, size, maxLen, rows.get());
        } else {
            Parallel.forRange(size, chunks, (from, to) -> run(from, to, maxLen, rows.get()));
        }
    }
}
