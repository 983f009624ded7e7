package delta.tensor.cpu;

import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;
import java.util.List;

/** concat: each input is copied (with its strides) into its slab of the result (stack is concat of expanded views, in Backend). */
public final class Joining {
    private Joining() {
    }

    public static Tensor concat(List<Tensor> tensors, int axis) {
        if (tensors.isEmpty()) {
            throw new TensorError("concat", "needs at least one tensor");
        }
        Tensor first = tensors.get(0);
        if (first.rank() == 0) {
            throw new TensorError("concat", "cannot concatenate scalars (shape []); use stack");
        }
        int ax = first.shape().axis("concat", axis);
        DType dtype = first.dtype();
        int total = 0;
        for (Tensor t : tensors) {
            CpuStorage.of("concat", t);
            if (t.rank() != first.rank()) {
                throw new TensorError("concat", "shapes " + first.shape() + " and " + t.shape() + " have different ranks");
            }
            for (int d = 0; d < t.rank(); d++) {
                if (d != ax && t.shape().dim(d) != first.shape().dim(d)) {
                    throw new TensorError("concat", "shapes " + first.shape() + " and " + t.shape()
                            + " differ outside axis " + ax);
                }
            }
            if (t.dtype() != dtype) {
                dtype = DType.promote(dtype, t.dtype());
            }
            total += t.shape().dim(ax);
        }
        Shape out = first.shape().with(ax, total);
        // The parts tile the result along the axis, so every element is written: no zeroing needed.
        CpuStorage ys = CpuStorage.uninitialized(dtype, out.size());
        Tensor y = Tensor.contiguous(ys, out);
        int at = 0;
        for (Tensor t : tensors) {
            int len = t.shape().dim(ax);
            Elementwise.copyInto(t, y.narrow(ax, at, len));
            at += len;
        }
        return y;
    }
}
