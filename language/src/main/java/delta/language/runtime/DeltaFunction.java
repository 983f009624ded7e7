package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;

/**
 * A function value: compiled code plus, for a closure, the frame of the function it was created in.
 * Closures created at one place share their call target (and so their compiled code); only the
 * captured frame differs. The calling convention is {@code [capturedFrame, arg1, ..., argN]}.
 */
@ExportLibrary(InteropLibrary.class)
public final class DeltaFunction implements TruffleObject {
    /** Arity of builtins that take any number of arguments. */
    public static final int VARIADIC = -1;

    private final RootCallTarget callTarget;
    private final String name;
    private final String[] parameterNames;
    private final int minArity;
    private final int maxArity;
    private final MaterializedFrame captured;

    public DeltaFunction(RootCallTarget callTarget, String name, String[] parameterNames, MaterializedFrame captured) {
        this(callTarget, name, parameterNames, parameterNames.length, parameterNames.length, captured);
    }

    public DeltaFunction(RootCallTarget callTarget, String name, String[] parameterNames, int minArity, int maxArity,
                    MaterializedFrame captured) {
        this.callTarget = callTarget;
        this.name = name;
        this.parameterNames = parameterNames;
        this.minArity = minArity;
        this.maxArity = maxArity;
        this.captured = captured;
    }

    public RootCallTarget callTarget() {
        return callTarget;
    }

    public String name() {
        return name;
    }

    public String[] parameterNames() {
        return parameterNames;
    }

    public MaterializedFrame captured() {
        return captured;
    }

    /** The fewest arguments a call may pass (the rest read none); the parameter count for functions written in Delta. */
    public int minArity() {
        return minArity;
    }

    public boolean acceptsArgumentCount(int count) {
        return count >= minArity && (maxArity == VARIADIC || count <= maxArity);
    }

    @TruffleBoundary
    public String arityDescription() {
        if (minArity == maxArity) {
            return minArity + (minArity == 1 ? " argument" : " arguments");
        }
        if (maxArity == VARIADIC) {
            return "at least " + minArity + (minArity == 1 ? " argument" : " arguments");
        }
        return minArity + " to " + maxArity + " arguments";
    }

    /** Builds the argument array of the calling convention. */
    public Object[] packArguments(Object[] arguments) {
        Object[] packed = new Object[arguments.length + 1];
        packed[0] = captured;
        System.arraycopy(arguments, 0, packed, 1, arguments.length);
        return packed;
    }

    @Override
    public String toString() {
        return "<function " + name + ">";
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    /** Calls from other languages: their numbers are normalised to Delta's long and double first. */
    @ExportMessage
    static final class Execute {
        @Specialization(guards = "function.callTarget() == cachedTarget", limit = "3")
        static Object direct(DeltaFunction function, Object[] arguments,
                        @Cached("function.callTarget()") RootCallTarget cachedTarget,
                        @Cached("create(cachedTarget)") DirectCallNode callNode) throws ArityException {
            return callNode.call(function.prepareForeignCall(arguments));
        }

        @Specialization(replaces = "direct")
        static Object indirect(DeltaFunction function, Object[] arguments,
                        @Cached IndirectCallNode callNode) throws ArityException {
            return callNode.call(function.callTarget(), function.prepareForeignCall(arguments));
        }
    }

    private Object[] prepareForeignCall(Object[] arguments) throws ArityException {
        if (!acceptsArgumentCount(arguments.length)) {
            throw ArityException.create(minArity, maxArity, arguments.length);
        }
        Object[] normalised = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            normalised[i] = Values.fromForeign(arguments[i]);
        }
        return packArguments(normalised);
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }

    /** Where a Delta function is defined, for embedders (Value.getSourceLocation()) and tools; builtins have none. */
    @ExportMessage
    boolean hasSourceLocation() {
        return callTarget.getRootNode().getSourceSection() != null;
    }

    @ExportMessage
    @TruffleBoundary
    com.oracle.truffle.api.source.SourceSection getSourceLocation() throws com.oracle.truffle.api.interop.UnsupportedMessageException {
        com.oracle.truffle.api.source.SourceSection section = callTarget.getRootNode().getSourceSection();
        if (section == null) {
            throw com.oracle.truffle.api.interop.UnsupportedMessageException.create();
        }
        return section;
    }
}
