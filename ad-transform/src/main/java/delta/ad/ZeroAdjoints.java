package delta.ad;

import delta.parser.ast.BinaryOp;
import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops additions to adjoints that are known to be zero from a generated reverse sweep:
 * {@code a_bar = a_bar + c} becomes {@code a_bar = c} where a_bar still holds the 0.0 it was
 * declared or reset with. For numbers that saves an addition; for tensors it saves a whole
 * temporary, since {@code 0.0 + t} makes a copy of t.
 *
 * <p>A forward dataflow pass over the sweep's statements: a tracked adjoint is known zero after
 * {@code let a_bar = 0.0} or {@code a_bar = 0.0} and stops being so at any other write. Branches
 * keep what both arms agree on; a loop keeps, at the start of its body, what holds before the loop
 * and again at the end of every iteration (a greatest fixpoint: adjoints a loop's body resets at
 * its end are zero at every iteration's start). Only the sweep's own adjoint variables are
 * tracked: nothing but its statements writes them (no closure captures them).
 */
final class ZeroAdjoints {
    private final Set<String> tracked;

    private ZeroAdjoints(Set<String> tracked) {
        this.tracked = tracked;
    }

    /** The statements with additions to known-zero adjoints among {@code tracked} removed. */
    static List<Expr> simplify(List<Expr> statements, Set<String> tracked) {
        return new ZeroAdjoints(tracked).sweep(statements, new HashSet<>(), true);
    }

    /** Runs the statements from the state {@code zero} (updated in place); rewrites when asked. */
    private List<Expr> sweep(List<Expr> statements, Set<String> zero, boolean rewrite) {
        List<Expr> out = new ArrayList<>(statements.size());
        for (Expr s : statements) {
            out.add(statement(s, zero, rewrite));
        }
        return out;
    }

    private Expr statement(Expr s, Set<String> zero, boolean rewrite) {
        switch (s) {
            case Expr.Let let when let.target() instanceof Pattern.Bind bind && tracked.contains(bind.name()) -> {
                Expr value = rewrite ? withoutZeroTerm(bind.name(), let.value(), zero) : let.value();
                written(bind.name(), value, zero);
                return rewrite ? new Expr.Let(let.target(), value, let.span()) : s;
            }
            case Expr.Assign a when a.target() instanceof Expr.Name n && tracked.contains(n.name()) -> {
                Expr value = rewrite ? withoutZeroTerm(n.name(), a.value(), zero) : a.value();
                written(n.name(), value, zero);
                return rewrite ? new Expr.Assign(a.target(), value, a.span()) : s;
            }
            case Expr.Block b -> {
                return new Expr.Block(sweep(b.items(), zero, rewrite), b.span());
            }
            case Expr.If i -> {
                Set<String> orElse = new HashSet<>(zero);
                Expr.Block then = new Expr.Block(sweep(i.then().items(), zero, rewrite), i.then().span());
                Expr other = i.orElse() == null ? null : statement(i.orElse(), orElse, rewrite);
                zero.retainAll(orElse);
                return new Expr.If(i.condition(), then, other, i.span());
            }
            case Expr.While w -> {
                return loop(w, zero, rewrite);
            }
            default -> {
                // Other statements (calls of $ helpers, restores from the tape) write no tracked adjoint.
                return s;
            }
        }
    }

    private Expr loop(Expr.While w, Set<String> zero, boolean rewrite) {
        if (jumps(w.body())) {
            // A break or continue would end an iteration early: give up on this loop.
            zero.removeIf(name -> writes(w.body(), name));
            return w;
        }
        Set<String> atStart = new HashSet<>(zero);
        while (true) {
            Set<String> atEnd = new HashSet<>(atStart);
            sweep(w.body().items(), atEnd, false);
            if (atEnd.containsAll(atStart)) {
                break;
            }
            atStart.retainAll(atEnd);
        }
        Set<String> atEnd = new HashSet<>(atStart);
        Expr.Block body = new Expr.Block(sweep(w.body().items(), atEnd, rewrite), w.body().span());
        // After the loop: before it (no iteration ran) or at the end of an iteration.
        zero.retainAll(atEnd);
        return rewrite ? new Expr.While(w.condition(), body, w.span()) : w;
    }

    private static void written(String name, Expr value, Set<String> zero) {
        if (value instanceof Expr.FloatLit f && f.value() == 0.0) {
            zero.add(name);
        } else {
            zero.remove(name);
        }
    }

    /** {@code c} for {@code a_bar + c} or {@code $addgrad(a_bar, c)} when a_bar is known zero. */
    private static Expr withoutZeroTerm(String name, Expr value, Set<String> zero) {
        if (!zero.contains(name)) {
            return value;
        }
        if (value instanceof Expr.Binary b && b.op() == BinaryOp.ADD && (isName(b.left(), name) || isForced(b.left(), name))) {
            return b.right();
        }
        if (value instanceof Expr.Call c && isName(c.callee(), "$addgrad") && c.args().size() == 2 && isName(c.args().get(0).value(), name)) {
            return c.args().get(1).value();
        }
        return value;
    }

    /** {@code $force(name)}: how the reverse sweep reads an adjoint that may be deferred (ReverseTransform). */
    private static boolean isForced(Expr e, String name) {
        return e instanceof Expr.Call c && isName(c.callee(), "$force") && c.args().size() == 1 && isName(c.args().get(0).value(), name);
    }

    private static boolean isName(Expr e, String name) {
        return e instanceof Expr.Name n && n.name().equals(name);
    }

    private static boolean jumps(Expr e) {
        if (e instanceof Expr.Break || e instanceof Expr.Continue || e instanceof Expr.Return) {
            return true;
        }
        if (e instanceof Expr.Lambda) {
            return false;
        }
        for (Expr child : Syntax.children(e)) {
            if (jumps(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean writes(Expr e, String name) {
        if (e instanceof Expr.Assign a && isName(a.target(), name) || e instanceof Expr.Let l && l.target() instanceof Pattern.Bind b && b.name().equals(name)) {
            return true;
        }
        for (Expr child : Syntax.children(e)) {
            if (writes(child, name)) {
                return true;
            }
        }
        return false;
    }
}
