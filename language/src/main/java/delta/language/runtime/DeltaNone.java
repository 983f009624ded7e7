package delta.language.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** The value {@code none}: null to other languages. */
@ExportLibrary(InteropLibrary.class)
public final class DeltaNone implements TruffleObject {
    public static final DeltaNone INSTANCE = new DeltaNone();

    private DeltaNone() {}

    @Override
    public String toString() {
        return "none";
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "none";
    }
}
