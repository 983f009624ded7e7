package delta.ad;

import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Derivative code for derivatives: second derivatives are forward mode over reverse mode. The
 * gradient of f is written as Delta code, {@code (F, x...) -> $vjp(F)(x...)[1](1.0)[k]}, so the
 * forward transform can differentiate it like any other function; the code built here wraps that.
 * Functions that need the function being differentiated take it as a first parameter F and are
 * partially applied by the language.
 */
public final class HigherOrder {
    private static final Span AT = new Span(0, 0);

    private HigherOrder() {}

    /** {@code (F, x0..x{n-1}) -> $vjp(F)(x0..)[1](1.0)[k]}: component k of the gradient of F. */
    public static Expr.Lambda gradientFunction(int k, int n) {
        List<Expr.Param> params = new ArrayList<>();
        params.add(new Expr.Param("F", AT));
        params.addAll(xs(n, false));
        Expr pair = Syntax.call(Syntax.call("$vjp", AT, name("F")), AT, names(n).toArray(Expr[]::new));
        Expr grads = Syntax.call(index(name("pair"), new Expr.IntLit(1, AT)), AT, Syntax.floatLit(1.0, AT));
        List<Expr> body = List.of(
                        Syntax.let("pair", pair, AT),
                        // A gradient exists only for functions that return a number.
                        Syntax.call("$scalar", AT, index(name("pair"), new Expr.IntLit(0, AT))),
                        // A rule may have deferred the adjoint (LazyAdjoint in the language): compute it.
                        Syntax.call("$force", AT, index(grads, new Expr.IntLit(k, AT))));
        return new Expr.Lambda("grad_" + k, params, Syntax.block(body, AT), AT);
    }

    /**
     * {@code (F) -> (x...) -> { let v = G(F, x...); (v, (g) -> (g * dG/dx0, ...)) }} where
     * G = gradientFunction(k, n) and each dG/dxi comes from G's forward-mode code: the reverse-mode
     * code of a gradient, so that grad(grad(f)) works.
     */
    public static Expr.Lambda reverseOfGradient(int k, int n) {
        Expr gradient = Syntax.call("$gradfn", AT, new Expr.IntLit(k, AT), new Expr.IntLit(n, AT));
        List<Expr> callArgs = new ArrayList<>();
        callArgs.add(name("F"));
        callArgs.addAll(names(n));
        List<Expr> partials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Expr> jvpArgs = new ArrayList<>();
            jvpArgs.add(name("F"));
            jvpArgs.add(Syntax.floatLit(0.0, AT));
            for (int j = 0; j < n; j++) {
                jvpArgs.add(name("x" + j));
                jvpArgs.add(Syntax.floatLit(i == j ? 1.0 : 0.0, AT));
            }
            Expr tangent = index(Syntax.call(Syntax.call("$jvp", AT, gradient), AT, jvpArgs.toArray(Expr[]::new)), new Expr.IntLit(1, AT));
            partials.add(Emit.mul(name("g"), tangent, AT));
        }
        Expr pullback = new Expr.Lambda(null, List.of(new Expr.Param("g", AT)), Syntax.tuple(partials, AT), AT);
        List<Expr> body = List.of(
                        Syntax.let("v", Syntax.call(gradient, AT, callArgs.toArray(Expr[]::new)), AT),
                        Syntax.tuple(List.of(name("v"), pullback), AT));
        Expr.Lambda inner = new Expr.Lambda("grad_" + k + "_vjp", xs(n, false), Syntax.block(body, AT), AT);
        return new Expr.Lambda("grad_" + k + "_vjp_of", List.of(new Expr.Param("F", AT)), inner, AT);
    }

    /** {@code (F) -> (x0, x0_dot, ...) -> $jvp(G)(F, 0.0, x0, x0_dot, ...)}: forward mode of a gradient. */
    public static Expr.Lambda forwardOfGradient(int k, int n) {
        Expr gradient = Syntax.call("$gradfn", AT, new Expr.IntLit(k, AT), new Expr.IntLit(n, AT));
        List<Expr> args = new ArrayList<>();
        args.add(name("F"));
        args.add(Syntax.floatLit(0.0, AT));
        for (int j = 0; j < n; j++) {
            args.add(name("x" + j));
            args.add(name("x" + j + "_dot"));
        }
        Expr body = Syntax.call(Syntax.call("$jvp", AT, gradient), AT, args.toArray(Expr[]::new));
        Expr.Lambda inner = new Expr.Lambda("grad_" + k + "_jvp", xs(n, true), body, AT);
        return new Expr.Lambda("grad_" + k + "_jvp_of", List.of(new Expr.Param("F", AT)), inner, AT);
    }

    private static List<Expr.Param> xs(int n, boolean withTangents) {
        List<Expr.Param> params = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            params.add(new Expr.Param("x" + i, AT));
            if (withTangents) {
                params.add(new Expr.Param("x" + i + "_dot", AT));
            }
        }
        return params;
    }

    private static List<Expr> names(int n) {
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(name("x" + i));
        }
        return out;
    }

    private static Expr name(String n) {
        return Syntax.name(n, AT);
    }

    private static Expr index(Expr target, Expr i) {
        return new Expr.Index(target, List.of(i), AT);
    }
}
