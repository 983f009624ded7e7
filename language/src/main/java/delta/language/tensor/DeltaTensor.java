package delta.language.tensor;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.TruffleObject;
import delta.tensor.Tensor;

/**
 * A tensor as a Delta value: an immutable handle on a {@link Tensor} of the backend (shape,
 * strides and offset over device storage). Operations make new handles; views share storage.
 */
public final class DeltaTensor implements TruffleObject {
    private final Tensor tensor;

    public DeltaTensor(Tensor tensor) {
        this.tensor = tensor;
    }

    public Tensor tensor() {
        return tensor;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return TensorFormat.format(tensor);
    }
}
