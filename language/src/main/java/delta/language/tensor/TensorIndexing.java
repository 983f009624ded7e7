package delta.language.tensor;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.SliceValue;
import delta.language.runtime.Values;
import delta.tensor.Backend;
import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;

/**
 * {@code t[key]} on tensors and its derivatives. A key is an int, a slice or a tuple of them
 * ({@code t[i, a:b]} lowers to one tuple key, and so does the AD normalizer, so one code path
 * serves the program and its derivative code). Reads are views that share storage; an int for
 * every axis reads one element as a Delta number.
 */
public final class TensorIndexing {
    private TensorIndexing() {}

    /** {@code t[key]} for the program: a view, or a number when every axis gets an int. */
    @TruffleBoundary
    public static Object read(Node site, DeltaTensor t, Object key) {
        try {
            return read(t.tensor(), key);
        } catch (TensorError e) {
            throw TensorSupport.error(site, e);
        }
    }

    private static Object read(Tensor t, Object key) {
        if (key instanceof DeltaTensor k) {
            return new DeltaTensor(selected(t, k.tensor()));
        }
        Tensor view = view(t, key);
        if (isElement(t, key)) {
            return TensorToValues.element(TensorSupport.backend(view).item(view), view.dtype());
        }
        return new DeltaTensor(view);
    }

    /** Whether key gives an int for every axis of t (the read is then one element). */
    private static boolean isElement(Tensor t, Object key) {
        Object[] parts = parts(key);
        if (parts.length != t.rank()) {
            return false;
        }
        for (Object part : parts) {
            if (!(part instanceof Long)) {
                return false;
            }
        }
        return true;
    }

    private static Object[] parts(Object key) {
        return key instanceof DeltaTuple tuple ? tuple.items() : new Object[]{key};
    }

    /**
     * The view {@code t[key]}. Ints drop their axis; slices keep it. Range errors name the axis and
     * the shape of the tensor the program indexed, not of the partial view.
     */
    static Tensor view(Tensor t, Object key) {
        Object[] parts = parts(key);
        if (parts.length > t.rank()) {
            throw new TensorError("index", "too many indices for a tensor of shape " + t.shape() + ": " + parts.length + " given");
        }
        Tensor view = t;
        int axis = 0; // the axis of view that the next part indexes
        for (int k = 0; k < parts.length; k++) {
            Object part = parts[k];
            if (part instanceof Long index) {
                int n = t.shape().dim(k);
                long i = index < 0 ? index + n : index;
                if (i < 0 || i >= n) {
                    throw new TensorError("index", "index " + index + " is out of bounds for axis " + k + " with size " + n + " (shape " + t.shape() + ")");
                }
                view = view.select(axis, (int) i);
            } else if (part instanceof SliceValue slice) {
                view = view.slice(axis, bound(slice.lo()), bound(slice.hi()), slice.step() == null ? 1 : clampStep(slice.step()));
                axis++;
            } else {
                throw new TensorError("index", "tensor indices must be ints or slices, not " + Values.typeName(part)
                                + (part instanceof DeltaTensor ? "; a tensor index (ints or a bool mask) is a key of its own, t[k], not one part of t[i, j]" : ""));
            }
        }
        return view;
    }

    /**
     * {@code t[k]} for a tensor key, as NumPy reads it (a copy, not a view): an int (i64) tensor picks
     * rows along the first axis (the result's shape is k's shape followed by t's other axes; negative
     * indices count from the end); a bool tensor of t's shape picks the elements where it is true,
     * in order, as a 1-d tensor, and one of t's first axis picks those rows.
     */
    static Tensor selected(Tensor t, Tensor key) {
        Backend backend = TensorSupport.backend(t);
        if (t.rank() == 0) {
            throw new TensorError("index", "a 0-d tensor cannot be indexed by a tensor");
        }
        if (key.dtype() == DType.I64) {
            return backend.indexSelect(t, 0, key);
        }
        if (key.dtype() == DType.BOOL) {
            Tensor positions = truePositions(backend, t, key);
            return key.shape().equals(t.shape()) && t.rank() > 1
                    ? backend.indexSelect(backend.reshape(t, t.size()), 0, positions)
                    : backend.indexSelect(t, 0, positions);
        }
        throw new TensorError("index", "a tensor index must be of ints (i64) or bools, not " + key.dtype().label()
                        + "; astype(k, \"i64\") makes one of ints");
    }

    /** The flat positions where a bool mask of t's shape, or of t's first axis, is true, as an i64 tensor. */
    private static Tensor truePositions(Backend backend, Tensor t, Tensor mask) {
        boolean whole = mask.shape().equals(t.shape());
        if (!whole && !(mask.rank() == 1 && mask.shape().dim(0) == t.shape().dim(0))) {
            throw new TensorError("index", "a bool mask must have the tensor's shape " + t.shape() + " or the length of its first axis ("
                            + t.shape().dim(0) + "), got shape " + mask.shape());
        }
        double[] bits = backend.toDoubleArray(mask);
        int count = 0;
        for (double b : bits) {
            count += b != 0 ? 1 : 0;
        }
        long[] positions = new long[count];
        for (int i = 0, j = 0; i < bits.length; i++) {
            if (bits[i] != 0) {
                positions[j++] = i;
            }
        }
        return backend.fromArray(positions, Shape.of(count));
    }

    /** bar plus the adjoint of the read {@code x[key]} for a tensor key, g its result's adjoint. */
    private static Object accumulateSelected(Object bar, Tensor x, Backend backend, Tensor key, Object g) {
        DType dtype = DType.floating(x.dtype());
        Tensor gt = g instanceof DeltaTensor t ? backend.astype(t.tensor(), dtype) : backend.full(Shape.SCALAR, dtype, ((Number) g).doubleValue());
        // A mask of every element reads the flattened tensor; ints and a mask of rows read rows.
        boolean elements = key.dtype() == DType.BOOL && key.shape().equals(x.shape()) && x.rank() > 1;
        Tensor positions = key.dtype() == DType.BOOL ? truePositions(backend, x, key) : key;
        Shape flat = Shape.of(x.size());
        Shape read = elements ? positions.shape() : positions.shape().concat(x.shape().sub(1, x.rank()));
        Tensor added = backend.indexAdd(elements ? flat : x.shape(), 0, positions, reduced(backend, gt, read));
        DeltaTensor contribution = new DeltaTensor(elements ? backend.reshape(added, x.shape().dims()) : added);
        return TensorArgs.isSymbolicZero(bar) ? contribution : TensorGradients.add(bar, contribution);
    }

    /** Python clamps slice bounds, so a huge bound means "the end". */
    private static Integer bound(Long b) {
        return b == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, b));
    }

    private static int clampStep(long step) {
        return (int) Math.max(-Integer.MAX_VALUE, Math.min(Integer.MAX_VALUE, step));
    }

    /**
     * {@code t.shape}, {@code t.dtype}, {@code t.device}, {@code t.T} (a transposed view), and as in
     * NumPy {@code t.size} (the number of elements) and {@code t.ndim} (of axes); null for other names.
     */
    @TruffleBoundary
    public static Object field(DeltaTensor t, String name) {
        Tensor x = t.tensor();
        return switch (name) {
            case "shape" -> TensorShapes.shapeList(x.shape());
            case "dtype" -> x.dtype().label();
            case "device" -> x.device().toString();
            case "T" -> new DeltaTensor(transposed(x));
            case "size" -> (long) x.size();
            case "ndim" -> (long) x.rank();
            default -> null;
        };
    }

    public static final String FIELDS = "shape, dtype, device, T, size, ndim";

    /** All axes reversed, as NumPy's {@code .T}. */
    private static Tensor transposed(Tensor x) {
        int[] p = new int[x.rank()];
        for (int i = 0; i < p.length; i++) {
            p[i] = p.length - 1 - i;
        }
        return x.permute(p);
    }

    /**
     * Reverse mode: the adjoint {@code g} of {@code value[key]} (or of {@code value.T}) added into
     * {@code bar}, the adjoint of {@code value}. Adjoints arrive unreduced, so g is first summed to
     * the read's shape. For a key, one fresh tensor of value's shape is allocated, a copy of bar
     * when bar is a tensor of that shape and of g's dtype (the usual case after the first read),
     * zeros otherwise, and g is written or added into its view {@code key}
     * ({@link Backend#writeInto}); any other bar (a broadcast adjoint, another dtype) gets that
     * tensor added to it. Fields without a derivative (shape, dtype, device) leave bar as it is.
     */
    @TruffleBoundary
    public static Object accumulate(Object bar, DeltaTensor value, Object key, Object g) {
        return accumulate(bar, value, key, g, false);
    }

    /**
     * As {@link #accumulate(Object, DeltaTensor, Object, Object)}; with {@code inPlace} (the generated
     * code has checked that nothing read bar since an accumulation made it), g is added into bar
     * itself when bar is such an accumulator of value's shape and g's dtype.
     */
    @TruffleBoundary
    public static Object accumulate(Object bar, DeltaTensor value, Object key, Object g, boolean inPlace) {
        if (TensorArgs.isSymbolicZero(g) || key instanceof String name && !name.equals("T")) {
            return bar;
        }
        Tensor x = value.tensor();
        Backend backend = TensorSupport.backend(x);
        if (key instanceof DeltaTensor k) {
            return accumulateSelected(bar, x, backend, k.tensor(), ElementwiseFusion.computed(g));
        }
        if (g instanceof PendingTensor) {
            Object written = "T".equals(key) ? null : accumulatePending(bar, x, backend, key, g, inPlace);
            if (written != null) {
                return written;
            }
            g = ElementwiseFusion.computed(g);
        }
        Tensor gt = g instanceof DeltaTensor t ? t.tensor() : backend.full(Shape.SCALAR, DType.floating(x.dtype()), ((Number) g).doubleValue());
        if ("T".equals(key)) {
            // .T reads every element: its adjoint is g transposed back, a view, with nothing to scatter.
            DeltaTensor contribution = new DeltaTensor(transposed(reduced(backend, gt, transposed(x).shape())));
            return TensorArgs.isSymbolicZero(bar) ? contribution : TensorGradients.add(bar, contribution);
        }
        DType dtype = DType.floating(gt.dtype());
        Tensor onto = bar instanceof DeltaTensor b && b.tensor().shape().equals(x.shape()) && b.tensor().dtype() == dtype ? b.tensor() : null;
        if (inPlace && onto != null && ((DeltaTensor) bar).isAccumulator()) {
            Tensor target = view(onto, key);
            backend.writeInto(target, reduced(backend, gt, target.shape()), true);
            return bar;
        }
        // Nobody else holds result until it is returned, so writing into its view is safe.
        Tensor result = onto != null ? backend.copy(onto) : backend.zeros(x.shape(), dtype);
        Tensor target = view(result, key);
        backend.writeInto(target, reduced(backend, gt, target.shape()), onto != null);
        if (onto != null || TensorArgs.isSymbolicZero(bar)) {
            return DeltaTensor.accumulator(result);
        }
        return TensorGradients.add(bar, new DeltaTensor(result));
    }

    /**
     * The slice-adjoint accumulation below, with g an element-wise expression that the backend
     * computes straight into the adjoint's view (the zeros or copy it starts from are made first);
     * null when g does not fit the view exactly (then it is computed as a tensor of its own).
     */
    private static Object accumulatePending(Object bar, Tensor x, Backend backend, Object key, Object g, boolean inPlace) {
        PendingTensor pending = (PendingTensor) g;
        DType dtype = pending.dtype;
        Tensor onto = bar instanceof DeltaTensor b && b.tensor().shape().equals(x.shape()) && b.tensor().dtype() == dtype ? b.tensor() : null;
        if (onto == null && !TensorArgs.isSymbolicZero(bar) || !ElementwiseFusion.fits(pending, view(x, key).shape(), dtype)) {
            return null;
        }
        boolean intoBar = inPlace && onto != null && ((DeltaTensor) bar).isAccumulator();
        Tensor result = intoBar ? onto : onto != null ? backend.copy(onto) : backend.zeros(x.shape(), dtype);
        ElementwiseFusion.computeInto(pending, backend, view(result, key), onto != null);
        return intoBar ? bar : DeltaTensor.accumulator(result);
    }

    /**
     * {@code g} at the read's shape: summed over the axes it was broadcast along, or, when it is
     * smaller (a number's adjoint), a broadcast view (read in place, never copied).
     */
    private static Tensor reduced(Backend backend, Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        return shape.broadcastsTo(g.shape()) ? backend.sumTo(g, shape) : g.broadcastTo(shape);
    }

    /** Forward mode: the tangent of {@code value[key]} (or of a field) from the tangent of value. */
    @TruffleBoundary
    public static Object part(Object tangent, Object key) {
        if (!(tangent instanceof DeltaTensor t)) {
            // A number is a constant tangent of any shape (0.0 above all): every part is the same.
            return key instanceof String name && !name.equals("T") ? 0.0 : tangent;
        }
        if (key instanceof String name) {
            return name.equals("T") ? new DeltaTensor(transposed(t.tensor())) : 0.0;
        }
        return read(t.tensor(), key);
    }

    static java.util.List<delta.language.builtins.Builtin> all() {
        return java.util.List.of(
            // What derivative code writes for a:b:s (the AD normalizer turns t[a:b] into t[slice(a, b, none)]).
            TensorBuiltin.of("slice", 2, 3, "slice(start, stop[, step])", "the slice start:stop:step as a value (none for a bound left out): t[slice(1, none)] is t[1:]",
                (site, args) -> {
                    Long[] bounds = new Long[3];
                    for (int i = 0; i < args.length; i++) {
                        if (TensorArgs.given(args, i)) {
                            if (!(args[i] instanceof Long l)) {
                                throw TensorArgs.wrongType(site, args, i, "an int or none");
                            }
                            bounds[i] = l;
                        }
                    }
                    if (bounds[2] != null && bounds[2] == 0) {
                        throw TensorArgs.error(site, "slice step cannot be zero");
                    }
                    return new SliceValue(bounds[0], bounds[1], bounds[2]);
                }).nonDifferentiable());
    }
}
