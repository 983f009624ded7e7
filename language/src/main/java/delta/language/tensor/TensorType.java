package delta.language.tensor;

import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import delta.language.DeltaLanguage;

/** The meta-object of tensors, for embedders and tools: {@code value.getMetaObject()} names the type {@code tensor}. */
@ExportLibrary(InteropLibrary.class)
final class TensorType implements TruffleObject {
    static final TensorType INSTANCE = new TensorType();

    private TensorType() {}

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends TruffleLanguage<?>> getLanguage() {
        return DeltaLanguage.class;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "tensor";
    }

    @ExportMessage
    boolean isMetaObject() {
        return true;
    }

    @ExportMessage
    Object getMetaQualifiedName() {
        return "tensor";
    }

    @ExportMessage
    Object getMetaSimpleName() {
        return "tensor";
    }

    @ExportMessage
    boolean isMetaInstance(Object instance) {
        return instance instanceof DeltaTensor;
    }
}
