package delta.ad;

import delta.parser.ast.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes the resets {@code a_bar = 0.0} of a reverse sweep's straight-line part (its own statement
 * list, not loops or branches) that nothing reads afterwards. The reverse sweep zeroes an adjoint
 * once its contributions have been passed on, which a loop needs for its next iteration; after the
 * last use in straight-line code the reset only stands between a temporary and its single use,
 * which keeps TemporaryInlining from putting them together.
 */
final class DeadResets {
    private DeadResets() {}

    static List<Expr> remove(List<Expr> statements, Set<String> adjoints) {
        // Backwards, keeping the names read by the statements after the current one.
        Map<String, Integer> readLater = new HashMap<>();
        List<Expr> kept = new ArrayList<>(statements.size());
        for (int k = statements.size() - 1; k >= 0; k--) {
            Expr s = statements.get(k);
            if (s instanceof Expr.Assign a && a.target() instanceof Expr.Name n && adjoints.contains(n.name())
                            && a.value() instanceof Expr.FloatLit f && f.value() == 0.0 && !readLater.containsKey(n.name())) {
                continue;
            }
            TemporaryInlining.countUses(s, readLater);
            kept.add(s);
        }
        java.util.Collections.reverse(kept);
        return kept;
    }
}
