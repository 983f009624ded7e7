package delta.language.ad;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaFunction;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;

/**
 * What {@code grad(f)} and {@code value_and_grad(f)} return: a function that runs f's reverse-mode
 * code, seeds the pullback with 1.0 and picks the gradients asked for. The derivative code itself
 * comes from {@link AdCache}, so making a gradient function is cheap and never transforms twice.
 */
@ExportLibrary(InteropLibrary.class)
public final class DerivedFunction implements TruffleObject {
    /** The function differentiated: a Delta function, or another derived function (grad of grad). */
    final Object function;
    final int arity;
    final int[] wrt;
    final boolean wrtIsList;
    final boolean withValue;

    DerivedFunction(Object function, int arity, int[] wrt, boolean wrtIsList, boolean withValue) {
        this.function = function;
        this.arity = arity;
        this.wrt = wrt;
        this.wrtIsList = wrtIsList;
        this.withValue = withValue;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object execute(Object[] arguments, @com.oracle.truffle.api.dsl.Bind("$node") Node site) {
        return CallerLocation.around(site, () -> apply(arguments, site));
    }

    private Object apply(Object[] arguments, Node site) {
        Object vjp = AdCache.vjp(function, site);
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = Values.fromForeign(arguments[i]);
        }
        if (vjp instanceof DeltaFunction code && !code.acceptsArgumentCount(arguments.length)) {
            throw DeltaError.at(site, "'" + name() + "' expects " + code.arityDescription() + ", got " + arguments.length);
        }
        for (int index : wrt) {
            if (index < arguments.length && !differentiable(arguments[index])) {
                throw DeltaError.at(site, (withValue ? "value_and_grad" : "grad") + " of '" + name() + "' with respect to argument " + index
                                + ", a " + Values.typeName(arguments[index]) + ": only numbers, float tensors, and lists, tuples and records of them, can be differentiated");
            }
            if (index >= arguments.length) {
                throw DeltaError.at(site, (withValue ? "value_and_grad" : "grad") + " of '" + name() + "' with respect to argument "
                                + index + ", but it was called with " + arguments.length + (arguments.length == 1 ? " argument" : " arguments"));
            }
        }
        Object result = call(vjp, arguments);
        DeltaTuple pair = (DeltaTuple) result;
        Object value = pair.get(0);
        if (!Gradients.isScalar(value)) {
            throw DeltaError.at(site, "grad needs a function that returns a number (or a one-element tensor), but '" + name() + "' returned "
                            + (value instanceof delta.language.tensor.DeltaTensor t ? "a tensor of shape " + t.tensor().shape() : "a " + Values.typeName(value))
                            + "; use vjp(f, x) for other results");
        }
        DeltaTuple grads = (DeltaTuple) call(pair.get(1), new Object[]{seed(value)});
        Object selected;
        if (wrtIsList) {
            Object[] chosen = new Object[wrt.length];
            for (int i = 0; i < wrt.length; i++) {
                chosen[i] = LazyAdjoint.force(grads.get(wrt[i]));
            }
            selected = new DeltaTuple(chosen);
        } else {
            selected = LazyAdjoint.force(grads.get(wrt[0]));
        }
        return withValue ? new DeltaTuple(value, selected) : selected;
    }

    /**
     * The adjoint the reverse sweep starts from: 1.0, or for a one-element tensor a tensor of ones of
     * its shape and dtype (as PyTorch's backward starts from ones_like(loss)). With the number, an
     * f32 loss's adjoints became f64 from the first rule that spread the seed over a tensor (sum's
     * broadcast of 1.0), and with them every product of the backward pass.
     */
    private static Object seed(Object value) {
        if (value instanceof delta.language.tensor.DeltaTensor t && t.tensor().dtype().isFloating()) {
            return new delta.language.tensor.DeltaTensor(delta.language.tensor.TensorSupport.backend(t.tensor())
                            .full(t.tensor().shape(), t.tensor().dtype(), 1.0));
        }
        return 1.0;
    }

    /** Numbers, and lists, tuples and records whose leaves are numbers. */
    static boolean differentiable(Object value) {
        if (value instanceof Long || value instanceof Double || value instanceof delta.language.runtime.DeltaList list && list.holdsFloats()) {
            return true;
        }
        if (value instanceof delta.language.tensor.DeltaTensor t) {
            return t.tensor().dtype().isFloating();
        }
        if (value instanceof delta.language.runtime.DeltaRecord record) {
            for (int i = 0; i < record.shape().size(); i++) {
                if (!differentiable(record.get(i))) {
                    return false;
                }
            }
            return true;
        }
        Object[] items = Gradients.items(value);
        if (items == null) {
            return false;
        }
        for (Object item : items) {
            if (!differentiable(item)) {
                return false;
            }
        }
        return true;
    }

    String name() {
        return function instanceof DeltaFunction f ? f.name() : function.toString();
    }

    /** Number of parameters of a function that can be differentiated, or -1 when unknown. */
    static int arityOf(Object function) {
        if (function instanceof DeltaFunction f) {
            return f.parameterNames().length;
        }
        if (function instanceof DerivedFunction d) {
            return d.arity;
        }
        return -1;
    }

    /** Calls a Delta function, or any other executable value (a derivative wrapped for closures). */
    static Object call(Object function, Object[] arguments) {
        if (function instanceof DeltaFunction f) {
            return IndirectCallNode.getUncached().call(f.callTarget(), f.packArguments(arguments));
        }
        try {
            return delta.language.runtime.Values.fromForeign(com.oracle.truffle.api.interop.InteropLibrary.getUncached().execute(function, arguments));
        } catch (com.oracle.truffle.api.interop.InteropException e) {
            throw new IllegalStateException("derivative code is not callable: " + function, e);
        }
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }

    @Override
    public String toString() {
        return "<function " + (withValue ? "value_and_grad" : "grad") + "(" + name() + ")>";
    }
}
