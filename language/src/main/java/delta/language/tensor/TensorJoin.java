package delta.language.tensor;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;
import delta.tensor.Backend;
import delta.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Joining tensors (concat, stack) and their inverses (split, unstack), which are each other's
 * adjoints: the gradient of a list of tensors is a list of tensors. A list of tangents or adjoints
 * may hold the symbolic zero 0.0 for items nothing flowed to; densify makes those real where a
 * kernel needs every item.
 */
final class TensorJoin {
    private TensorJoin() {}

    static List<Builtin> all() {
        return List.of(
            TensorBuiltin.of("concat", 1, 2, "concat(tensors[, axis])", "the tensors of a list joined along an existing axis (0 by default)",
                (site, args) -> TensorArgs.isSymbolicZero(args[0]) ? (Object) 0.0 : backend(site, args).concat(tensors(site, args), axis(site, args, 1)))
                .withRules("""
                    (xs, axis) -> { let out = concat(xs, axis)
                        let a = if axis == none { 0 } else { axis }
                        let sizes = []
                        for x in xs { append(sizes, shape(x)[a]) }
                        (out, g -> (split(sum_to(g, out), sizes, a), 0.0)) }""",
                    "(xs, xs_dot, axis, axis_dot) -> (concat(xs, axis), concat(densify(xs_dot, xs), axis))"),
            TensorBuiltin.of("stack", 1, 2, "stack(tensors[, axis])", "the tensors of a list, all of one shape, joined along a new axis (0 by default)",
                (site, args) -> TensorArgs.isSymbolicZero(args[0]) ? (Object) 0.0 : backend(site, args).stack(tensors(site, args), axis(site, args, 1)))
                .withRules("(xs, axis) -> { let out = stack(xs, axis)\n (out, g -> (unstack(sum_to(g, out), axis), 0.0)) }",
                    "(xs, xs_dot, axis, axis_dot) -> (stack(xs, axis), stack(densify(xs_dot, xs), axis))"),
            TensorBuiltin.of("split", 2, 3, "split(t, sizes[, axis]) or split(s, separator)",
                "t cut along axis (0 by default) into a list of views of the given sizes, which add up to its length; "
                    + "on a str, the pieces between occurrences of separator: split(\"a,b\", \",\") is [\"a\", \"b\"]",
                (site, args) -> args[0] instanceof String ? delta.language.builtins.StringBuiltins.split(site, args)
                    : TensorArgs.isSymbolicZero(args[0]) ? (Object) 0.0 : split(site, args))
                .withRules("(x, sizes, axis) -> { let out = split(x, sizes, axis)\n (out, g -> (concat(densify(g, out), axis), 0.0, 0.0)) }",
                    "(x, x_dot, sizes, sizes_dot, axis, axis_dot) -> (split(x, sizes, axis), split(x_dot, sizes, axis))"),
            TensorBuiltin.of("unstack", 1, 2, "unstack(t[, axis])", "the list of views t[i] along axis (0 by default): stack's inverse",
                (site, args) -> TensorArgs.isSymbolicZero(args[0]) ? (Object) 0.0 : unstack(site, args))
                .withRules("(x, axis) -> { let out = unstack(x, axis)\n (out, g -> (stack(densify(g, out), axis), 0.0)) }",
                    "(x, x_dot, axis, axis_dot) -> (unstack(x, axis), unstack(x_dot, axis))"),
            TensorBuiltin.of("densify", 2, 2, "densify(g, like)",
                "a derivative g made concrete: the symbolic zero 0.0 (also inside a list) becomes zeros shaped like the matching part of like, and tensors are summed to like's shapes",
                (site, args) -> densify(args[0], args[1], true))
                .withRules("(g, like) -> (densify(g, like), h -> (h, 0.0))",
                    "(g, g_dot, like, like_dot) -> (densify(g, like), densify(g_dot, like))"));
    }

    private static int axis(BuiltinRootNode site, Object[] args, int index) {
        return TensorArgs.integer(site, args, index, 0);
    }

    private static Backend backend(BuiltinRootNode site, Object[] args) {
        List<Tensor> ts = tensors(site, args);
        return ts.isEmpty() ? TensorSupport.defaultBackend() : TensorSupport.backend(ts.get(0));
    }

    /** The first argument: a list (or tuple) of tensors. */
    private static List<Tensor> tensors(BuiltinRootNode site, Object[] args) {
        Object[] items = args[0] instanceof DeltaList list ? list.toArray() : args[0] instanceof DeltaTuple tuple ? tuple.items() : null;
        if (items == null) {
            throw TensorArgs.wrongType(site, args, 0, "a list of tensors");
        }
        List<Tensor> out = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof DeltaTensor t)) {
                throw TensorArgs.error(site, "expects a list of tensors, but item " + i + " is " + Values.describe(items[i]));
            }
            out.add(t.tensor());
        }
        return out;
    }

    private static Object split(BuiltinRootNode site, Object[] args) {
        Tensor t = TensorArgs.tensor(site, args, 0);
        int[] sizes = TensorArgs.ints(site, args, 1, "a list of sizes");
        int a = t.shape().axis("split", axis(site, args, 2));
        int total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw TensorArgs.error(site, "sizes " + java.util.Arrays.toString(sizes) + " include a negative size");
            }
            total += s;
        }
        if (total != t.shape().dim(a)) {
            throw TensorArgs.error(site, "sizes " + java.util.Arrays.toString(sizes) + " add up to " + total + ", but axis " + a + " of shape "
                            + t.shape() + " has length " + t.shape().dim(a));
        }
        ArrayList<Object> parts = new ArrayList<>();
        int start = 0;
        for (int s : sizes) {
            parts.add(new DeltaTensor(t.narrow(a, start, s)));
            start += s;
        }
        return new DeltaList(parts);
    }

    private static Object unstack(BuiltinRootNode site, Object[] args) {
        Tensor t = TensorArgs.tensor(site, args, 0);
        int a = t.shape().axis("unstack", axis(site, args, 1));
        ArrayList<Object> parts = new ArrayList<>();
        for (int i = 0; i < t.shape().dim(a); i++) {
            parts.add(new DeltaTensor(t.select(a, i)));
        }
        return new DeltaList(parts);
    }

    /**
     * g with its symbolic zeros made concrete, following like's structure. The whole g being the
     * symbolic zero stays symbolic (linear operations pass it through), and so does a list of them.
     */
    private static Object densify(Object g, Object like, boolean top) {
        if (TensorArgs.isSymbolicZero(g) && top) {
            return 0.0;
        }
        if (like instanceof DeltaTensor l) {
            Tensor x = l.tensor();
            Backend backend = TensorSupport.backend(x);
            if (g instanceof DeltaTensor t) {
                return t.tensor().shape().equals(x.shape()) ? t : new DeltaTensor(TensorGradients.sumOrBroadcast(backend, t.tensor(), x.shape()));
            }
            double value = g instanceof Number n ? n.doubleValue() : 0.0;
            return new DeltaTensor(backend.full(x.shape(), delta.tensor.DType.floating(x.dtype()), value));
        }
        Object[] likes = like instanceof DeltaList list ? list.toArray() : like instanceof DeltaTuple tuple ? tuple.items() : null;
        if (likes == null) {
            return g;
        }
        Object[] parts = g instanceof DeltaList list ? list.toArray() : g instanceof DeltaTuple tuple ? tuple.items() : null;
        boolean allZero = true;
        ArrayList<Object> out = new ArrayList<>(likes.length);
        for (int i = 0; i < likes.length; i++) {
            Object part = parts != null && i < parts.length ? parts[i] : 0.0;
            allZero &= TensorArgs.isSymbolicZero(part);
            out.add(densify(part, likes[i], false));
        }
        return allZero && top ? (Object) 0.0 : new DeltaList(out);
    }
}
