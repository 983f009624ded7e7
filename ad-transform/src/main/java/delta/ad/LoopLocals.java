package delta.ad;

import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Ends the life of a generated function's per-iteration variables with their iteration. A variable
 * that only one loop uses, and that each iteration assigns before reading, is reset at the end of
 * every iteration to the value it was declared with. Its frame slot then holds the same value on
 * entry to each iteration, so compiled code carries nothing of it from one iteration to the next;
 * without the reset, every such variable is a loop-carried value (deoptimisation states inside the
 * loop still refer to the previous iteration's value until the new one is assigned), and with a
 * dozen of them the register allocator spilled and shuffled them through the stack on every
 * iteration: most of the time of Rosenbrock's reverse sweep (W4).
 *
 * <p>A variable copied into the function ({@code let t = t}) is declared with {@code declaredAs}'s
 * value instead, since nothing outside the loop reads it. So is a copy that the function's own
 * statements overwrite before reading it. Variables that a function created in the statements
 * mentions are left alone (the function may read them later).
 */
final class LoopLocals {
    private LoopLocals() {}

    /** The statements, and the variables whose copy into the function they no longer make. */
    record Result(List<Expr> statements, Set<String> uncopied) {}

    static Result apply(List<Expr> statements, Function<String, Expr> declaredAs) {
        Set<String> inFunctions = new java.util.HashSet<>();
        statements.forEach(s -> namesInFunctions(s, false, inFunctions));
        List<Expr> out = new ArrayList<>(statements);
        Set<String> uncopied = new LinkedHashSet<>();
        for (int d = 0; d < out.size(); d++) {
            if (!(out.get(d) instanceof Expr.Let let && let.target() instanceof Pattern.Bind bind) || inFunctions.contains(bind.name())) {
                continue;
            }
            String v = bind.name();
            boolean literal = isLiteral(let.value());
            if (!literal && !(let.value() instanceof Expr.Name copy && copy.name().equals(v))) {
                continue;
            }
            if (!literal && assignedBeforeRead(out.subList(d + 1, out.size()), v)) {
                // A copy the function overwrites before reading it (a value the reverse sweep recomputes).
                out.set(d, Syntax.let(v, declaredAs.apply(v), let.span()));
                uncopied.add(v);
                continue;
            }
            int loopAt = onlyStatementMentioning(out, v, d);
            if (loopAt < 0 || !(out.get(loopAt) instanceof Expr.While loop)) {
                continue;
            }
            Expr initial = literal ? let.value() : declaredAs.apply(v);
            Expr.While reset = resetInInnermost(loop, v, initial);
            if (reset == null) {
                continue;
            }
            out.set(loopAt, reset);
            if (!literal) {
                out.set(d, Syntax.let(v, initial, let.span()));
                uncopied.add(v);
            }
        }
        return new Result(out, uncopied);
    }

    /**
     * The loop, with {@code v = initial} at the end of its body or of the innermost loop in it that
     * holds every mention of v; null when the loop that holds them all does not assign v before
     * reading it in each iteration, or its condition reads v.
     */
    private static Expr.While resetInInnermost(Expr.While loop, String v, Expr initial) {
        if (Syntax.mentions(loop.condition(), v)) {
            return null;
        }
        List<Expr> body = loop.body().items();
        int inner = onlyStatementMentioning(body, v, -1);
        if (inner >= 0 && body.get(inner) instanceof Expr.While nested) {
            Expr.While done = resetInInnermost(nested, v, initial);
            if (done == null) {
                return null;
            }
            List<Expr> items = new ArrayList<>(body);
            items.set(inner, done);
            return new Expr.While(loop.condition(), Syntax.block(items, loop.body().span()), loop.span());
        }
        if (!assignedBeforeRead(body, v)) {
            return null;
        }
        List<Expr> items = new ArrayList<>(body);
        if (!endsAt(body, v, initial)) {
            items.add(Syntax.assign(v, initial, initial.span()));
        }
        return new Expr.While(loop.condition(), Syntax.block(items, loop.body().span()), loop.span());
    }

    /** Whether the last statement of {@code body} that mentions v already sets it to {@code initial} (an adjoint's reset). */
    private static boolean endsAt(List<Expr> body, String v, Expr initial) {
        for (int k = body.size() - 1; k >= 0; k--) {
            if (Syntax.mentions(body.get(k), v)) {
                return body.get(k) instanceof Expr.Assign a && a.target() instanceof Expr.Name n && n.name().equals(v) && sameLiteral(a.value(), initial);
            }
        }
        return false;
    }

    private static boolean sameLiteral(Expr a, Expr b) {
        return switch (a) {
            case Expr.FloatLit f -> b instanceof Expr.FloatLit g && Double.compare(f.value(), g.value()) == 0;
            case Expr.IntLit i -> b instanceof Expr.IntLit j && i.value() == j.value();
            case Expr.BoolLit p -> b instanceof Expr.BoolLit q && p.value() == q.value();
            case Expr.NoneLit n -> b instanceof Expr.NoneLit;
            default -> false;
        };
    }

    /** Whether the first statement of {@code body} that mentions v is {@code v = e} with e not reading v. */
    private static boolean assignedBeforeRead(List<Expr> body, String v) {
        for (Expr s : body) {
            if (Syntax.mentions(s, v)) {
                return s instanceof Expr.Assign a && a.target() instanceof Expr.Name n && n.name().equals(v) && !Syntax.mentions(a.value(), v);
            }
        }
        return false;
    }

    /** The index of the one statement other than {@code except} that mentions v; -1 for none or several. */
    private static int onlyStatementMentioning(List<Expr> statements, String v, int except) {
        int found = -1;
        for (int k = 0; k < statements.size(); k++) {
            if (k != except && Syntax.mentions(statements.get(k), v)) {
                if (found >= 0) {
                    return -1;
                }
                found = k;
            }
        }
        return found;
    }

    private static boolean isLiteral(Expr e) {
        return e instanceof Expr.FloatLit || e instanceof Expr.IntLit || e instanceof Expr.NoneLit || e instanceof Expr.BoolLit;
    }

    /** Every name mentioned inside a function created in {@code e}. */
    private static void namesInFunctions(Expr e, boolean inside, Set<String> out) {
        if (inside && e instanceof Expr.Name n) {
            out.add(n.name());
        }
        boolean nowInside = inside || e instanceof Expr.Lambda;
        for (Expr child : Syntax.children(e)) {
            namesInFunctions(child, nowInside, out);
        }
    }
}
