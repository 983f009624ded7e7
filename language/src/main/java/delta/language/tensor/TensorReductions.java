package delta.language.tensor;

import static delta.language.tensor.TensorArgs.axes;
import static delta.language.tensor.TensorArgs.bool;
import static delta.language.tensor.TensorArgs.tensor;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaError;
import delta.tensor.Backend;
import delta.tensor.BinaryOp;
import delta.tensor.ReduceOp;
import delta.tensor.Tensor;
import java.util.List;

/**
 * Reductions along axes (all of them by default) and the softmax family, each with its rules.
 * Every pullback first brings {@code g} to the result's shape ({@code sum_to(g, out)}), because
 * adjoints of broadcast values arrive unreduced (see {@link TensorGradients}).
 */
public final class TensorReductions {
    private TensorReductions() {}

    /** g brought back to x's rank with the reduced axes as size 1, then spread over them. */
    private static final String SPREAD = "broadcast_to(reshape(sum_to(g, out), reduced_shape(x, axis)), shape(x))";

    private static final String REDUCE_JVP = "(x, x_dot, axis, axis_dot, keepdims, keepdims_dot) -> (%1$s(x, axis, keepdims), %1$s(x_dot, axis, keepdims))";

    /** max and min of a tensor: the gradient goes to the extreme elements, shared equally between ties. */
    private static final String EXTREME_SHARE = "let out = %1$s(x, axis, keepdims)\n"
                    + "let mask = where(x == reshape(out, reduced_shape(x, axis)), 1.0, 0.0)\n"
                    + "let share = mask / sum(mask, axis, true)\n";

    /**
     * The rules of max and min, for the calls their partials (two operands, element-wise) do not
     * cover: max(x) of one tensor or list sends the gradient to the extreme elements (shared
     * between ties; a list for a list). The two-operand branch serves max used as a value.
     * Format with the name and the comparison that picks x (">=" for max, "<=" for min).
     */
    public static final String EXTREME_VJP = """
                    (x, y) -> if type(y) != "none" {
                        (%1$s(x, y), g -> (sum_to(g * where(x %2$s y, 1.0, 0.0), x), sum_to(g * where(x %2$s y, 0.0, 1.0), y)))
                    } else {
                        let t = if type(x) == "tensor" { x } else { tensor(x) }
                        let out = %1$s(x)
                        let mask = where(t == %1$s(t), 1.0, 0.0)
                        let share = mask / sum(mask)
                        (out, g -> (if type(x) == "tensor" { share * sum_to(g, out) } else { tolist(share * g) }, 0.0))
                    }""";
    public static final String EXTREME_JVP = """
                    (x, x_dot, y, y_dot) -> if type(y) != "none" {
                        (%1$s(x, y), where(x %2$s y, 1.0, 0.0) * x_dot + where(x %2$s y, 0.0, 1.0) * y_dot)
                    } else {
                        let t = if type(x) == "tensor" { x } else { tensor(x) }
                        let mask = where(t == %1$s(t), 1.0, 0.0)
                        let tangent = sum(mask / sum(mask) * (if type(x) == "tensor" { x_dot } else { tensor(x_dot) }))
                        (%1$s(x), if type(x) == "tensor" { tangent } else { item(tangent) })
                    }""";

    private static final String AXIS_OR_LAST = "let a = if axis == none { -1 } else { axis }\n";

    static List<Builtin> all() {
        return List.of(
            reduction("sum", ReduceOp.SUM, "the sum of the elements")
                .withRules("(x, axis, keepdims) -> { let out = sum(x, axis, keepdims)\n (out, g -> (" + SPREAD + ", 0.0, 0.0)) }",
                    REDUCE_JVP.formatted("sum")),
            reduction("mean", ReduceOp.MEAN, "the mean of the elements")
                .withRules("(x, axis, keepdims) -> { let out = mean(x, axis, keepdims)\n (out, g -> (" + SPREAD
                    + " / reduced_count(x, axis), 0.0, 0.0)) }", REDUCE_JVP.formatted("mean")),
            moment("var", false, "the variance of t (the mean squared deviation from the mean, NumPy's and JAX's default; PyTorch's divides by n - 1)")
                .withRules("(x, axis, keepdims) -> { let d = x - mean(x, axis, true)\n let out = mean(d * d, axis, keepdims)\n"
                    + " (out, g -> (2.0 * d * reshape(sum_to(g, out), reduced_shape(x, axis)) / reduced_count(x, axis), 0.0, 0.0)) }",
                    "(x, x_dot, axis, axis_dot, keepdims, keepdims_dot) -> { let d = x - mean(x, axis, true)\n"
                    + " (mean(d * d, axis, keepdims), 2.0 * mean(d * x_dot, axis, keepdims)) }"),
            moment("std", true, "the standard deviation of t, sqrt(var(t))")
                .withRules("(x, axis, keepdims) -> { let d = x - mean(x, axis, true)\n let out = sqrt(mean(d * d, axis, keepdims))\n"
                    + " (out, g -> (d * reshape(sum_to(g, out) / out, reduced_shape(x, axis)) / reduced_count(x, axis), 0.0, 0.0)) }",
                    "(x, x_dot, axis, axis_dot, keepdims, keepdims_dot) -> { let d = x - mean(x, axis, true)\n"
                    + " let out = sqrt(mean(d * d, axis, keepdims))\n (out, mean(d * x_dot, axis, keepdims) / out) }"),
            TensorBuiltin.of("norm", 1, 3, "norm(t[, axis[, keepdims]])",
                "the Euclidean (Frobenius) norm of t, sqrt(sum(t * t)), along axis (an int or a list; all axes by default), "
                    + "as NumPy's linalg.norm without ord; of a number, its absolute value",
                (site, args) -> {
                    if (args[0] instanceof Double || args[0] instanceof Long) {
                        return Math.abs(TensorArgs.number(site, args, 0));
                    }
                    Tensor x = tensor(site, args, 0);
                    Backend b = backend(site, args);
                    return b.unary(delta.tensor.UnaryOp.SQRT,
                        b.reduce(ReduceOp.SUM, b.binary(BinaryOp.MUL, x, x), axes(site, args, 1), bool(site, args, 2, false)));
                })
                .withRules("(x, axis, keepdims) -> { let out = norm(x, axis, keepdims)\n"
                    + " (out, g -> (x * reshape(sum_to(g, out) / out, reduced_shape(x, axis)), 0.0, 0.0)) }",
                    "(x, x_dot, axis, axis_dot, keepdims, keepdims_dot) -> { let out = norm(x, axis, keepdims)\n"
                    + " (out, sum(x * x_dot, axis, keepdims) / out) }"),
            TensorBuiltin.of("cumsum", 1, 3, "cumsum(t[, axis[, reverse]])",
                "the running sums of t along axis (of the flattened tensor without one, as NumPy's cumsum); "
                    + "with reverse true, summed from the end",
                (site, args) -> {
                    Tensor x = tensor(site, args, 0);
                    boolean reverse = bool(site, args, 2, false);
                    if (!TensorArgs.given(args, 1)) {
                        x = backend(site, args).reshape(x, x.size());
                    }
                    return backend(site, args).cumsum(x, TensorArgs.given(args, 1) ? TensorArgs.integer(site, args, 1) : 0, reverse);
                })
                .withRules("(x, axis, reverse) -> { let out = cumsum(x, axis, reverse)\n"
                    + " (out, g -> (reshape(cumsum(sum_to(g, out), if axis == none { 0 } else { axis }, reverse != true), shape(x)), 0.0, 0.0)) }",
                    "(x, x_dot, axis, axis_dot, reverse, reverse_dot) -> (cumsum(x, axis, reverse), cumsum(x_dot, axis, reverse))"),
            TensorBuiltin.of("prod", 1, 3, "prod(t[, axis[, keepdims]])",
                "the product of the elements of t, along axis (an int; all axes by default), as NumPy's prod; of a number, itself",
                (site, args) -> args[0] instanceof Double || args[0] instanceof Long ? args[0]
                    : backend(site, args).product(tensor(site, args, 0), axis(site, args), bool(site, args, 2, false), false))
                .withRules("(x, axis, keepdims) -> { let out = prod(x, axis, keepdims)\n"
                    + " (out, g -> (reshape(sum_to(g, out), reduced_shape(x, axis)) * prod_others(x, axis), 0.0, 0.0)) }",
                    "(x, x_dot, axis, axis_dot, keepdims, keepdims_dot) -> (prod(x, axis, keepdims), sum(prod_others(x, axis) * x_dot, axis, keepdims))"),
            TensorBuiltin.of("prod_others", 2, 2, "prod_others(t, axis)",
                "at each position, the product of the other elements of its line along axis (of all elements for none): prod's gradient",
                (site, args) -> backend(site, args).product(tensor(site, args, 0), axis(site, args), false, true)).nonDifferentiable(),
            TensorBuiltin.of("sort", 1, 2, "sort(t[, axis])",
                "t with each line along axis (the last by default) in ascending order, nan last, as NumPy's sort; "
                    + "for lists, sorted(xs)",
                (site, args) -> {
                    Tensor x = tensor(site, args, 0);
                    int axis = TensorArgs.given(args, 1) ? TensorArgs.integer(site, args, 1) : -1;
                    Backend b = backend(site, args);
                    return b.gather(x, axis, b.argsort(x, axis));
                })
                .withRules("(x, axis) -> { " + AXIS_OR_LAST + " let order = argsort(x, a)\n let out = gather(x, a, order)\n"
                    + " (out, g -> (scatter_add(shape(x), a, order, sum_to(g, out)), 0.0)) }",
                    "(x, x_dot, axis, axis_dot) -> { " + AXIS_OR_LAST + " let order = argsort(x, a)\n (gather(x, a, order), gather(x_dot, a, order)) }"),
            reduction("amax", ReduceOp.MAX, "the largest element (nan if there is one)")
                .withRules(extremeVjp("amax"), extremeJvp("amax")),
            reduction("amin", ReduceOp.MIN, "the smallest element (nan if there is one)")
                .withRules(extremeVjp("amin"), extremeJvp("amin")),
            reduction("logsumexp", ReduceOp.LOGSUMEXP, "log(sum(exp(x))), computed without overflow")
                .withRules("(x, axis, keepdims) -> { let out = logsumexp(x, axis, keepdims)\n"
                    + " let p = exp(x - reshape(out, reduced_shape(x, axis)))\n"
                    + " (out, g -> (p * reshape(sum_to(g, out), reduced_shape(x, axis)), 0.0, 0.0)) }",
                    "(x, x_dot, axis, axis_dot, keepdims, keepdims_dot) -> { let out = logsumexp(x, axis, keepdims)\n"
                    + " (out, sum(exp(x - reshape(out, reduced_shape(x, axis))) * x_dot, axis, keepdims)) }"),
            TensorBuiltin.of("argmax", 1, 3, "argmax(t[, axis[, keepdims]])", "the index of the largest element (of the flattened tensor without an axis), as i64",
                (site, args) -> backend(site, args).argmax(tensor(site, args, 0), axis(site, args), bool(site, args, 2, false))).nonDifferentiable(),
            TensorBuiltin.of("argmin", 1, 3, "argmin(t[, axis[, keepdims]])", "the index of the smallest element, as i64",
                (site, args) -> backend(site, args).argmin(tensor(site, args, 0), axis(site, args), bool(site, args, 2, false))).nonDifferentiable(),
            TensorBuiltin.of("softmax", 1, 2, "softmax(t[, axis])", "exp(t) / sum(exp(t)) along axis (the last by default), without overflow",
                (site, args) -> backend(site, args).softmax(tensor(site, args, 0), TensorArgs.integer(site, args, 1, -1)))
                .withRules("(x, axis) -> { " + AXIS_OR_LAST + " let s = softmax(x, a)\n"
                    + " (s, g -> { let gs = sum_to(g, s)\n (s * (gs - sum(gs * s, a, true)), 0.0) }) }",
                    "(x, x_dot, axis, axis_dot) -> { " + AXIS_OR_LAST + " let s = softmax(x, a)\n (s, s * (x_dot - sum(s * x_dot, a, true))) }"),
            TensorBuiltin.of("log_softmax", 1, 2, "log_softmax(t[, axis])", "log(softmax(t, axis)), computed stably",
                (site, args) -> backend(site, args).logSoftmax(tensor(site, args, 0), TensorArgs.integer(site, args, 1, -1)))
                .withRules("(x, axis) -> { " + AXIS_OR_LAST + " let out = log_softmax(x, a)\n"
                    + " (out, g -> { let gs = sum_to(g, out)\n (gs - exp(out) * sum(gs, a, true), 0.0) }) }",
                    "(x, x_dot, axis, axis_dot) -> { " + AXIS_OR_LAST + " let out = log_softmax(x, a)\n"
                    + " (out, x_dot - sum(exp(out) * x_dot, a, true)) }"));
    }

    private static String extremeVjp(String name) {
        return ("(x, axis, keepdims) -> { " + EXTREME_SHARE + " (out, g -> (share * reshape(sum_to(g, out), reduced_shape(x, axis)), 0.0, 0.0)) }")
                        .formatted(name);
    }

    private static String extremeJvp(String name) {
        return ("(x, x_dot, axis, axis_dot, keepdims, keepdims_dot) -> { " + EXTREME_SHARE + " (out, sum(share * x_dot, axis, keepdims)) }")
                        .formatted(name);
    }

    /**
     * A reduction over {@code axis} (none: all axes; an int or a list of ints), keeping the reduced
     * axes as size 1 when {@code keepdims}. A number reduces to itself, and the symbolic zero 0.0 of
     * derivative code stays 0.0.
     */
    private static Builtin reduction(String name, ReduceOp op, String what) {
        return TensorBuiltin.of(name, 1, 3, name + "(t[, axis[, keepdims]])", what + " of t, along axis (an int or a list; all axes by default)",
            (site, args) -> {
                if (args[0] instanceof Double || args[0] instanceof Long) {
                    return args[0];
                }
                return backend(site, args).reduce(op, tensor(site, args, 0), axes(site, args, 1), bool(site, args, 2, false));
            });
    }

    /**
     * var and std: the mean of the squared deviations from the mean along the axes (with its square
     * root for std). A number's is 0.0. The deviation goes through the mean with keepdims, so it
     * broadcasts back over the reduced axes.
     */
    private static Builtin moment(String name, boolean root, String what) {
        return TensorBuiltin.of(name, 1, 3, name + "(t[, axis[, keepdims]])", what + ", along axis (an int or a list; all axes by default)",
            (site, args) -> {
                if (args[0] instanceof Double || args[0] instanceof Long) {
                    return 0.0;
                }
                Tensor x = tensor(site, args, 0);
                Backend b = backend(site, args);
                int[] axes = axes(site, args, 1);
                Tensor d = b.binary(BinaryOp.SUB, x, b.reduce(ReduceOp.MEAN, x, axes, true));
                Tensor variance = b.reduce(ReduceOp.MEAN, b.binary(BinaryOp.MUL, d, d), axes, bool(site, args, 2, false));
                return root ? b.unary(delta.tensor.UnaryOp.SQRT, variance) : variance;
            });
    }

    private static Integer axis(BuiltinRootNode site, Object[] args) {
        return TensorArgs.given(args, 1) ? TensorArgs.integer(site, args, 1) : null;
    }

    private static Backend backend(BuiltinRootNode site, Object[] args) {
        return TensorSupport.backend(tensor(site, args, 0));
    }

    /** max(t) / min(t) of one tensor, or the element-wise maximum / minimum of two operands, one a tensor. */
    public static Object extreme(BuiltinRootNode site, Object[] args, boolean smallest) {
        if (args.length == 1) {
            Tensor t = ((DeltaTensor) args[0]).tensor();
            try {
                return new DeltaTensor(TensorSupport.backend(t).reduce(smallest ? ReduceOp.MIN : ReduceOp.MAX, t, null, false));
            } catch (delta.tensor.TensorError e) {
                throw TensorSupport.error(site, e);
            }
        }
        if (args.length != 2) {
            throw DeltaError.at(site, site.getName() + "() of tensors takes one tensor or two operands");
        }
        return TensorSupport.binary(smallest ? BinaryOp.MINIMUM : BinaryOp.MAXIMUM, args[0], args[1], site);
    }
}
