package delta.language.ad;

import delta.language.tensor.DeltaTensor;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaFunction;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;
import java.util.ArrayList;

/**
 * What hessian(f) and jacobian(f) return. Both run forward mode once per input direction of the
 * first argument: the Jacobian over f itself, the Hessian over f's gradient (forward over
 * reverse). The first argument may be a number, a list (or tuple) of numbers, or a tensor (the
 * result then has the output's shape followed by the input's).
 */
@ExportLibrary(InteropLibrary.class)
public final class HessianFunction implements TruffleObject {
    private final Object function;
    private final int arity;
    private final boolean jacobian;

    HessianFunction(Object function, int arity, boolean jacobian) {
        this.function = function;
        this.arity = arity;
        this.jacobian = jacobian;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object execute(Object[] arguments, @Bind("$node") Node site) {
        return CallerLocation.around(site, () -> apply(arguments, site));
    }

    private Object apply(Object[] arguments, Node site) {
        String what = jacobian ? "jacobian" : "hessian";
        if (arity < 0) {
            throw DeltaError.at(site, what + "() expects a Delta function, got " + Values.typeName(function));
        }
        if (arguments.length != arity || arity == 0) {
            throw DeltaError.at(site, what + " of a function of " + arity + " arguments called with " + arguments.length);
        }
        Object x = Values.fromForeign(arguments[0]);
        if (x instanceof DeltaTensor tensor) {
            Object forward = jacobian ? AdCache.jvp(function, site) : AdCache.jvp(AdCache.gradientFunction(0, arity, site), site);
            ArrayList<Object> columns = new ArrayList<>();
            for (int j = 0; j < tensor.tensor().size(); j++) {
                columns.add(directional(forward, arguments, TensorDirections.basis(tensor, j, 1.0)));
            }
            return TensorDirections.assemble(columns, tensor.tensor().shape());
        }
        Object[] elements = x instanceof DeltaList list ? list.toArray() : x instanceof DeltaTuple tuple ? tuple.items() : null;
        if (elements == null && !(x instanceof Number)) {
            throw DeltaError.at(site, what + "() differentiates with respect to a number, a list of numbers or a tensor, got " + Values.typeName(x));
        }
        Object forward = jacobian ? AdCache.jvp(function, site) : AdCache.jvp(AdCache.gradientFunction(0, arity, site), site);
        if (elements == null) {
            return directional(forward, arguments, 1.0);
        }
        ArrayList<Object> columns = new ArrayList<>();
        for (int j = 0; j < elements.length; j++) {
            Object[] basis = new Object[elements.length];
            for (int i = 0; i < basis.length; i++) {
                basis[i] = i == j ? 1.0 : 0.0;
            }
            columns.add(directional(forward, arguments, Gradients.sameKind(x, basis)));
        }
        return jacobian ? transpose(columns) : new DeltaList(columns);
    }

    /** The tangent of the output for tangent {@code direction} of the first argument, zero for the others. */
    private Object directional(Object forward, Object[] arguments, Object direction) {
        int offset = jacobian ? 0 : 2;
        Object[] interleaved = new Object[offset + 2 * arguments.length];
        if (!jacobian) {
            interleaved[0] = function;
            interleaved[1] = 0.0;
        }
        for (int i = 0; i < arguments.length; i++) {
            interleaved[offset + 2 * i] = Values.fromForeign(arguments[i]);
            interleaved[offset + 2 * i + 1] = i == 0 ? direction : Gradients.shallowZero(arguments[i]);
        }
        DeltaTuple result = (DeltaTuple) DerivedFunction.call(forward, interleaved);
        return Gradients.complete(result.get(0), result.get(1));
    }

    /** Columns (one per input) into rows (one per output); a scalar output gives the gradient. */
    private static Object transpose(ArrayList<Object> columns) {
        Object[] first = Gradients.items(columns.get(0));
        if (first == null) {
            return new DeltaList(columns);
        }
        ArrayList<Object> rows = new ArrayList<>();
        for (int i = 0; i < first.length; i++) {
            ArrayList<Object> row = new ArrayList<>();
            for (Object column : columns) {
                row.add(Gradients.items(column)[i]);
            }
            rows.add(new DeltaList(row));
        }
        return new DeltaList(rows);
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }

    @Override
    public String toString() {
        return "<function " + (jacobian ? "jacobian" : "hessian") + ">";
    }
}
