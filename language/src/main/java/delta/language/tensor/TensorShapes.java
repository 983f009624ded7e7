package delta.language.tensor;

import static delta.language.tensor.TensorArgs.ints;
import static delta.language.tensor.TensorArgs.shape;
import static delta.language.tensor.TensorArgs.tensor;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaList;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Shape operations. Reshape (where the strides allow), transpose, permute, broadcast_to,
 * expand_dims and squeeze are views: they share the storage of their operand. Their rules are
 * the inverse shape operation; sum_to, the adjoint of broadcasting, sums over broadcast axes.
 * <p>
 * Derivative code uses the number 0.0 as "zero of any shape": these linear operations pass it
 * through unchanged, while any other number is a 0-d tensor.
 */
final class TensorShapes {
    private TensorShapes() {}

    static List<Builtin> all() {
        return List.of(
            TensorBuiltin.of("shape", 1, 1, "shape(t)", "the shape of t as a list of ints ([] for a number); also t.shape",
                (site, args) -> shapeList(args[0] instanceof DeltaTensor t ? t.tensor().shape() : Shape.SCALAR)).nonDifferentiable(),
            TensorBuiltin.of("tolist", 1, 1, "tolist(t)", "t as nested lists of numbers (a number for a 0-d tensor or a number)",
                // A number passes through: it is what a 0-d tensor gives, and the symbolic zero of an adjoint.
                (site, args) -> args[0] instanceof Double || args[0] instanceof Long ? args[0]
                    : TensorToValues.nested(TensorArgs.tensor(site, args, 0))).nonDifferentiable(),
            TensorBuiltin.of("item", 1, 1, "item(t)", "the number in a one-element tensor (a float; an int or bool for i64 and bool tensors)",
                (site, args) -> {
                    if (args[0] instanceof Double || args[0] instanceof Long) {
                        return args[0];
                    }
                    Tensor t = TensorArgs.tensor(site, args, 0);
                    return TensorToValues.element(TensorSupport.backend(t).item(t), t.dtype());
                })
                .withRules("(x) -> { let out = item(x)\n (out, g -> (reshape(sum_to(g, out), shape(x)),)) }", "(x, x_dot) -> (item(x), item(x_dot))"),
            TensorBuiltin.of("rank", 1, 1, "rank(t)", "the number of axes of t (0 for a number)",
                (site, args) -> (long) (args[0] instanceof DeltaTensor t ? t.tensor().rank() : 0)).nonDifferentiable(),
            TensorBuiltin.of("reduced_shape", 2, 2, "reduced_shape(t, axis)", "t's shape with the axes a reduction over axis removes set to 1",
                (site, args) -> shapeList(reducedShape(site, args))).nonDifferentiable(),
            TensorBuiltin.of("reduced_count", 2, 2, "reduced_count(t, axis)", "how many elements a reduction of t over axis combines into each result",
                (site, args) -> (long) (size(args[0]) / reducedShape(site, args).size())).nonDifferentiable(),
            linear("reshape", 2, 2, "reshape(t, shape)", "t with a new shape of the same size (a view where the strides allow; one dimension may be -1)",
                (site, args, t) -> TensorSupport.backend(t).reshape(t, ints(site, args, 1, "a shape (a list of ints)")))
                .withRules("(x, s) -> { let out = reshape(x, s)\n (out, g -> (reshape(sum_to(g, out), shape(x)), 0.0)) }",
                    "(x, x_dot, s, s_dot) -> (reshape(x, s), reshape(x_dot, s))"),
            linear("transpose", 1, 3, "transpose(t[, a, b])", "t with axes a and b swapped (a view); without them, all axes reversed",
                (site, args, t) -> TensorArgs.given(args, 1) ? t.transpose(t.shape().axis("transpose", TensorArgs.integer(site, args, 1)),
                    t.shape().axis("transpose", TensorArgs.integer(site, args, 2, -1))) : t.permute(reversed(t.rank())))
                .withRules("(x, a, b) -> { let out = transpose(x, a, b)\n (out, g -> (transpose(sum_to(g, out), a, b), 0.0, 0.0)) }",
                    "(x, x_dot, a, a_dot, b, b_dot) -> (transpose(x, a, b), transpose(x_dot, a, b))"),
            linear("permute", 2, 2, "permute(t, axes)", "t with its axes in the order given (a view)",
                (site, args, t) -> t.permute(ints(site, args, 1, "a list of axes")))
                .withRules("(x, axes) -> { let out = permute(x, axes)\n (out, g -> (permute(sum_to(g, out), inverse_permutation(axes)), 0.0)) }",
                    "(x, x_dot, axes, axes_dot) -> (permute(x, axes), permute(x_dot, axes))"),
            TensorBuiltin.of("inverse_permutation", 1, 1, "inverse_permutation(axes)", "the permutation that undoes permute(t, axes)",
                (site, args) -> {
                    int[] axes = ints(site, args, 0, "a list of axes");
                    long[] inverse = new long[axes.length];
                    for (int i = 0; i < axes.length; i++) {
                        inverse[Math.floorMod(axes[i], axes.length)] = i;
                    }
                    ArrayList<Object> out = new ArrayList<>();
                    for (long v : inverse) {
                        out.add(v);
                    }
                    return new DeltaList(out);
                }).nonDifferentiable(),
            TensorBuiltin.of("broadcast_to", 2, 2, "broadcast_to(t, shape)", "t repeated along new or size-1 axes to shape (a view)",
                (site, args) -> TensorArgs.tensorOrNumber(site, args, 0, null).broadcastTo(shape(site, args, 1)))
                .withRules("(x, s) -> (broadcast_to(x, s), g -> (sum_to(g, x), 0.0))",
                    "(x, x_dot, s, s_dot) -> (broadcast_to(x, s), broadcast_to(x_dot, s))"),
            TensorBuiltin.of("sum_to", 2, 2, "sum_to(t, like)", "t summed over the axes along which like was broadcast to t's shape, in like's floating dtype: the adjoint of broadcasting",
                (site, args) -> sumTo(site, args))
                .withRules("(x, like) -> { let out = sum_to(x, like)\n (out, g -> (broadcast_to(sum_to(g, out), shape(x)), 0.0)) }",
                    "(x, x_dot, like, like_dot) -> (sum_to(x, like), sum_to(x_dot, like))"),
            linear("expand_dims", 2, 2, "expand_dims(t, axis)", "t with a new axis of size 1 at axis (a view)",
                (site, args, t) -> t.expandDims(Math.floorMod(TensorArgs.integer(site, args, 1), t.rank() + 1)))
                .withRules("(x, axis) -> { let out = expand_dims(x, axis)\n (out, g -> (reshape(sum_to(g, out), shape(x)), 0.0)) }",
                    "(x, x_dot, axis, axis_dot) -> (expand_dims(x, axis), expand_dims(x_dot, axis))"),
            linear("squeeze", 1, 2, "squeeze(t[, axis])", "t without its axes of size 1 (or only axis) (a view)",
                (site, args, t) -> TensorArgs.given(args, 1) ? t.squeeze(t.shape().axis("squeeze", TensorArgs.integer(site, args, 1))) : t.squeeze())
                .withRules("(x, axis) -> { let out = squeeze(x, axis)\n (out, g -> (reshape(sum_to(g, out), shape(x)), 0.0)) }",
                    "(x, x_dot, axis, axis_dot) -> (squeeze(x, axis), squeeze(x_dot, axis))"),
            linear("matmul", 2, 2, "matmul(a, b)", "the matrix product a @ b",
                (site, args, t) -> {
                    if (TensorArgs.isSymbolicZero(args[1])) {
                        return null;
                    }
                    return TensorSupport.matmul(args[0], args[1], site).tensor();
                })
                // The matrix products' adjoints are deferred (defer: computed only if read). In a training
                // step nobody reads the batch's, the most expensive of the step's products.
                .withRules("""
                    (x, y) -> { let out = x @ y
                      (out, g -> {
                        let gs = sum_to(g, out)
                        if rank(x) == 1 and rank(y) == 1 { (gs * y, gs * x) }
                        else if rank(y) == 1 { (expand_dims(gs, -1) * y, sum_to(squeeze(transpose(x, -1, -2) @ expand_dims(gs, -1), -1), y)) }
                        else if rank(x) == 1 { (sum_to(squeeze(y @ expand_dims(gs, -1), -1), x), sum_to(expand_dims(x, -1) * expand_dims(gs, -2), y)) }
                        else { (defer(() -> sum_to(gs @ transpose(y, -1, -2), x)), defer(() -> sum_to(transpose(x, -1, -2) @ gs, y))) }
                      }) }""",
                    "(x, x_dot, y, y_dot) -> (x @ y, matmul(x_dot, y) + matmul(x, y_dot))"));
    }

    @FunctionalInterface
    interface LinearBody {
        Tensor apply(BuiltinRootNode site, Object[] args, Tensor t);
    }

    /** A linear operation of its first argument: 0.0 passes through, a number is a 0-d tensor. */
    private static Builtin linear(String name, int minArity, int maxArity, String signature, String doc, LinearBody body) {
        return TensorBuiltin.of(name, minArity, maxArity, signature, doc, (site, args) -> {
            if (TensorArgs.isSymbolicZero(args[0])) {
                return 0.0;
            }
            Tensor result = body.apply(site, args, TensorArgs.tensorOrNumber(site, args, 0, null));
            return result == null ? (Object) 0.0 : result;
        });
    }

    private static Object sumTo(BuiltinRootNode site, Object[] args) {
        if (!(args[0] instanceof DeltaTensor g)) {
            TensorArgs.tensorOrNumber(site, args, 0, null);
            return args[0]; // a number broadcasts to any shape as it is
        }
        Shape target = args[1] instanceof DeltaTensor like ? like.tensor().shape() : Shape.SCALAR;
        Tensor t = g.tensor();
        Tensor summed = t.shape().equals(target) ? t : TensorGradients.sumOrBroadcast(TensorSupport.backend(t), t, target);
        // An adjoint takes its value's floating dtype: a loss computed in f64 from an f32 network
        // (f64 one-hot targets, say) must not turn the whole backward pass into f64 arithmetic.
        if (args[1] instanceof DeltaTensor like && like.tensor().dtype().isFloating() && summed.dtype() != like.tensor().dtype()
                        && summed.dtype().isFloating()) {
            return TensorSupport.backend(summed).astype(summed, like.tensor().dtype());
        }
        return summed;
    }

    private static Shape reducedShape(BuiltinRootNode site, Object[] args) {
        Shape s = args[0] instanceof DeltaTensor t ? t.tensor().shape() : Shape.SCALAR;
        int[] axes = TensorArgs.axes(site, args, 1);
        int[] dims = s.dims();
        if (axes == null) {
            java.util.Arrays.fill(dims, 1);
        } else {
            for (int a : axes) {
                dims[s.axis(site.getName(), a)] = 1;
            }
        }
        return Shape.of(dims);
    }

    private static long size(Object value) {
        return value instanceof DeltaTensor t ? t.tensor().size() : 1;
    }

    static DeltaList shapeList(Shape shape) {
        ArrayList<Object> dims = new ArrayList<>();
        for (int d : shape.dims()) {
            dims.add((long) d);
        }
        return new DeltaList(dims);
    }

    private static int[] reversed(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = rank - 1 - i;
        }
        return p;
    }
}
