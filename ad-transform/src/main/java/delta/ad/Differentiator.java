package delta.ad;

import delta.ad.ir.Function;
import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of the transform: from a function's syntax tree to the syntax tree of its
 * derivative code. The language lowers the result like any other function, so derivative code is
 * interpreted, profiled and JIT-compiled like the code it came from.
 */
public final class Differentiator {
    private Differentiator() {}

    /**
     * A builtin's rule as written in its Java source, with the names that stand for helpers of
     * derivative code (which no program can name) replaced by those helpers: {@code defer(() -> e)}
     * is {@code $lazy(() -> e)}, an adjoint computed only if something reads it.
     */
    public static Expr.Lambda builtinRule(Expr.Lambda rule) {
        return Renamer.rename(rule, java.util.Map.of("defer", "$lazy"));
    }

    /** Reverse mode: {@code f_vjp(params) = (f(params), g -> (d/dparam_i ...))}. */
    public static Expr.Lambda vjp(Expr.Lambda f, Rules rules) {
        Names names = new Names(f);
        Function normalized = Normalizer.normalize(f, rules, names);
        return ReverseTransform.transform(normalized, rules, names, baseName(f) + "_vjp");
    }

    /** Forward mode: {@code f_jvp(x, x_dot, ...) = (f(x, ...), directional derivative)}. */
    public static Expr.Lambda jvp(Expr.Lambda f, Rules rules) {
        return jvp(f, rules, false);
    }

    /** Forward mode of {@code f}, which may be derivative code this transform generated ({@code generated}). */
    public static Expr.Lambda jvp(Expr.Lambda f, Rules rules, boolean generated) {
        Names names = new Names(f);
        Function normalized = generated ? Normalizer.normalizeGenerated(f, rules, names) : Normalizer.normalize(f, rules, names);
        return ForwardTransform.transform(normalized, rules, names, baseName(f) + "_jvp");
    }

    /**
     * The reverse-mode code of a primitive used as a value (as in {@code map(xs, sin)}), written from
     * its rule: {@code (x) -> (sin(x), (g) -> (g * cos(x),))}.
     */
    public static Expr.Lambda vjpOfPrimitive(String name, Rules rules) {
        Span at = new Span(0, 0);
        List<Expr> args = arguments(rules.arity(name), at);
        List<Expr> grads = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            grads.add(Emit.mul(Syntax.name("g", at), rules.partial(name, i, args, at), at));
        }
        Expr pullback = new Expr.Lambda(null, List.of(new Expr.Param("g", at)), Syntax.tuple(grads, at), at);
        Expr body = Syntax.tuple(List.of(Emit.primitive(name, args, at), pullback), at);
        return new Expr.Lambda(name + "_vjp", params(args, false, at), body, at);
    }

    /** The forward-mode code of a primitive used as a value: {@code (x, x_dot) -> (sin(x), cos(x) * x_dot)}. */
    public static Expr.Lambda jvpOfPrimitive(String name, Rules rules) {
        Span at = new Span(0, 0);
        List<Expr> args = arguments(rules.arity(name), at);
        Expr tangent = null;
        for (int i = 0; i < args.size(); i++) {
            Expr term = Emit.mul(rules.partial(name, i, args, at), Syntax.name(((Expr.Name) args.get(i)).name() + "_dot", at), at);
            tangent = tangent == null ? term : Emit.add(tangent, term, at);
        }
        Expr body = Syntax.tuple(List.of(Emit.primitive(name, args, at), tangent), at);
        return new Expr.Lambda(name + "_jvp", params(args, true, at), body, at);
    }

    private static List<Expr> arguments(int arity, Span at) {
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            args.add(Syntax.name(new String[]{"x", "y", "z"}[i], at));
        }
        return args;
    }

    private static List<Expr.Param> params(List<Expr> args, boolean withTangents, Span at) {
        List<Expr.Param> params = new ArrayList<>();
        for (Expr arg : args) {
            String name = ((Expr.Name) arg).name();
            params.add(new Expr.Param(name, at));
            if (withTangents) {
                params.add(new Expr.Param(name + "_dot", at));
            }
        }
        return params;
    }

    private static String baseName(Expr.Lambda f) {
        return f.name() == null ? "lambda" : f.name();
    }
}
