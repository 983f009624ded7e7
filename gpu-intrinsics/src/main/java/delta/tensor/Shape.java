package delta.tensor;

import java.util.Arrays;

/** An immutable list of dimensions. Rank 0 (no dimensions) is a scalar with one element. */
public final class Shape {
    public static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new TensorError("shape", "negative dimension in " + Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new TensorError("shape", Arrays.toString(dims) + " has more than 2^31-1 elements");
            }
        }
        this.dims = dims;
        this.size = (int) n;
    }

    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    /** Number of elements (1 for a scalar). */
    public int size() {
        return size;
    }

    /** Dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[axis < 0 ? axis + dims.length : axis];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Row-major (C order) strides in elements: the last axis has stride 1. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /**
     * Checks {@code axis} against this rank for operation {@code op} and returns it in
     * {@code [0, rank)} (negative axes count from the end, as in NumPy).
     */
    public int axis(String op, int axis) {
        return normalizeAxis(op, axis, dims.length, this);
    }

    static int normalizeAxis(String op, int axis, int rank, Shape shape) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new TensorError(op, "axis " + axis + " is out of range for shape " + shape
                    + " (rank " + rank + ")");
        }
        return a;
    }

    /** This shape with dimension {@code axis} replaced by {@code value}. */
    /**
     * Which of this shape's axes {@code axes} names (null: all of them), for a reduction called
     * {@code op}; an axis out of range or named twice is an error.
     */
    public boolean[] reducedAxes(String op, int[] axes) {
        boolean[] red = new boolean[rank()];
        if (axes == null) {
            java.util.Arrays.fill(red, true);
            return red;
        }
        for (int a : axes) {
            int n = axis(op, a);
            if (red[n]) {
                throw new TensorError(op, "axis " + a + " is repeated in " + java.util.Arrays.toString(axes));
            }
            red[n] = true;
        }
        return red;
    }

    public Shape with(int axis, int value) {
        int[] d = dims.clone();
        d[axis] = value;
        return new Shape(d);
    }

    /** This shape with a new dimension {@code value} inserted before position {@code axis}. */
    public Shape insert(int axis, int value) {
        int[] d = new int[dims.length + 1];
        System.arraycopy(dims, 0, d, 0, axis);
        d[axis] = value;
        System.arraycopy(dims, axis, d, axis + 1, dims.length - axis);
        return new Shape(d);
    }

    /** This shape without dimension {@code axis}. */
    /** What reducing along {@code axis} (a valid axis; every axis when null) leaves: the reduced axes kept as 1 with {@code keepdims}. */
    public Shape reduced(Integer axis, boolean keepdims) {
        if (axis == null) {
            int[] ones = new int[keepdims ? rank() : 0];
            java.util.Arrays.fill(ones, 1);
            return Shape.of(ones);
        }
        return keepdims ? with(axis, 1) : remove(axis);
    }

    public Shape remove(int axis) {
        int[] d = new int[dims.length - 1];
        System.arraycopy(dims, 0, d, 0, axis);
        System.arraycopy(dims, axis + 1, d, axis, dims.length - axis - 1);
        return d.length == 0 ? SCALAR : new Shape(d);
    }

    /** Dimensions {@code [from, to)}. */
    public Shape sub(int from, int to) {
        return of(Arrays.copyOfRange(dims, from, to));
    }

    /** This shape followed by {@code other}'s dimensions. */
    public Shape concat(Shape other) {
        int[] d = Arrays.copyOf(dims, dims.length + other.dims.length);
        System.arraycopy(other.dims, 0, d, dims.length, other.dims.length);
        return of(d);
    }

    /** NumPy broadcasting of two shapes, for operation {@code op}. */
    public static Shape broadcast(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new TensorError(op, "shapes " + a + " and " + b + " cannot be broadcast together (axis "
                        + (i - rank) + ": " + da + " vs " + db + ")");
            }
            d[i] = da == 1 ? db : da;
        }
        return of(d);
    }

    /** NumPy broadcasting of two shapes. */
    public static Shape broadcast(Shape a, Shape b) {
        return broadcast("broadcast", a, b);
    }

    /** Whether this shape can be broadcast to {@code target} (NumPy rules, one direction). */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int off = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + off]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shape a reshape to {@code dims} gives a tensor of this shape: one dimension may be -1
     * and is then inferred.
     */
    public Shape reshape(String op, int... newDims) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < newDims.length; i++) {
            if (newDims[i] == -1) {
                if (infer >= 0) {
                    throw new TensorError(op, "only one dimension can be -1, got " + Arrays.toString(newDims));
                }
                infer = i;
            } else if (newDims[i] < 0) {
                throw new TensorError(op, "negative dimension in " + Arrays.toString(newDims));
            } else {
                known *= newDims[i];
            }
        }
        int[] d = newDims.clone();
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new TensorError(op, "cannot reshape " + this + " (" + size + " elements) to "
                        + Arrays.toString(newDims));
            }
            d[infer] = (int) (size / known);
        } else if (known != size) {
            throw new TensorError(op, "cannot reshape " + this + " (" + size + " elements) to " + of(d)
                    + " (" + known + " elements)");
        }
        return of(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [3, 4]}; a scalar is {@code []}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
