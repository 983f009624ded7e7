package delta.ad;

import delta.parser.ast.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets a reverse sweep add into an adjoint in place: {@code a_bar = $accindex(a_bar, a, k, g)}
 * becomes {@code $accindex_into(...)} when the same statement list has already set a_bar by an
 * accumulation and nothing has named a_bar since. The accumulation's result is a fresh tensor
 * that only a_bar holds then, so adding into it changes nothing anyone else sees, and saves a
 * full copy of the adjoint per read of a slice (W4 reads x through three slices). The runtime
 * still checks that the value is such a fresh accumulator before it writes.
 */
final class AccumulateInPlace {
    private static final String ACCUMULATE = "$accindex";
    private static final String IN_PLACE = "$accindex_into";

    private AccumulateInPlace() {}

    static List<Expr> apply(List<Expr> statements) {
        Set<String> fresh = new HashSet<>();
        List<Expr> out = new ArrayList<>(statements.size());
        for (Expr s : statements) {
            String target = accumulationTarget(s);
            // A nested list is handled on its own: a loop body runs many times, and nothing is fresh at its start.
            Expr rewritten = Syntax.mapStatementLists(s, AccumulateInPlace::apply);
            Map<String, Integer> named = new HashMap<>();
            TemporaryInlining.countUses(s, named);
            if (target != null) {
                if (fresh.contains(target)) {
                    rewritten = inPlace((Expr.Assign) s);
                }
                named.remove(target);
                fresh.removeAll(named.keySet());
                fresh.add(target);
            } else {
                Map<String, Integer> assigned = new HashMap<>();
                Syntax.countAssignments(s, assigned, false);
                fresh.removeAll(named.keySet());
                fresh.removeAll(assigned.keySet());
            }
            out.add(rewritten);
        }
        return out;
    }

    /** a_bar for {@code a_bar = $accindex(a_bar, ...)} whose other arguments do not name a_bar; else null. */
    private static String accumulationTarget(Expr s) {
        if (s instanceof Expr.Assign a && a.target() instanceof Expr.Name n && a.value() instanceof Expr.Call c
                        && c.callee() instanceof Expr.Name callee && callee.name().equals(ACCUMULATE) && c.args().size() == 4
                        && c.args().get(0).value() instanceof Expr.Name bar && bar.name().equals(n.name())) {
            Map<String, Integer> others = new HashMap<>();
            for (int i = 1; i < 4; i++) {
                TemporaryInlining.countUses(c.args().get(i).value(), others);
            }
            return others.containsKey(n.name()) ? null : n.name();
        }
        return null;
    }

    private static Expr inPlace(Expr.Assign a) {
        Expr.Call c = (Expr.Call) a.value();
        return new Expr.Assign(a.target(), new Expr.Call(new Expr.Name(IN_PLACE, c.callee().span()), c.args(), c.span()), a.span());
    }


}
