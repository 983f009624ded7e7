package delta.language.tensor;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaTuple;
import delta.tensor.DType;
import delta.tensor.Tensor;
import java.util.List;

/**
 * Reads at computed positions: gather (PyTorch's, along one axis) with scatter_add, its adjoint
 * (and the other way round), and one_hot. Indices are i64 tensors; nested lists of ints are
 * accepted too and converted.
 */
final class TensorGather {
    private TensorGather() {}

    static List<Builtin> all() {
        return List.of(
            TensorBuiltin.of("gather", 3, 3, "gather(x, axis, indices)",
                "PyTorch's gather: out[i][j][k] = x[i][indices[i][j][k]][k] for axis 1; indices have x's rank and the result their shape",
                (site, args) -> {
                    if (TensorArgs.isSymbolicZero(args[0])) {
                        return 0.0; // linear in x: the symbolic zero passes through
                    }
                    Tensor x = TensorArgs.tensor(site, args, 0);
                    return TensorSupport.backend(x).gather(x, TensorArgs.integer(site, args, 1), indices(site, args, 2));
                })
                .withRules("(x, axis, indices) -> { let out = gather(x, axis, indices)\n"
                    + " (out, g -> (scatter_add(shape(x), axis, indices, sum_to(g, out)), 0.0, 0.0)) }",
                    "(x, x_dot, axis, axis_dot, indices, indices_dot) -> (gather(x, axis, indices), gather(x_dot, axis, indices))"),
            TensorBuiltin.of("scatter_add", 4, 4, "scatter_add(shape, axis, indices, src)",
                "zeros of shape with src added where gather(_, axis, indices) reads: out[i][indices[i][j][k]][k] += src[i][j][k] for axis 1",
                (site, args) -> {
                    if (TensorArgs.isSymbolicZero(args[3])) {
                        return 0.0;
                    }
                    Tensor src = TensorArgs.tensor(site, args, 3);
                    return TensorSupport.backend(src).scatterAdd(TensorArgs.shape(site, args, 0), TensorArgs.integer(site, args, 1), indices(site, args, 2), src);
                })
                .withRules("(s, axis, indices, src) -> { let out = scatter_add(s, axis, indices, src)\n"
                    + " (out, g -> (0.0, 0.0, 0.0, gather(sum_to(g, out), axis, indices))) }",
                    "(s, s_dot, axis, axis_dot, indices, indices_dot, src, src_dot) -> (scatter_add(s, axis, indices, src), scatter_add(s, axis, indices, src_dot))"),
            TensorBuiltin.of("one_hot", 2, 3, "one_hot(indices, n[, dtype])",
                "indices.shape + [n]: 1 where the last axis equals the index, else 0; dtype \"f64\" by default (ready to multiply with log-probabilities)",
                (site, args) -> {
                    Tensor indices = indices(site, args, 0);
                    return TensorSupport.backend(indices).oneHot(indices, TensorArgs.integer(site, args, 1), TensorArgs.dtype(site, args, 2, DType.F64));
                }).nonDifferentiable());
    }

    /** An i64 tensor of indices (another dtype is converted by the backend's checks), or nested lists of ints. */
    private static Tensor indices(BuiltinRootNode site, Object[] args, int index) {
        if (args[index] instanceof DeltaList || args[index] instanceof DeltaTuple || args[index] instanceof Long) {
            return TensorFromValues.make(site, args[index], DType.I64);
        }
        if (args[index] instanceof DeltaTensor t) {
            return t.tensor();
        }
        throw TensorArgs.wrongType(site, args, index, "indices (an i64 tensor or a list of ints)");
    }
}
