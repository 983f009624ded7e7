package delta.language.tensor;

import delta.language.runtime.DeltaList;
import delta.tensor.DType;
import delta.tensor.Tensor;
import java.util.ArrayList;

/** A tensor's elements as Delta values: nested lists of floats (ints for i64, bools for bool). */
final class TensorToValues {
    private TensorToValues() {}

    static Object nested(Tensor t) {
        double[] values = TensorSupport.backend(t).toDoubleArray(t);
        return level(values, t.shape().dims(), 0, 0, t.dtype());
    }

    private static Object level(double[] values, int[] dims, int axis, int base, DType dtype) {
        if (axis == dims.length) {
            return element(values[base], dtype);
        }
        int stride = 1;
        for (int a = axis + 1; a < dims.length; a++) {
            stride *= dims[a];
        }
        ArrayList<Object> items = new ArrayList<>(dims[axis]);
        for (int i = 0; i < dims[axis]; i++) {
            items.add(level(values, dims, axis + 1, base + i * stride, dtype));
        }
        return new DeltaList(items);
    }

    static Object element(double value, DType dtype) {
        return switch (dtype) {
            case I64 -> (long) value;
            case BOOL -> value != 0;
            default -> value;
        };
    }
}
