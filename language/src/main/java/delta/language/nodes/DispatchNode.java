package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaFunction;
import delta.language.runtime.Values;

/**
 * Calls a function value. A call site that sees few distinct functions keeps a direct call per
 * function (which the compiler can inline); a megamorphic one calls indirectly. Executable values
 * of other languages (a JavaScript function, a Java lambda) are called through interop.
 */
public abstract class DispatchNode extends Node {
    static final int INLINE_CACHE_SIZE = 3;

    public abstract Object executeDispatch(Object function, Object[] arguments);

    @Specialization(guards = "function.callTarget() == cachedTarget", limit = "INLINE_CACHE_SIZE")
    protected Object direct(DeltaFunction function, Object[] arguments,
                    @Cached("function.callTarget()") RootCallTarget cachedTarget,
                    @Cached("create(cachedTarget)") DirectCallNode callNode) {
        checkArity(function, arguments);
        return callNode.call(function.packArguments(arguments));
    }

    @Specialization(replaces = "direct")
    protected Object indirect(DeltaFunction function, Object[] arguments,
                    @Cached IndirectCallNode callNode) {
        checkArity(function, arguments);
        return callNode.call(function.callTarget(), function.packArguments(arguments));
    }

    @Specialization(guards = "interop.isExecutable(function)", limit = "INLINE_CACHE_SIZE")
    protected Object foreign(Object function, Object[] arguments,
                    @CachedLibrary("function") InteropLibrary interop) {
        try {
            return Values.fromForeign(interop.execute(function, arguments));
        } catch (ArityException e) {
            throw DeltaError.at(this, "the " + Values.typeName(function) + " function expects " + e.getExpectedMinArity() + " arguments, got " + arguments.length);
        } catch (UnsupportedTypeException | UnsupportedMessageException e) {
            throw DeltaError.at(this, "calling a foreign function failed: " + e.getMessage());
        }
    }

    @Fallback
    protected Object notAFunction(Object function, @SuppressWarnings("unused") Object[] arguments) {
        CompilerDirectives.transferToInterpreter();
        throw DeltaError.at(this, Values.typeNameWithArticle(function) + " is not a function and cannot be called");
    }

    private void checkArity(DeltaFunction function, Object[] arguments) {
        if (!function.acceptsArgumentCount(arguments.length)) {
            CompilerDirectives.transferToInterpreter();
            throw DeltaError.at(this, "'" + function.name() + "' expects " + function.arityDescription() + ", got " + arguments.length);
        }
    }
}
