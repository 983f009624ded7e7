package delta.language.ad;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.function.Supplier;

/**
 * An adjoint a derivative rule computes only when something reads it ({@code $lazy(() -> ...)} in
 * a rule's pullback). The pullback of {@code x @ w} returns both adjoints, but when {@code x} is
 * data (the batch of a training step) nobody reads {@code x}'s, which costs a third of the step's
 * matrix products; PyTorch skips it because {@code x} does not require grad, JAX because its
 * compiler removes dead code. Here the rule defers each adjoint, and generated derivative code
 * passes the deferred value along by moves (into variables, tuples, {@code $grad_of}) and forces it
 * ({@code $force}, and every helper that computes with an adjoint) everywhere else, so a deferred
 * adjoint that only flows into a gradient the caller drops is never computed. No program sees
 * one: the exits of derivative code to users (grad, value_and_grad, vjp's pullback, gradcheck)
 * force what they return. See docs/autodiff.md, "Adjoints nobody reads".
 */
@ExportLibrary(InteropLibrary.class)
public final class LazyAdjoint implements TruffleObject {
    /** A Delta function of no arguments, or a Java computation ({@link #map}). */
    private Object computation;
    private Object value;

    LazyAdjoint(Object computation) {
        this.computation = computation;
    }

    /** The value of {@code x}, computing it if it is a deferred adjoint. */
    public static Object force(Object x) {
        return x instanceof LazyAdjoint lazy ? lazy.value() : x;
    }

    /** A pullback's adjoints with every deferred one computed: what a program receives. */
    @TruffleBoundary
    static delta.language.runtime.DeltaTuple forceAll(delta.language.runtime.DeltaTuple adjoints) {
        Object[] items = new Object[adjoints.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = force(adjoints.get(i));
        }
        return new delta.language.runtime.DeltaTuple(items);
    }

    /** {@code f(x)}, deferred while {@code x} is. */
    static Object map(Object x, java.util.function.UnaryOperator<Object> f) {
        if (x instanceof LazyAdjoint lazy) {
            return new LazyAdjoint((Supplier<Object>) () -> f.apply(lazy.value()));
        }
        return f.apply(x);
    }

    @TruffleBoundary
    private Object value() {
        if (computation != null) {
            Object computed = computation instanceof Supplier<?> s ? s.get() : DerivedFunction.call(computation, new Object[0]);
            // A deferred value that computes another is read through to the end.
            value = force(computed);
            computation = null;
        }
        return value;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "<adjoint>";
    }
}
