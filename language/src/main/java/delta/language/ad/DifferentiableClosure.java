package delta.language.ad;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A function created inside differentiated code that uses the differentiated function's variables
 * (as in {@code map(xs, x -> x * w)}). Called, it is the plain function; differentiated, it is its
 * derivative code, generated with the enclosing function's, which carries the captured variables'
 * derivatives back to the enclosing function.
 */
@ExportLibrary(InteropLibrary.class)
public final class DifferentiableClosure implements TruffleObject {
    /** The function itself: a Delta function, or (in derivative code of derivative code) another such closure. */
    final Object primal;
    final Object derivative;
    final String mode;

    DifferentiableClosure(Object primal, Object derivative, String mode) {
        this.primal = primal;
        this.derivative = derivative;
        this.mode = mode;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    Object execute(Object[] arguments) {
        return DerivedFunction.call(primal, arguments);
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return primal.toString();
    }

    @Override
    public String toString() {
        return primal.toString();
    }
}
