package delta.tensor;

import java.util.Arrays;

/**
 * An n-dimensional array: a shape, strides (in elements, may be 0 for broadcast axes or
 * negative for reversed slices) and an offset over a {@link Storage}. Tensors are immutable
 * values; the view methods here (transpose, permute, slice, select, broadcast, expand, squeeze,
 * view) share the storage and never copy. Operations that compute live in {@link Backend}.
 */
public final class Tensor {
    private final Storage storage;
    private final Shape shape;
    private final int[] strides;
    private final int offset;

    /** A view over {@code storage}; checks that every element lies inside it. */
    public Tensor(Storage storage, Shape shape, int[] strides, int offset) {
        if (strides.length != shape.rank()) {
            throw new IllegalArgumentException("strides " + Arrays.toString(strides) + " do not match shape " + shape);
        }
        this.storage = storage;
        this.shape = shape;
        this.strides = strides.clone();
        this.offset = offset;
        checkBounds();
    }

    /** A row-major tensor over the whole of {@code storage}. */
    public static Tensor contiguous(Storage storage, Shape shape) {
        if (storage.length() != shape.size()) {
            throw new IllegalArgumentException("storage of " + storage.length() + " elements for shape " + shape);
        }
        return new Tensor(storage, shape, shape.strides(), 0);
    }

    private void checkBounds() {
        if (shape.size() == 0) {
            return;
        }
        long lo = offset, hi = offset;
        for (int i = 0; i < strides.length; i++) {
            long extent = (long) strides[i] * (shape.dim(i) - 1);
            if (extent < 0) {
                lo += extent;
            } else {
                hi += extent;
            }
        }
        if (lo < 0 || hi >= storage.length()) {
            throw new IllegalArgumentException("view " + shape + " strides " + Arrays.toString(strides) + " offset "
                    + offset + " exceeds storage of " + storage.length() + " elements");
        }
    }

    public Storage storage() {
        return storage;
    }

    public Shape shape() {
        return shape;
    }

    public DType dtype() {
        return storage.dtype();
    }

    public Device device() {
        return storage.device();
    }

    public int rank() {
        return shape.rank();
    }

    public int size() {
        return shape.size();
    }

    /** A copy of the strides, in elements. */
    public int[] strides() {
        return strides.clone();
    }

    public int stride(int axis) {
        return strides[axis];
    }

    public int offset() {
        return offset;
    }

    /** Whether the elements are laid out row-major without gaps (axes of size 1 may have any stride). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = strides.length - 1; i >= 0; i--) {
            int d = shape.dim(i);
            if (d != 1 && strides[i] != expected) {
                return false;
            }
            expected *= d;
        }
        return true;
    }

    /** Storage position of the element at {@code index} (one entry per axis, no negatives). */
    public int offsetOf(int... index) {
        if (index.length != strides.length) {
            throw new TensorError("index", "expected " + strides.length + " indices for shape " + shape + ", got "
                    + index.length);
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new TensorError("index", "index " + index[i] + " is out of bounds for axis " + i + " with size "
                        + shape.dim(i) + " (shape " + shape + ")");
            }
            p += index[i] * strides[i];
        }
        return p;
    }

    // ---- views ----

    /** Swaps two axes (negative axes count from the end). */
    public Tensor transpose(int a, int b) {
        int[] perm = identity(rank());
        int x = shape.axis("transpose", a), y = shape.axis("transpose", b);
        perm[x] = y;
        perm[y] = x;
        return permute(perm);
    }

    /** Swaps the last two axes: the matrix transpose, batched. */
    public Tensor mT() {
        if (rank() < 2) {
            throw new TensorError("transpose", "needs at least 2 dimensions, got shape " + shape);
        }
        return transpose(-2, -1);
    }

    /** Reorders the axes: axis {@code i} of the result is axis {@code axes[i]} of this tensor. */
    public Tensor permute(int... axes) {
        if (axes.length != rank()) {
            throw new TensorError("permute", "expected " + rank() + " axes for shape " + shape + ", got "
                    + Arrays.toString(axes));
        }
        boolean[] seen = new boolean[rank()];
        int[] d = new int[rank()], s = new int[rank()];
        for (int i = 0; i < axes.length; i++) {
            int a = shape.axis("permute", axes[i]);
            if (seen[a]) {
                throw new TensorError("permute", Arrays.toString(axes) + " is not a permutation of the axes of " + shape);
            }
            seen[a] = true;
            d[i] = shape.dim(a);
            s[i] = strides[a];
        }
        return new Tensor(storage, Shape.of(d), s, offset);
    }

    /**
     * A view with shape {@code target} (NumPy broadcast_to): axes added on the left and axes of
     * size 1 stretched get stride 0.
     */
    public Tensor broadcastTo(Shape target) {
        if (!shape.broadcastsTo(target)) {
            throw new TensorError("broadcast_to", "cannot broadcast shape " + shape + " to " + target);
        }
        int off = target.rank() - rank();
        int[] s = new int[target.rank()];
        for (int i = 0; i < rank(); i++) {
            s[i + off] = shape.dim(i) == target.dim(i + off) ? strides[i] : 0;
        }
        return new Tensor(storage, target, s, offset);
    }

    /** Inserts an axis of size 1 at {@code axis} (in {@code [-rank-1, rank]}). */
    public Tensor expandDims(int axis) {
        int a = Shape.normalizeAxis("expand_dims", axis, rank() + 1, shape);
        int[] s = new int[rank() + 1];
        System.arraycopy(strides, 0, s, 0, a);
        s[a] = a < rank() ? strides[a] * shape.dim(a) : 1;
        System.arraycopy(strides, a, s, a + 1, rank() - a);
        return new Tensor(storage, shape.insert(a, 1), s, offset);
    }

    /** Removes axis {@code axis}, which must have size 1. */
    public Tensor squeeze(int axis) {
        int a = shape.axis("squeeze", axis);
        if (shape.dim(a) != 1) {
            throw new TensorError("squeeze", "axis " + axis + " of shape " + shape + " has size " + shape.dim(a)
                    + ", not 1");
        }
        return new Tensor(storage, shape.remove(a), removeAt(strides, a), offset);
    }

    /** Removes every axis of size 1. */
    public Tensor squeeze() {
        Tensor t = this;
        for (int i = rank() - 1; i >= 0; i--) {
            if (shape.dim(i) == 1) {
                t = t.squeeze(i);
            }
        }
        return t;
    }

    /**
     * Python slice {@code start:stop:step} along {@code axis}: negative bounds count from the
     * end, bounds are clamped, step may be negative but not zero. Pass {@code null} for an
     * omitted bound.
     */
    public Tensor slice(int axis, Integer start, Integer stop, int step) {
        int a = shape.axis("slice", axis);
        if (step == 0) {
            throw new TensorError("slice", "step cannot be zero");
        }
        int n = shape.dim(a);
        int lo, hi;
        if (step > 0) {
            lo = start == null ? 0 : clamp(start < 0 ? start + n : start, 0, n);
            hi = stop == null ? n : clamp(stop < 0 ? stop + n : stop, 0, n);
        } else {
            lo = start == null ? n - 1 : clamp(start < 0 ? start + n : start, -1, n - 1);
            hi = stop == null ? -1 : clamp(stop < 0 ? stop + n : stop, -1, n - 1);
        }
        int len = step > 0 ? (hi > lo ? (hi - lo + step - 1) / step : 0) : (lo > hi ? (lo - hi - step - 1) / -step : 0);
        int[] s = strides.clone();
        s[a] = strides[a] * step;
        int newOffset = len == 0 ? offset : offset + lo * strides[a];
        return new Tensor(storage, shape.with(a, len), s, newOffset);
    }

    /** Elements {@code [start, stop)} along {@code axis} (non-negative, in range). */
    public Tensor narrow(int axis, int start, int length) {
        int a = shape.axis("narrow", axis);
        if (start < 0 || length < 0 || start + length > shape.dim(a)) {
            throw new TensorError("narrow", "range [" + start + ", " + (start + length) + ") is out of bounds for axis "
                    + axis + " with size " + shape.dim(a) + " (shape " + shape + ")");
        }
        return new Tensor(storage, shape.with(a, length), strides, length == 0 ? offset : offset + start * strides[a]);
    }

    /** Index {@code index} along {@code axis}, dropping that axis ({@code t[i]}, {@code t[:, j]}); negative indices count from the end. */
    public Tensor select(int axis, int index) {
        int a = shape.axis("index", axis);
        int n = shape.dim(a);
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new TensorError("index", "index " + index + " is out of bounds for axis " + a + " with size " + n
                    + " (shape " + shape + ")");
        }
        return new Tensor(storage, shape.remove(a), removeAt(strides, a), offset + i * strides[a]);
    }

    /**
     * A view with shape {@code target} and the same elements in row-major order, or null when
     * the strides do not allow one (the backend's reshape then copies). NumPy's
     * attempt_nocopy_reshape: groups of old axes must map onto groups of new axes whose
     * strides chain.
     */
    public Tensor tryView(Shape target) {
        if (target.size() != size()) {
            throw new TensorError("reshape", "cannot reshape " + shape + " (" + size() + " elements) to " + target
                    + " (" + target.size() + " elements)");
        }
        if (isContiguous() || size() == 0) {
            return new Tensor(storage, target, target.strides(), size() == 0 ? 0 : offset);
        }
        // Drop axes of size 1 from the old shape: they never constrain the layout.
        int[] od = new int[rank()], os = new int[rank()];
        int on = 0;
        for (int i = 0; i < rank(); i++) {
            if (shape.dim(i) != 1) {
                od[on] = shape.dim(i);
                os[on] = strides[i];
                on++;
            }
        }
        int nn = target.rank();
        int[] nd = target.dims(), ns = new int[nn];
        int oi = 0, oj = 1, ni = 0, nj = 1;
        while (ni < nn && oi < on) {
            long np = nd[ni], op = od[oi];
            while (np != op) {
                if (np < op) {
                    np *= nd[nj++];
                } else {
                    op *= od[oj++];
                }
            }
            for (int k = oi; k < oj - 1; k++) {
                if (os[k] != od[k + 1] * os[k + 1]) {
                    return null;
                }
            }
            ns[nj - 1] = os[oj - 1];
            for (int k = nj - 1; k > ni; k--) {
                ns[k - 1] = ns[k] * nd[k];
            }
            ni = nj++;
            oi = oj++;
        }
        // Trailing new axes (all of size 1) get the natural stride.
        for (int k = ni; k < nn; k++) {
            ns[k] = 1;
        }
        return new Tensor(storage, target, ns, offset);
    }

    /** Like {@link #tryView} but fails when a view is impossible. */
    public Tensor view(Shape target) {
        Tensor t = tryView(target);
        if (t == null) {
            throw new TensorError("view", "a tensor of shape " + shape + " with strides " + Arrays.toString(strides)
                    + " cannot be viewed as " + target + " without a copy (use reshape)");
        }
        return t;
    }

    @Override
    public String toString() {
        return "tensor(shape=" + shape + ", dtype=" + dtype() + ", device=" + device() + ")";
    }

    // ---- helpers ----

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private static int[] removeAt(int[] a, int i) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, a.length - i - 1);
        return r;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
