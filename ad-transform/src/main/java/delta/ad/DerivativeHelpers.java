package delta.ad;

import delta.ad.ir.Atom;
import delta.ad.ir.Op;
import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Forward mode over reverse-mode code (forward-over-reverse, as hessian does): the tangents of the
 * helpers that generated derivative code calls. Adjoint arithmetic is linear in the adjoints, so
 * the tangent of a helper is the same helper applied to the tangents of its adjoint arguments
 * ('L' below) with its other arguments ('P') unchanged. The tape gets a shadow tape for tangents:
 * what is pushed on one is pushed on the other, so a pop returns the value and its tangent.
 */
final class DerivativeHelpers {
    private static final Map<String, String> LINEAR_ARGUMENTS = Map.of(
                    "$addgrad", "LL",
                    "$accfield", "LPPL",
                    "$accindex", "LPPL",
                    "$part", "LP",
                    "$getgrad", "LP",
                    "$setgrad", "LPPL",
                    "$dropgrad", "L",
                    "$grad_of", "PL",
                    "$force", "L");

    private DerivativeHelpers() {}

    /** The tangent of {@code target = $helper(args)}. */
    /** Whether a call is to a helper of derivative code ('$' names), not to a constant builtin the parser calls (f-strings, in). */
    static boolean isHelper(String name) {
        return name.startsWith("$") && !name.equals(delta.parser.Parser.FSTRING_FORMAT) && !name.equals(delta.parser.Parser.CONTAINS);
    }

    static Expr tangent(Op.Opaque op, BiFunction<Atom, Span, Expr> tangentOf, Span span) {
        // The in-place accumulation's tangent accumulates into a copy: the tangent code has not been
        // checked for other readers of the adjoint's tangent.
        String name = op.name().equals("$accindex_into") ? "$accindex" : op.name();
        String kinds = LINEAR_ARGUMENTS.get(name);
        if (kinds != null) {
            List<Expr> args = new ArrayList<>();
            for (int i = 0; i < op.args().size(); i++) {
                Atom arg = op.args().get(i);
                args.add(kinds.charAt(i) == 'L' ? tangentOf.apply(arg, span) : Emit.atom(arg, span));
            }
            return Syntax.call(name, span, args.toArray(Expr[]::new));
        }
        return switch (op.name()) {
            case "$tape" -> Syntax.call("$tape", span);
            // The shadow tape's tangents have no known type: the plain pop, whichever pop the value used.
            case "$pop", "$popf", "$popi", "$popv" -> Syntax.call("$pop", span, tangentOf.apply(op.args().get(0), span));
            default -> Syntax.floatLit(0.0, span);
        };
    }

    /** What a helper run for its effect does to tangents. */
    static void tangentEffect(Op.Opaque op, BiFunction<Atom, Span, Expr> tangentOf, Function<String, String> dot, Span span, List<Expr> out) {
        switch (op.name()) {
            case "$push" -> out.add(Syntax.call("$push", span, tangentOf.apply(op.args().get(0), span), tangentOf.apply(op.args().get(1), span)));
            case "$unappend" -> {
                if (op.args().get(0) instanceof Atom.Var list) {
                    out.add(Syntax.assign(dot.apply(list.name()), Syntax.call("$dropgrad", span, tangentOf.apply(list, span)), span));
                }
            }
            default -> {
                // $tape_reverse and the like: no tangent
            }
        }
    }
}
