package delta.language.ad;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import delta.ad.Differentiator;
import delta.ad.NotDifferentiable;
import delta.ad.SourcePrinter;
import delta.language.DeltaContext;
import delta.language.DeltaLanguage;
import delta.language.builtins.BuiltinRootNode;
import delta.language.lowering.Lowerer;
import delta.language.nodes.FunctionLiteralNode;
import delta.language.nodes.FunctionRootNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaFunction;
import delta.language.runtime.DeltaModule;
import delta.language.runtime.Values;
import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import java.util.HashMap;
import java.util.Map;

/**
 * Derivative code, made once per (function, mode) and kept on the function's root node, so every
 * closure of a function and every call of grad inside a training loop share it. Builtins get theirs
 * from their rules; functions whose user declared a rule (defvjp/defjvp) get the user's.
 */
public final class AdCache {
    public static final String REVERSE = delta.ad.AdModes.REVERSE;
    public static final String FORWARD = delta.ad.AdModes.FORWARD;

    /** Transforms done in this process, exposed through ad_transform_count() so tests can prove caching. */
    private static long transforms;
    private static final boolean TRACE = Boolean.getBoolean("delta.ad.trace");

    private AdCache() {}

    public static long transformCount() {
        return transforms;
    }

    /** The reverse-mode function of {@code f}: args -> (value, pullback). */
    @TruffleBoundary
    public static Object vjp(Object f, Node site) {
        return derivative(f, REVERSE, site);
    }

    /** The forward-mode function of {@code f}: (x, x_dot, ...) -> (value, tangent). */
    @TruffleBoundary
    public static Object jvp(Object f, Node site) {
        return derivative(f, FORWARD, site);
    }

    private static Object derivative(Object value, String mode, Node site) {
        if (value instanceof DifferentiableClosure closure) {
            if (!closure.mode.equals(mode) && closure.primal instanceof DifferentiableClosure) {
                // Derivative code of derivative code: the primal carries the other mode.
                return derivative(closure.primal, mode, site);
            }
            if (!closure.mode.equals(mode)) {
                throw DeltaError.at(site, "a function created inside " + (closure.mode.equals(REVERSE) ? "reverse" : "forward")
                                + "-mode derivative code cannot be differentiated in the other mode");
            }
            return closure.derivative;
        }
        if (value instanceof DerivedFunction derived) {
            return derivativeOfGradient(derived, mode, site);
        }
        if (!(value instanceof DeltaFunction f)) {
            String what = Values.typeName(value).equals("foreign") ? "the foreign function " + Values.display(value) : "a " + Values.typeName(value);
            throw DeltaError.at(site, "cannot differentiate " + what + ": only Delta functions and builtins with rules are differentiable;"
                            + " wrap it in a Delta function and give that a rule with defvjp/defjvp");
        }
        RootNode root = f.callTarget().getRootNode();
        DeltaContext context = DeltaContext.get(site);
        Object custom = context.customRules().get(key(root, mode));
        if (custom != null) {
            return (DeltaFunction) custom;
        }
        if (root instanceof FunctionRootNode function && function.syntax() != null) {
            Object cached = function.derivatives().get(mode);
            if (cached == null) {
                FunctionLiteralNode code = Lowerer.lowerStandalone(context.language(), function.getSourceSection().getSource(),
                                transform(function, mode, site), function.module(), function.environment());
                ((FunctionRootNode) code.callTarget().getRootNode()).markGenerated();
                cached = code;
                function.derivatives().put(mode, cached);
            }
            // A closure's derivative code reads the captured variables (constants here) from the same frame.
            DeltaFunction code = ((FunctionLiteralNode) cached).createWith(f.captured());
            if (f.minArity() < f.parameterNames().length) {
                // A builtin's rule function takes as few arguments as the builtin; so does its derivative
                // (twice as many in forward mode, each argument with its tangent).
                int least = mode.equals(REVERSE) ? f.minArity() : 2 * f.minArity();
                return new DeltaFunction(code.callTarget(), code.name(), code.parameterNames(), least, code.parameterNames().length, f.captured());
            }
            return code;
        }
        if (root instanceof BuiltinRootNode builtin && builtin.builtin().vjp() != null) {
            return generalRule(builtin.builtin(), mode, context);
        }
        if (root instanceof BuiltinRootNode builtin && AdRules.get().has(builtin.getName())) {
            String key = builtin.getName() + "/" + mode;
            DeltaFunction cached = context.primitiveDerivatives().get(key);
            if (cached == null) {
                Expr.Lambda code = mode.equals(REVERSE) ? Differentiator.vjpOfPrimitive(builtin.getName(), AdRules.get())
                                : Differentiator.jvpOfPrimitive(builtin.getName(), AdRules.get());
                Source rules = Source.newBuilder(DeltaLanguage.ID, "", "<rule of " + builtin.getName() + ">").internal(true).build();
                cached = Lowerer.lowerStandalone(context.language(), rules, code, context.mainModule(), Map.of()).createWith(null);
                context.primitiveDerivatives().put(key, cached);
            }
            return cached;
        }
        if (root instanceof BuiltinRootNode builtin) {
            throw DeltaError.at(site, "the builtin '" + builtin.getName() + "' has no derivative rule");
        }
        throw DeltaError.at(site, "cannot differentiate '" + f.name() + "': derivatives of derivatives are not supported yet");
    }

    /**
     * The derivative function of a builtin with general rules: its vjp or jvp lambda, lowered once
     * per context. Parameters the call leaves out read {@code none}, so the rule function accepts as
     * few arguments as the builtin (twice as many in forward mode: each comes with its tangent).
     */
    private static DeltaFunction generalRule(delta.language.builtins.Builtin builtin, String mode, DeltaContext context) {
        String key = builtin.name() + "/" + mode;
        DeltaFunction cached = context.primitiveDerivatives().get(key);
        if (cached == null) {
            boolean reverse = mode.equals(REVERSE);
            String text = reverse ? builtin.vjp() : builtin.jvp();
            if (text == null) {
                throw new IllegalStateException(builtin.name() + " declares a vjp rule but no jvp rule");
            }
            Source source = Source.newBuilder(DeltaLanguage.ID, text, "<" + (reverse ? "vjp" : "jvp") + " rule of " + builtin.name() + ">")
                            .internal(true).build();
            Expr.Lambda parsed = (Expr.Lambda) delta.parser.Parser.parseExpression(new delta.parser.SourceText(source.getName(), text));
            Expr.Lambda rule = Differentiator.builtinRule(new Expr.Lambda(builtin.name() + "_" + mode, parsed.params(), parsed.body(), parsed.span()));
            DeltaFunction full = Lowerer.lowerStandalone(context.language(), source, rule, context.mainModule(), Map.of()).createWith(null);
            int minArity = reverse ? builtin.minArity() : 2 * builtin.minArity();
            cached = new DeltaFunction(full.callTarget(), full.name(), full.parameterNames(), minArity, full.parameterNames().length, null);
            context.primitiveDerivatives().put(key, cached);
        }
        return cached;
    }

    /**
     * grad(f) differentiated again: its derivative code is written once per (component, arity,
     * mode) as a function of f (HigherOrder), and applied to f here.
     */
    private static Object derivativeOfGradient(DerivedFunction derived, String mode, Node site) {
        if (derived.withValue || derived.wrtIsList) {
            throw DeltaError.at(site, "only grad(f) or grad(f, i) can be differentiated again, not value_and_grad or grad(f, [i, j])");
        }
        int k = derived.wrt[0];
        int n = derived.arity;
        DeltaContext context = DeltaContext.get(site);
        String key = "grad/" + k + "/" + n + "/" + mode;
        DeltaFunction factory = context.primitiveDerivatives().get(key);
        if (factory == null) {
            Expr.Lambda code = mode.equals(REVERSE) ? delta.ad.HigherOrder.reverseOfGradient(k, n) : delta.ad.HigherOrder.forwardOfGradient(k, n);
            factory = Lowerer.lowerStandalone(context.language(), internalSource("<derivative of a gradient>"), code, context.mainModule(), Map.of())
                            .createWith(null);
            context.primitiveDerivatives().put(key, factory);
        }
        return DerivedFunction.call(factory, new Object[]{derived.function});
    }

    /** The gradient of F as Delta code, {@code (F, x...) -> component k of grad F at x}, for forward-over-reverse. */
    @TruffleBoundary
    public static DeltaFunction gradientFunction(int k, int n, Node site) {
        DeltaContext context = DeltaContext.get(site);
        String key = "gradfn/" + k + "/" + n;
        DeltaFunction cached = context.primitiveDerivatives().get(key);
        if (cached == null) {
            cached = Lowerer.lowerStandalone(context.language(), internalSource("<gradient>"), delta.ad.HigherOrder.gradientFunction(k, n),
                            context.mainModule(), Map.of()).createWith(null);
            context.primitiveDerivatives().put(key, cached);
        }
        return cached;
    }

    private static Source internalSource(String name) {
        return Source.newBuilder(DeltaLanguage.ID, "", name).internal(true).build();
    }

    private static Expr.Lambda transform(FunctionRootNode function, String mode, Node site) {
        try {
            transforms++;
            Expr.Lambda code = mode.equals(REVERSE) ? Differentiator.vjp(function.syntax(), AdRules.get())
                            : Differentiator.jvp(function.syntax(), AdRules.get(), function.isGenerated());
            if (TRACE) {
                // For debugging the transform itself: every generated function, as Delta source.
                System.err.println(SourcePrinter.print(code));
            }
            return code;
        } catch (NotDifferentiable e) {
            Source source = function.getSourceSection().getSource();
            Span span = e.span();
            int start = Math.min(span.start(), source.getLength());
            throw DeltaError.at(site, source.createSection(start, Math.min(span.length(), source.getLength() - start)),
                            "cannot differentiate '" + function.getName() + "': " + e.getMessage());
        }
    }

    /** The derivative code of a function as Delta source, for people to read. */
    @TruffleBoundary
    public static String source(Object value, String mode, Node site) {
        if (value instanceof DeltaFunction f && f.callTarget().getRootNode() instanceof FunctionRootNode function && function.syntax() != null) {
            return SourcePrinter.print(transform(function, mode, site));
        }
        throw DeltaError.at(site, "derivative_source needs a function written in Delta, got " + Values.typeName(value));
    }

    /** Registers a user's rule: {@code rule} replaces the generated derivative code of {@code f}. */
    @TruffleBoundary
    public static void define(Object f, Object rule, String mode, Node site) {
        if (!(f instanceof DeltaFunction function) || !(rule instanceof DeltaFunction)) {
            throw DeltaError.at(site, "def" + mode + "(f, rule) expects two functions");
        }
        DeltaContext.get(site).customRules().put(key(function.callTarget().getRootNode(), mode), rule);
    }

    private static Object key(RootNode root, String mode) {
        return Map.entry(root, mode);
    }
}
