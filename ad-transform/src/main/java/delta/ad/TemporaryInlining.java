package delta.ad;

import delta.parser.ast.BinaryOp;
import delta.parser.ast.Expr;
import delta.parser.ast.UnaryOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts single-use arithmetic temporaries of generated code back into the expression that uses
 * them: {@code t7 = t8 ** 2; t4 = t5 - t7} becomes {@code t4 = t5 - t8 ** 2}, and in a reverse sweep
 * {@code t12_bar = t11_bar * (2 * t12); t13_bar = t12_bar * -1.0} becomes one expression.
 * Normalization gives every operation its own variable, which the reverse sweep needs for the
 * values it reads; the others only cost a tensor each, because an operator can write its result
 * into an operand that is itself an operator's fresh result (FreshTensorResult in the language) but
 * not into a variable's value. W4's forward sweep drops from seven tensor allocations to four.
 *
 * <p>The caller chooses the candidates: variables assigned once (for a forward sweep, ones the reverse sweep does not
 * read). A candidate assigned by arithmetic is inlined when it is used exactly once, later in the
 * same statement list, in an assignment, a declaration or a call. Its assignment comes back, just
 * before the statement, when that statement is anything else (a nested loop or branch) or names a
 * variable the arithmetic reads (it might assign it, or change the list it holds in place).
 */
final class TemporaryInlining {
    private final Set<String> inlinable;

    private TemporaryInlining(Set<String> inlinable) {
        this.inlinable = inlinable;
    }

    static List<Expr> apply(List<Expr> statements, Set<String> candidates) {
        Map<String, Integer> uses = new HashMap<>();
        statements.forEach(s -> countUses(s, uses));
        Set<String> once = new java.util.HashSet<>();
        for (String c : candidates) {
            if (uses.getOrDefault(c, 0) == 1) {
                once.add(c);
            }
        }
        TemporaryInlining pass = new TemporaryInlining(once);
        List<Expr> out = pass.list(statements);
        // Declarations (let t = none) of temporaries that no longer exist go too.
        Map<String, Integer> left = new HashMap<>();
        out.forEach(x -> countUses(x, left));
        Map<String, Integer> assignedStill = new HashMap<>();
        out.forEach(x -> Syntax.countAssignments(x, assignedStill, false));
        out.removeIf(x -> x instanceof Expr.Let l && l.target() instanceof delta.parser.ast.Pattern.Bind b && once.contains(b.name())
                        && !left.containsKey(b.name()) && !assignedStill.containsKey(b.name()));
        return out;
    }


    private List<Expr> list(List<Expr> statements) {
        Map<String, Expr> pending = new LinkedHashMap<>();
        List<Expr> out = new ArrayList<>();
        for (Expr s : statements) {
            if (s instanceof Expr.Assign a && a.target() instanceof Expr.Name n && inlinable.contains(n.name()) && arithmetic(a.value())) {
                pending.put(n.name(), substituted(a.value(), pending));
                continue;
            }
            Expr rewritten = switch (s) {
                case Expr.Assign a when a.target() instanceof Expr.Name -> new Expr.Assign(a.target(), substituted(a.value(), pending), a.span());
                case Expr.Let l -> new Expr.Let(l.target(), substituted(l.value(), pending), l.span());
                case Expr.Call c -> substituted(c, pending);
                default -> null;
            };
            if (rewritten == null) {
                rewritten = Syntax.mapStatementLists(s, this::list);
            }
            // Values a statement still reads by name (one this pass does not rewrite into, or a part of
            // an expression it does not substitute in) are assigned before it.
            Expr reader = rewritten;
            flush(pending, out, name -> reads(reader, name));
            // A pending value must not read a variable after this statement has changed it, by
            // assignment or in place (append, a store, a call that mutates a list it is given): any
            // statement that names one of its operands gets it assigned first.
            Map<String, Integer> assignedHere = new HashMap<>();
            Syntax.countAssignments(rewritten, assignedHere, true);
            Map<String, Integer> readHere = new HashMap<>();
            countUses(rewritten, readHere);
            Set<String> mentioned = new java.util.HashSet<>(assignedHere.keySet());
            mentioned.addAll(readHere.keySet());
            flush(pending, out, name -> reads(pending.get(name), mentioned));
            out.add(rewritten);
        }
        // Left over (used by nothing in this list): assigned before the list's last statement, which is its value.
        List<Expr> rest = new ArrayList<>();
        pending.forEach((name, value) -> rest.add(Syntax.assign(name, value, value.span())));
        out.addAll(Math.max(0, out.size() - 1), rest);
        return out;
    }

    private static boolean reads(Expr e, String name) {
        Map<String, Integer> used = new HashMap<>();
        countUses(e, used);
        return used.containsKey(name);
    }

    private static boolean reads(Expr e, Set<String> names) {
        Map<String, Integer> used = new HashMap<>();
        countUses(e, used);
        return names.stream().anyMatch(used::containsKey);
    }


    /** Emits the pending assignments that {@code due} selects, in their order, and forgets them. */
    private static void flush(Map<String, Expr> pending, List<Expr> out, java.util.function.Predicate<String> due) {
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (due.test(e.getKey())) {
                out.add(Syntax.assign(e.getKey(), e.getValue(), e.getValue().span()));
                it.remove();
            }
        }
    }


    /** {@code e} with the pending temporaries it reads put in their place (each is used once, so it is removed). */
    private static Expr substituted(Expr e, Map<String, Expr> pending) {
        if (pending.isEmpty()) {
            return e;
        }
        return switch (e) {
            case Expr.Name n -> pending.containsKey(n.name()) ? pending.remove(n.name()) : n;
            case Expr.Binary b -> new Expr.Binary(b.op(), substituted(b.left(), pending), substituted(b.right(), pending), b.span(), b.opSpan());
            case Expr.Unary u -> new Expr.Unary(u.op(), substituted(u.operand(), pending), u.span());
            case Expr.Call c -> {
                List<Expr.Arg> args = new ArrayList<>();
                Expr callee = substituted(c.callee(), pending);
                for (Expr.Arg a : c.args()) {
                    args.add(new Expr.Arg(a.name(), substituted(a.value(), pending), a.span()));
                }
                yield new Expr.Call(callee, args, c.span());
            }
            case Expr.Index i -> {
                Expr target = substituted(i.target(), pending);
                yield new Expr.Index(target, i.indices().stream().map(x -> substituted(x, pending)).toList(), i.span());
            }
            case Expr.TupleLit t -> new Expr.TupleLit(t.items().stream().map(x -> substituted(x, pending)).toList(), t.span());
            case Expr.ListLit l -> new Expr.ListLit(l.items().stream().map(x -> substituted(x, pending)).toList(), l.span());
            default -> e;
        };
    }

    /** Arithmetic whose value is a fresh tensor when its operands are tensors: what the inlining is for. */
    private static boolean arithmetic(Expr e) {
        if (e instanceof Expr.Binary b) {
            return b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB || b.op() == BinaryOp.MUL || b.op() == BinaryOp.DIV || b.op() == BinaryOp.POW;
        }
        return e instanceof Expr.Unary u && u.op() == UnaryOp.NEG;
    }

    /** How often each name is read (assignment targets are not reads). */
    static void countUses(Expr e, Map<String, Integer> uses) {
        if (e instanceof Expr.Name n) {
            uses.merge(n.name(), 1, Integer::sum);
            return;
        }
        if (e instanceof Expr.Assign a && a.target() instanceof Expr.Name) {
            countUses(a.value(), uses);
            return;
        }
        for (Expr child : Syntax.children(e)) {
            countUses(child, uses);
        }
    }
}
