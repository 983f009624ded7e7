package delta.language.ad;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaFunction;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaNone;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * The autodiff operators (grad, value_and_grad, vjp, jvp, gradcheck, derivative_source, defvjp,
 * defjvp, stop_gradient) and the internal helpers, named with a '$' no program can write, that
 * generated derivative code calls.
 */
public final class AdBuiltins {
    private AdBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
            new Builtin("grad", 1, 2, "grad(f[, argnums])",
                "the gradient function of f: grad(f)(x) is df/dx; argnums picks other parameters: grad(f, 1), grad(f, [0, 1]) (a tuple)",
                (site, args) -> derived(site, args, false)),
            new Builtin("value_and_grad", 1, 2, "value_and_grad(f[, argnums])",
                "like grad, but the function returns (f(x), gradient)", (site, args) -> derived(site, args, true)),
            new Builtin("vjp", 1, -1, "vjp(f, x...)",
                "(f(x...), pullback): pullback(g) returns the tuple of g times the derivative of f for each argument",
                (site, args) -> userVjp(site, args)),
            new Builtin("jvp", 3, 3, "jvp(f, primals, tangents)",
                "(f(primals...), the derivative of f at primals in the direction of tangents): forward mode",
                (site, args) -> jvp(site, args)),
            new Builtin("derivative_source", 1, 2, "derivative_source(f[, mode])",
                "the Delta source of f's derivative code: reverse mode, or forward mode with mode \"forward\"",
                (site, args) -> AdCache.source(args[0], mode(site, args), site)),
            new Builtin("defvjp", 2, 2, "defvjp(f, rule)",
                "declares the reverse-mode rule of f: rule(x...) returns (f(x...), pullback) and grad uses it instead of f's own code",
                (site, args) -> {
                    AdCache.define(args[0], args[1], AdCache.REVERSE, site);
                    return DeltaNone.INSTANCE;
                }),
            new Builtin("defjvp", 2, 2, "defjvp(f, rule)",
                "declares the forward-mode rule of f: rule(x, x_dot, ...) returns (f(x...), tangent)",
                (site, args) -> {
                    AdCache.define(args[0], args[1], AdCache.FORWARD, site);
                    return DeltaNone.INSTANCE;
                }),
            new Builtin("stop_gradient", 1, 1, "stop_gradient(x)", "x, with derivative zero: differentiation does not look inside",
                (site, args) -> args[0]),
            new Builtin("gradcheck", 2, -1, "gradcheck(f, x...)",
                "the largest relative error between reverse-mode derivatives of f at x... and central differences (f(x+e) - f(x-e)) / 2e",
                (site, args) -> Gradcheck.run(site, args)),
            new Builtin("hessian", 1, 1, "hessian(f)",
                "the Hessian function of f with respect to its first argument (a number, or a list of numbers), forward mode over reverse mode",
                (site, args) -> new HessianFunction(args[0], DerivedFunction.arityOf(args[0]), false)),
            new Builtin("jacobian", 1, 1, "jacobian(f)",
                "the Jacobian function of f with respect to its first argument: rows are outputs, columns inputs (forward mode)",
                (site, args) -> new HessianFunction(args[0], DerivedFunction.arityOf(args[0]), true)),
            new Builtin("ad_transform_count", 0, 0, "ad_transform_count()",
                "how many functions the AD transform has differentiated so far (derivative code is cached)",
                (site, args) -> AdCache.transformCount()),
            internal("$vjp", 1, (site, args) -> AdCache.vjp(args[0], site)),
            internal("$gradfn", 2, (site, args) -> AdCache.gradientFunction((int) (long) (Long) args[0], (int) (long) (Long) args[1], site)),
            internal("$dclosure", 3, (site, args) -> new DifferentiableClosure(args[0], args[1], (String) args[2])),
            internal("$jvp", 1, (site, args) -> AdCache.jvp(args[0], site)),
            internal("$tape", 0, (site, args) -> new Tape()),
            internal("$scalar", 1, (site, args) -> {
                if (!Gradients.isScalar(args[0])) {
                    throw DeltaError.at(site, "grad needs a function that returns a number, not a " + Values.typeName(args[0]));
                }
                return DeltaNone.INSTANCE;
            }),
            internal("$push", 2, (site, args) -> {
                ((Tape) args[0]).push(args[1]);
                return DeltaNone.INSTANCE;
            }),
            internal("$pop", 1, (site, args) -> ((Tape) args[0]).pop()),
            // Pops of values the transform knows to be floats or ints: no box survives in compiled code.
            internal("$popf", 1, (site, args) -> ((Tape) args[0]).popFloat()),
            internal("$popi", 1, (site, args) -> ((Tape) args[0]).popInt()),
            internal("$popv", 1, (site, args) -> ((Tape) args[0]).popRestored()),
            internal("$tape_seal", 1, (site, args) -> {
                ((Tape) args[0]).seal();
                return DeltaNone.INSTANCE;
            }),
            internal("$tape_reverse", 1, (site, args) -> {
                if (!((Tape) args[0]).startReverse()) {
                    throw DeltaError.at(site, "a pullback can be called only once");
                }
                return DeltaNone.INSTANCE;
            }),
            internal("$addgrad", 2, (site, args) -> addGradients(args[0], args[1])),
            internal("$accfield", 4, (site, args) -> Gradients.accumulate(LazyAdjoint.force(args[0]), args[1], args[2], LazyAdjoint.force(args[3]))),
            internal("$accindex", 4, (site, args) -> accumulateElement(args[0], args[1], args[2], args[3], false)),
            // Generated where nothing has read the adjoint since an accumulation made it (AccumulateInPlace).
            internal("$accindex_into", 4, (site, args) -> accumulateElement(args[0], args[1], args[2], args[3], true)),
            internal("$part", 2, (site, args) -> Gradients.part(LazyAdjoint.force(args[0]), args[1])),
            internal("$getgrad", 2, (site, args) -> Gradients.part(LazyAdjoint.force(args[0]), args[1])),
            internal("$setgrad", 4, (site, args) -> Gradients.with(LazyAdjoint.force(args[0]), args[1], args[2], LazyAdjoint.force(args[3]))),
            internal("$dropgrad", 1, (site, args) -> dropLast(LazyAdjoint.force(args[0]))),
            internal("$unappend", 1, (site, args) -> {
                ((DeltaList) args[0]).removeLast();
                return DeltaNone.INSTANCE;
            }),
            internal("$appendgrad", 3, (site, args) -> appendTangent(LazyAdjoint.force(args[0]), args[1], LazyAdjoint.force(args[2]))),
            // An adjoint a rule deferred (LazyAdjoint) stays deferred through the parameter's final gradient,
            // which the caller may drop; $force computes one where generated code computes with it.
            internal("$grad_of", 2, (site, args) -> LazyAdjoint.map(args[1], g -> completeGradient(args[0], g))),
            internal("$lazy", 1, (site, args) -> new LazyAdjoint(args[0])),
            internal("$force", 1, (site, args) -> LazyAdjoint.force(args[0])));
    }

    /**
     * The adjoint of reading {@code xs[i]}: the common case, a float added into a list of adjoints
     * this pullback already made, runs inline (compiled into the loop); the rest goes through
     * {@link Gradients}. Only unboxed values reach the paths beside the common one: a path that took
     * the gradient as a Double made compiled code allocate that box on every iteration, since the
     * paths merge (W4's reverse sweep allocated one Double per element read).
     */
    private static Object accumulateElement(Object bar, Object list, Object key, Object g, boolean inPlace) {
        if (bar instanceof DeltaList adjoints && key instanceof Long index && g instanceof Double gradient) {
            int i = (int) (index < 0 ? index + adjoints.size() : index);
            if (i >= 0 && i < adjoints.size()) {
                if (adjoints.holdsFloats()) {
                    adjoints.addFloat(i, gradient);
                    return adjoints;
                }
                if (addToBoxedElement(adjoints, i, gradient)) {
                    return adjoints;
                }
            }
        }
        if (Gradients.isZero(bar) && list instanceof DeltaList elements && key instanceof Long index && g instanceof Double gradient) {
            // The first element read: the adjoint list starts as zeros.
            int size = elements.size();
            int i = (int) (index < 0 ? index + size : index);
            if (i >= 0 && i < size) {
                DeltaList adjoints = DeltaList.zeros(size);
                adjoints.setFloat(i, gradient);
                return adjoints;
            }
        }
        leaveFastPaths();
        return Gradients.accumulate(LazyAdjoint.force(bar), list, key, LazyAdjoint.force(g), inPlace);
    }

    /** A list of adjoints that no longer holds unboxed floats: adds to a float element, if it is one. */
    @TruffleBoundary
    private static boolean addToBoxedElement(DeltaList adjoints, int i, double gradient) {
        if (adjoints.get(i) instanceof Double current) {
            adjoints.set(i, current + gradient);
            return true;
        }
        return false;
    }

    /**
     * Valid while every adjoint that $accindex and $addgrad have seen was a float or a list of floats.
     * While it holds, their general paths are left out of compiled code: a general path that takes the
     * boxed index and gradient as arguments makes compiled code allocate those boxes on the fast path
     * too, where its result merges with the fast one (measured: Rosenbrock's reverse sweep, W4, went
     * from 680 to 390 us). The first general case compiles them back in, for good.
     */
    private static final Assumption FAST_PATHS_ONLY = Truffle.getRuntime().createAssumption("$accindex and $addgrad on floats only");

    private static void leaveFastPaths() {
        if (FAST_PATHS_ONLY.isValid()) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            FAST_PATHS_ONLY.invalidate();
        }
    }

    private static Object addGradients(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x + y;
        }
        leaveFastPaths();
        return Gradients.add(LazyAdjoint.force(a), LazyAdjoint.force(b));
    }

    /**
     * The final gradient of a parameter ({@link Gradients#complete}). The common case, a list of numbers
     * whose adjoint is a list of floats, is an array copy (or a loop in compiled code when the numbers
     * are boxed): the general walk took about a quarter of Rosenbrock's (W4) value and gradient on a
     * 10,000-element list.
     */
    private static Object completeGradient(Object value, Object g) {
        if (value instanceof DeltaList xs && g instanceof DeltaList gs && xs.size() == gs.size() && xs.holdsFloats() && gs.holdsFloats()) {
            return gs.copy();
        }
        if (value instanceof DeltaList xs && g instanceof DeltaList gs && xs.size() == gs.size()) {
            Object[] out = new Object[xs.size()];
            for (int i = 0; i < out.length; i++) {
                // A nonzero float is the adjoint of a number; a 0.0 may also stand for the zero of a
                // structure, which complete() builds.
                Object gi = gs.get(i);
                if (!(gi instanceof Double d) || d == 0.0 && !(xs.get(i) instanceof Double || xs.get(i) instanceof Long)) {
                    return Gradients.complete(value, g);
                }
                out[i] = gi;
            }
            return listOf(out);
        }
        return Gradients.complete(value, g);
    }

    @TruffleBoundary
    private static DeltaList listOf(Object[] items) {
        return new DeltaList(new ArrayList<>(java.util.Arrays.asList(items)));
    }

    private static Builtin internal(String name, int arity, Builtin.Body body) {
        return new Builtin(name, arity, arity, name, "used by generated derivative code", body);
    }

    private static String mode(BuiltinRootNode site, Object[] args) {
        if (args.length == 1 || "reverse".equals(args[1])) {
            return AdCache.REVERSE;
        }
        if ("forward".equals(args[1])) {
            return AdCache.FORWARD;
        }
        throw DeltaError.at(site, "derivative_source(f, mode): mode is \"reverse\" or \"forward\", not " + Values.display(args[1]));
    }

    /** vjp(f, x...): (f(x...), pullback), the pullback handing out computed adjoints only. */
    @TruffleBoundary
    private static Object userVjp(BuiltinRootNode site, Object[] args) {
        DeltaTuple pair = (DeltaTuple) DerivedFunction.call(AdCache.vjp(args[0], site), rest(args));
        return new DeltaTuple(pair.get(0), new UserPullback(pair.get(1)));
    }

    private static Object[] rest(Object[] args) {
        return java.util.Arrays.copyOfRange(args, 1, args.length);
    }

    @TruffleBoundary
    private static Object derived(BuiltinRootNode site, Object[] args, boolean withValue) {
        Object f = args[0];
        int arity = DerivedFunction.arityOf(f);
        if (arity < 0) {
            throw DeltaError.at(site, site.getName() + "() expects a function to differentiate, got " + Values.typeName(args[0]));
        }
        if (args.length == 1) {
            return new DerivedFunction(f, arity, new int[]{0}, false, withValue);
        }
        if (args[1] instanceof Long index) {
            return new DerivedFunction(f, arity, new int[]{checkIndex(site, index)}, false, withValue);
        }
        if (args[1] instanceof DeltaList || args[1] instanceof DeltaTuple) {
            Object[] items = args[1] instanceof DeltaList list ? list.toArray() : ((DeltaTuple) args[1]).items();
            int[] wrt = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                if (!(items[i] instanceof Long index)) {
                    throw DeltaError.at(site, site.getName() + "(): argument numbers must be ints, got " + Values.typeName(items[i]));
                }
                wrt[i] = checkIndex(site, index);
            }
            return new DerivedFunction(f, arity, wrt, true, withValue);
        }
        throw DeltaError.at(site, site.getName() + "(f, argnums): argnums must be an int or a list of ints, got " + Values.typeName(args[1]));
    }

    private static int checkIndex(BuiltinRootNode site, long index) {
        if (index < 0 || index > 255) {
            throw DeltaError.at(site, site.getName() + "(): no argument number " + index);
        }
        return (int) index;
    }

    @TruffleBoundary
    private static Object jvp(BuiltinRootNode site, Object[] args) {
        Object[] primals = sequence(site, args[1], "primals");
        Object[] tangents = sequence(site, args[2], "tangents");
        if (primals.length != tangents.length) {
            throw DeltaError.at(site, "jvp(): " + primals.length + " primals but " + tangents.length + " tangents");
        }
        Object[] interleaved = new Object[primals.length * 2];
        for (int i = 0; i < primals.length; i++) {
            interleaved[2 * i] = primals[i];
            interleaved[2 * i + 1] = tangents[i];
        }
        Object forward = AdCache.jvp(args[0], site);
        if (forward instanceof DeltaFunction code && !code.acceptsArgumentCount(interleaved.length)) {
            throw DeltaError.at(site, "jvp(): the function takes " + (code.parameterNames().length / 2) + " arguments, got " + primals.length + " primals");
        }
        Object result = DerivedFunction.call(forward, interleaved);
        if (result instanceof DeltaTuple pair && pair.get(0) instanceof delta.language.tensor.DeltaTensor value) {
            // A tangent may still have an operand's smaller shape (y + c with c broadcast): give it the result's.
            return new DeltaTuple(value, delta.language.tensor.TensorGradients.complete(value, pair.get(1)));
        }
        return result;
    }

    private static Object[] sequence(BuiltinRootNode site, Object value, String what) {
        if (value instanceof DeltaTuple tuple) {
            return tuple.items();
        }
        if (value instanceof DeltaList list) {
            return list.toArray();
        }
        throw DeltaError.at(site, "jvp() expects the " + what + " as a tuple or list, got " + Values.typeName(value));
    }

    @TruffleBoundary
    private static Object dropLast(Object bar) {
        if (bar instanceof DeltaList list && list.size() > 0) {
            Object[] items = list.toArray();
            ArrayList<Object> shorter = new ArrayList<>(List.of(items).subList(0, items.length - 1));
            return new DeltaList(shorter);
        }
        return bar;
    }

    @TruffleBoundary
    private static Object appendTangent(Object dot, Object list, Object itemTangent) {
        Object base = Gradients.isZero(dot) ? Gradients.shallowZero(list) : dot;
        ArrayList<Object> items = new ArrayList<>(List.of(((DeltaList) base).toArray()));
        items.add(itemTangent);
        return new DeltaList(items);
    }
}
