package delta.language.tensor;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import java.util.ArrayList;
import java.util.List;

/** Every tensor builtin, for the registry; and the tensor forms of the random builtins. */
public final class TensorBuiltins {
    private TensorBuiltins() {}

    public static List<Builtin> all() {
        List<Builtin> all = new ArrayList<>();
        all.addAll(TensorCreation.all());
        all.addAll(TensorElementwise.all());
        all.addAll(TensorReductions.all());
        all.addAll(TensorShapes.all());
        all.addAll(TensorIndexing.all());
        all.addAll(TensorNN.all());
        all.addAll(TensorJoin.all());
        all.addAll(TensorGather.all());
        return all;
    }

    /** rand(shape[, dtype]) / randn(shape[, dtype]): a tensor from the context's seeded generator. */
    public static Object random(BuiltinRootNode site, Object[] args, boolean normal) {
        return new DeltaTensor(TensorCreation.random(site, TensorArgs.shape(site, args, 0),
                        TensorArgs.dtype(site, args, 1, delta.tensor.DType.F64), normal));
    }
}
