package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import delta.language.DeltaLanguage;

/**
 * How Delta shows a value it does not own: a primitive (long, double, boolean, String) or a foreign
 * object. Embedders' {@code Value.toString()} and the REPL's echo then print {@code 1e+20}, as
 * {@code print} does, instead of Java's {@code 1.0E20}. Every other message goes to the value itself.
 */
@ExportLibrary(value = InteropLibrary.class, delegateTo = "delegate")
public final class DeltaLanguageView implements TruffleObject {
    final Object delegate;

    private DeltaLanguageView(Object delegate) {
        this.delegate = delegate;
    }

    public static Object create(Object value) {
        return new DeltaLanguageView(value);
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends TruffleLanguage<?>> getLanguage() {
        return DeltaLanguage.class;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return Values.str(delegate);
    }
}
