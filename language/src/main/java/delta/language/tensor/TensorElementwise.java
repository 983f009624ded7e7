package delta.language.tensor;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.tensor.BinaryOp;
import delta.tensor.DType;
import delta.tensor.Tensor;
import java.util.List;

/**
 * Element-wise builtins of several operands with NumPy broadcasting. They also take plain numbers
 * (then they compute on numbers), so one derivative rule serves both: the rules are partials,
 * which the reverse sweep multiplies by the result's adjoint.
 */
final class TensorElementwise {
    private TensorElementwise() {}

    static List<Builtin> all() {
        return List.of(
            TensorBuiltin.of("maximum", 2, 2, "maximum(a, b)", "the larger of a and b, element by element (nan if either is)",
                (site, args) -> pair(site, args, BinaryOp.MAXIMUM)).differentiable("where(x >= y, 1.0, 0.0)", "where(x >= y, 0.0, 1.0)"),
            TensorBuiltin.of("minimum", 2, 2, "minimum(a, b)", "the smaller of a and b, element by element (nan if either is)",
                (site, args) -> pair(site, args, BinaryOp.MINIMUM)).differentiable("where(x <= y, 1.0, 0.0)", "where(x <= y, 0.0, 1.0)"),
            TensorBuiltin.of("logical_and", 2, 2, "logical_and(a, b)", "a and b, element by element with broadcasting (a bool tensor; a bool for two bools); nonzero is true",
                (site, args) -> logical(site, args, BinaryOp.AND)).nonDifferentiable(),
            TensorBuiltin.of("logical_or", 2, 2, "logical_or(a, b)", "a or b, element by element with broadcasting (a bool tensor; a bool for two bools); nonzero is true",
                (site, args) -> logical(site, args, BinaryOp.OR)).nonDifferentiable(),
            TensorBuiltin.of("logical_not", 1, 1, "logical_not(a)", "not a, element by element (a bool tensor; a bool for a bool): true where a is false or zero",
                (site, args) -> args[0] instanceof DeltaTensor t ? TensorSupport.unary(delta.tensor.UnaryOp.NOT, t, site)
                    : !truth(site, args, 0)).nonDifferentiable(),
            TensorBuiltin.of("where", 3, 3, "where(cond, a, b)", "a where cond is true, else b, element by element",
                TensorElementwise::where).differentiable("0.0", "where(x, 1.0, 0.0)", "where(x, 0.0, 1.0)"),
            TensorBuiltin.of("clip", 3, 3, "clip(t, lo, hi)", "t limited to the range [lo, hi], element by element",
                (site, args) -> {
                    double lo = TensorArgs.number(site, args, 1);
                    double hi = TensorArgs.number(site, args, 2);
                    if (!(args[0] instanceof DeltaTensor)) {
                        return Math.min(Math.max(TensorArgs.number(site, args, 0), lo), hi);
                    }
                    Tensor t = TensorArgs.tensor(site, args, 0);
                    return TensorSupport.backend(t).clip(t, lo, hi);
                }).differentiable("where(x < y, 0.0, where(x > z, 0.0, 1.0))", "0.0", "0.0"));
    }

    private static Object pair(BuiltinRootNode site, Object[] args, BinaryOp op) {
        if (args[0] instanceof DeltaTensor || args[1] instanceof DeltaTensor) {
            return TensorSupport.binary(op, args[0], args[1], site);
        }
        return op.apply(TensorArgs.number(site, args, 0), TensorArgs.number(site, args, 1));
    }

    /**
     * logical_and and logical_or: element-wise on tensors, where a bool or a number on one side
     * broadcasts; on two bools or numbers, a bool (Delta's and/or take bools only and do not look
     * into tensors, like Python's on NumPy arrays).
     */
    private static Object logical(BuiltinRootNode site, Object[] args, BinaryOp op) {
        if (args[0] instanceof DeltaTensor || args[1] instanceof DeltaTensor) {
            return TensorSupport.binary(op, args[0], args[1], site);
        }
        return op.apply(truth(site, args, 0) ? 1 : 0, truth(site, args, 1) ? 1 : 0) != 0;
    }

    /** A bool, or a number as NumPy reads it (nonzero is true). */
    private static boolean truth(BuiltinRootNode site, Object[] args, int index) {
        return args[index] instanceof Boolean b ? b : TensorArgs.number(site, args, index) != 0;
    }

    private static Object where(BuiltinRootNode site, Object[] args) {
        if (args[0] instanceof Boolean b) {
            if (!(args[1] instanceof DeltaTensor) && !(args[2] instanceof DeltaTensor)) {
                TensorArgs.number(site, args, 1);
                TensorArgs.number(site, args, 2);
                return b ? args[1] : args[2];
            }
        }
        Tensor cond = TensorArgs.tensorOrNumber(site, args, 0, null);
        Tensor like = args[1] instanceof DeltaTensor t ? t.tensor() : args[2] instanceof DeltaTensor t ? t.tensor() : null;
        Tensor a = TensorArgs.tensorOrNumber(site, args, 1, like);
        Tensor b = TensorArgs.tensorOrNumber(site, args, 2, like);
        if (like == null && a.dtype() != b.dtype()) {
            a = TensorSupport.backend(a).astype(a, DType.promote(a.dtype(), b.dtype()));
        }
        return TensorSupport.backend(cond).where(cond, a, b);
    }
}
