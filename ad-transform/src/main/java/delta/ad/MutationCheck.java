package delta.ad;

import delta.ad.ir.Atom;
import delta.ad.ir.Op;
import delta.ad.ir.Stmt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derivatives follow variables, not objects, so writing into a list or record is differentiable
 * only when no other name can see that object: it was built in this function (a list or record
 * literal), is assigned nowhere else, and never escapes (copied to another variable, passed to a
 * call, put into another container). Anything else (a parameter, an alias, an element of another
 * container) could make the derivative silently wrong, so it is refused here instead.
 */
final class MutationCheck {
    private final Map<String, Integer> assignments = new HashMap<>();
    private final Set<String> built = new HashSet<>();
    private final Set<String> escaped = new HashSet<>();
    private final String resultVar;

    private MutationCheck(String resultVar) {
        this.resultVar = resultVar;
    }

    static void check(List<Stmt> body, String resultVar) {
        MutationCheck check = new MutationCheck(resultVar);
        check.survey(body);
        check.verify(body);
    }

    private void survey(List<Stmt> statements) {
        Statements.walk(statements, s -> {
            switch (s) {
                case Stmt.Assign a -> {
                    assignments.merge(a.target(), 1, Integer::sum);
                    if (a.op() instanceof Op.Build) {
                        built.add(a.target());
                    }
                    escapes(a.op(), a.target());
                }
                case Stmt.Effect e -> escapes(e.op(), null);
                case Stmt.Store st -> escape(st.value());
                case Stmt.Append ap -> escape(ap.value());
                default -> {
                }
            }
        });
    }

    private void escapes(Op op, String target) {
        switch (op) {
            case Op.Copy c -> {
                // Returning a list is not sharing it: nothing runs after the result is set.
                if (!resultVar.equals(target)) {
                    escape(c.value());
                }
            }
            case Op.Call c -> c.args().forEach(this::escape);
            case Op.Build b -> b.items().forEach(this::escape);
            default -> {
            }
        }
    }

    private void escape(Atom a) {
        if (a instanceof Atom.Var v) {
            escaped.add(v.name());
        }
    }

    private void verify(List<Stmt> statements) {
        Statements.walk(statements, s -> {
            if (s instanceof Stmt.Store st) {
                require(st.target(), st);
            } else if (s instanceof Stmt.Append ap) {
                require(ap.list(), ap);
            }
        });
    }

    private void require(Atom target, Stmt at) {
        String name = target instanceof Atom.Var v ? v.name() : null;
        boolean owned = name != null && built.contains(name) && assignments.getOrDefault(name, 0) == 1 && !escaped.contains(name);
        if (!owned) {
            throw new NotDifferentiable("writing into a list or record that other names may see (a parameter, an alias, an element of"
                            + " another container, or one passed to a function) is not differentiable yet; build a new list or record instead", at.span());
        }
    }
}
