package delta.language.ad;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaRecord;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.SliceValue;
import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorIndexing;
import delta.language.tensor.TensorGradients;
import java.util.ArrayList;

/**
 * Arithmetic on derivatives that have the structure of their values (JAX's pytrees): the gradient
 * of a record is a record with the same fields, of a list a list of the same length. The float
 * 0.0 stands for "zero of whatever structure", so untouched parts cost nothing until they are
 * materialized at the end ({@link #complete}).
 */
final class Gradients {
    private Gradients() {}

    /** What grad differentiates: a number, or a tensor of one element (the result of sum or mean). */
    static boolean isScalar(Object value) {
        return value instanceof Double || value instanceof Long || value instanceof DeltaTensor t && t.tensor().size() == 1;
    }

    static boolean isZero(Object g) {
        return g instanceof Double d && d == 0.0;
    }

    /** a + b for numbers, element-wise for structures. */
    @TruffleBoundary
    static Object add(Object a, Object b) {
        if (isZero(b)) {
            return a;
        }
        if (isZero(a)) {
            return b;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return (double) x + y;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() + y.doubleValue();
        }
        if (a instanceof DeltaTensor || b instanceof DeltaTensor) {
            return TensorGradients.add(a, b);
        }
        if (a instanceof DeltaRecord x && b instanceof DeltaRecord y) {
            Object[] values = new Object[x.shape().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = add(x.get(i), y.get(y.shape().indexOf(x.shape().name(i))));
            }
            return new DeltaRecord(x.shape(), values);
        }
        Object[] xs = items(a);
        Object[] ys = items(b);
        if (xs != null && ys != null && xs.length == ys.length) {
            Object[] sum = new Object[xs.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = add(xs[i], ys[i]);
            }
            return sameKind(a, sum);
        }
        return a;
    }

    static Object[] items(Object value) {
        if (value instanceof DeltaList list) {
            return list.toArray();
        }
        if (value instanceof DeltaTuple tuple) {
            return tuple.items().clone();
        }
        return null;
    }

    @TruffleBoundary
    static Object sameKind(Object like, Object[] items) {
        if (like instanceof DeltaTuple) {
            return new DeltaTuple(items);
        }
        ArrayList<Object> list = new ArrayList<>(items.length);
        for (Object item : items) {
            list.add(item);
        }
        return new DeltaList(list);
    }

    /** A zero gradient shaped like {@code value}, one level deep (deeper levels stay 0.0 until needed). */
    @TruffleBoundary
    static Object shallowZero(Object value) {
        if (value instanceof DeltaRecord record) {
            Object[] zeros = new Object[record.shape().size()];
            java.util.Arrays.fill(zeros, 0.0);
            return new DeltaRecord(record.shape(), zeros);
        }
        if (value instanceof DeltaList list) {
            return DeltaList.zeros(list.size());
        }
        Object[] elements = items(value);
        if (elements != null) {
            Object[] zeros = new Object[elements.length];
            java.util.Arrays.fill(zeros, 0.0);
            return sameKind(value, zeros);
        }
        return 0.0;
    }

    /** The part of a gradient at a field name or an index (0.0 stays 0.0). */
    @TruffleBoundary
    static Object part(Object g, Object key) {
        if (isZero(g)) {
            return 0.0;
        }
        if (g instanceof DeltaTensor || key instanceof SliceValue) {
            return Slices.part(g, key);
        }
        if (g instanceof DeltaRecord record && key instanceof String name) {
            int i = record.shape().indexOf(name);
            return i < 0 ? 0.0 : record.get(i);
        }
        if (g instanceof DeltaList list && key instanceof Long index) {
            // Directly, not through a copy of the list: this runs once per element read.
            int i = (int) (index < 0 ? index + list.size() : index);
            return i >= 0 && i < list.size() ? list.get(i) : 0.0;
        }
        Object[] elements = items(g);
        if (elements != null && key instanceof Long index) {
            int i = (int) (index < 0 ? index + elements.length : index);
            return i >= 0 && i < elements.length ? elements[i] : 0.0;
        }
        return 0.0;
    }

    /**
     * Gradient {@code g} (or a new zero shaped like {@code value}) with the part at {@code key}
     * replaced. Lists and records are updated in place: an adjoint structure belongs to one adjoint
     * variable at a time (the reverse sweep moves adjoints, it never copies them), so nothing else
     * sees the change, and reading every element of a list in a loop stays linear.
     */
    @TruffleBoundary
    static Object with(Object g, Object value, Object key, Object part) {
        Object base = isZero(g) ? shallowZero(value) : g;
        if (base instanceof DeltaRecord record && key instanceof String name) {
            record.set(record.shape().indexOf(name), part);
            return record;
        }
        if (base instanceof DeltaList list && key instanceof Long index) {
            list.set((int) (index < 0 ? index + list.size() : index), part);
            return list;
        }
        if (base instanceof DeltaRecord record && key instanceof String name) {
            Object[] values = new Object[record.shape().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = record.get(i);
            }
            values[record.shape().indexOf(name)] = part;
            return new DeltaRecord(record.shape(), values);
        }
        Object[] elements = items(base);
        if (elements != null && key instanceof Long index) {
            int i = (int) (index < 0 ? index + elements.length : index);
            elements[i] = part;
            return sameKind(base, elements);
        }
        return base;
    }

    /** Gradient {@code g} added into the part at {@code key} of gradient {@code bar} of {@code value}. */
    static Object accumulate(Object bar, Object value, Object key, Object g) {
        return accumulate(bar, value, key, g, false);
    }

    /** As above; {@code inPlace}: bar may be updated in place ($accindex_into, see TensorIndexing). */
    static Object accumulate(Object bar, Object value, Object key, Object g, boolean inPlace) {
        if (isZero(g)) {
            return bar;
        }
        if (value instanceof DeltaTensor t) {
            // g may be a pending tensor expression (ElementwiseFusion): computed into the adjoint's view.
            return TensorIndexing.accumulate(bar, t, key, g, inPlace);
        }
        Object gradient = delta.language.tensor.ElementwiseFusion.computed(g);
        if (key instanceof SliceValue slice) {
            return Slices.accumulate(bar, value, slice, gradient);
        }
        return with(bar, value, key, add(part(bar, key), gradient));
    }

    /** The final gradient of a parameter: every 0.0 placeholder inside a structure made real. */
    @TruffleBoundary
    static Object complete(Object value, Object g) {
        if (value instanceof DeltaRecord record) {
            Object[] values = new Object[record.shape().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = complete(record.get(i), part(g, record.shape().name(i)));
            }
            return new DeltaRecord(record.shape(), values);
        }
        Object[] elements = items(value);
        if (elements != null) {
            Object[] out = new Object[elements.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = complete(elements[i], part(g, (long) i));
            }
            return sameKind(value, out);
        }
        if (value instanceof DeltaTensor t) {
            return TensorGradients.complete(t, g);
        }
        if (g instanceof DeltaTensor t) {
            // A float that met tensors on its way to the result (s * t): its adjoint is the sum.
            return TensorGradients.total(t);
        }
        if (g instanceof Long l) {
            return (double) l;
        }
        return g instanceof Double ? g : 0.0;
    }
}
