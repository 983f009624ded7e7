package delta.language.ad;

import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorSupport;
import delta.tensor.Backend;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The element-by-element view of a tensor argument that jacobian, hessian and gradcheck need:
 * basis directions (one-hot tensors), perturbed copies, and the assembly of per-element results
 * into one tensor whose shape is the output's followed by the input's (PyTorch's convention).
 */
final class TensorDirections {
    private TensorDirections() {}

    /** A tensor of {@code like}'s shape and dtype that is {@code value} at flat index {@code i} and zero elsewhere. */
    static DeltaTensor basis(DeltaTensor like, int i, double value) {
        Tensor x = like.tensor();
        double[] data = new double[x.size()];
        data[i] = value;
        return new DeltaTensor(TensorSupport.backend(x).fromArray(data, x.shape(), x.dtype()));
    }

    /** {@code x} with {@code delta} added to the element at flat index {@code i} (a new tensor). */
    static DeltaTensor shifted(DeltaTensor x, int i, double delta) {
        Tensor t = x.tensor();
        double[] data = TensorSupport.backend(t).toDoubleArray(t);
        data[i] += delta;
        return new DeltaTensor(TensorSupport.backend(t).fromArray(data, t.shape(), t.dtype()));
    }

    static double[] values(DeltaTensor x) {
        return TensorSupport.backend(x.tensor()).toDoubleArray(x.tensor());
    }

    /**
     * Results for each element of an input of shape {@code input}, each a number or a tensor of
     * one output shape, as one tensor of shape output + input.
     */
    static DeltaTensor assemble(List<Object> perElement, Shape input) {
        Backend backend = TensorSupport.defaultBackend();
        List<Tensor> columns = new ArrayList<>();
        for (Object column : perElement) {
            columns.add(column instanceof DeltaTensor t ? t.tensor() : backend.full(Shape.SCALAR, delta.tensor.DType.F64, ((Number) column).doubleValue()));
        }
        Tensor stacked = columns.isEmpty() ? backend.zeros(input, delta.tensor.DType.F64) : backend.stack(columns, columns.get(0).rank());
        Shape output = columns.isEmpty() ? Shape.SCALAR : columns.get(0).shape();
        return new DeltaTensor(backend.reshape(stacked, output.concat(input).dims()));
    }
}
