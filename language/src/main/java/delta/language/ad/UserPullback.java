package delta.language.ad;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import delta.language.runtime.DeltaFunction;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;

/**
 * The pullback {@code vjp(f, x...)} hands to a program: derivative code's own pullback, whose
 * adjoints a rule may have deferred ({@link LazyAdjoint}), with every adjoint computed.
 */
@ExportLibrary(InteropLibrary.class)
public final class UserPullback implements TruffleObject {
    private final Object pullback;

    UserPullback(Object pullback) {
        this.pullback = pullback;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    /** The call goes through a node of the caller's, so errors in the pullback show the program's call in their trace. */
    @ExportMessage
    Object execute(Object[] arguments, @Cached IndirectCallNode callNode) {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Values.fromForeign(arguments[i]);
        }
        Object adjoints = pullback instanceof DeltaFunction f ? callNode.call(f.callTarget(), f.packArguments(values))
                        : DerivedFunction.call(pullback, values);
        return adjoints instanceof DeltaTuple tuple ? LazyAdjoint.forceAll(tuple) : LazyAdjoint.force(adjoints);
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "<function pullback>";
    }
}
