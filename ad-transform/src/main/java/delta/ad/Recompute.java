package delta.ad;

import delta.ad.ir.Atom;
import delta.ad.ir.Op;
import delta.ad.ir.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputation instead of taping, for loop temporaries. A value that one iteration of a loop computes
 * cheaply from values the reverse sweep has anyway (loop invariants such as the list being read, and
 * values it restores from the tape, such as the loop index) is computed again at the start of that
 * iteration's reverse sweep rather than saved on the tape and restored. For Rosenbrock's
 * {@code x[i + 1] - x[i] ** 2}, only {@code i} goes on the tape: {@code x[i]}, {@code x[i + 1]} and
 * the differences are recomputed, which is cheaper than a push and a pop each.
 *
 * <p>A statement {@code t = op(args)} at the top level of a loop body is recomputed when:
 * <ul>
 * <li>the reverse sweep reads {@code t} (directly, or to recompute another value);
 * <li>{@code op} is element-wise arithmetic or a math function, a copy, or a read {@code xs[k]} of a list that nothing in the
 * function writes (and the loop calls no function that could);
 * <li>{@code t} has no other assignment in the function, the loop does not read it before this
 * statement (its value never crosses from one iteration to the next), and no function created in
 * the forward sweep captures it;
 * <li>each variable operand is either not assigned in the loop at all, or recomputed by an earlier
 * statement, or restored from the tape by the reverse sweep and not assigned after this statement
 * in the loop: at the start of an iteration's reverse sweep, such an operand holds the value it had
 * at the end of that iteration in the forward sweep, which is the value the statement read.
 * </ul>
 */
final class Recompute {
    /** The statements each loop's reverse sweep recomputes first, in forward order. */
    final Map<Stmt.Loop, List<Stmt.Assign>> perLoop = new IdentityHashMap<>();
    /** Their targets: never taped. */
    final Set<String> recomputed = new HashSet<>();
    /**
     * The position counter of a loop over a sequence, per loop: {@code p = 0} before the loop and
     * {@code p = p + 1} once in its body. It is never taped: at the start of an iteration's reverse
     * sweep it is set from the reverse loop's own count ({@code p = trips - 1}, its value when the
     * iteration read its element), so the element, and what is computed from it, can be recomputed
     * too. A loop over range(n) then saves nothing per iteration.
     */
    final Map<Stmt.Loop, String> counters = new IdentityHashMap<>();
    /** Variables the recomputations read: the reverse sweep needs their values. */
    final Set<String> operands = new HashSet<>();
    /**
     * Statements of the function's top level that the reverse sweep recomputes, each just before its
     * first use there (in forward order here): arithmetic whose result the forward sweep uses once and the reverse sweep needs,
     * from values assigned once. The forward sweep then has no use for the value of its own and puts
     * it back into the expression that uses it (TemporaryInlining): on tensors, {@code
     * (x[1:] - x[:-1] ** 2) ** 2} is one fused pass instead of a difference kept for the reverse
     * sweep, which recomputes it inside its own expression (again one pass, no tensor of its own).
     */
    final List<Stmt.Assign> topLevel = new ArrayList<>();

    private Recompute() {}

    /**
     * @param needed the variables the reverse sweep reads, as found without recomputation
     * @param assignments how many assignments each variable has in the function
     * @param shared variables that functions created in the forward sweep capture: they stay in the
     *            forward sweep's frame, and the reverse sweep never assigns them
     */
    static Recompute find(List<Stmt> body, Atom result, Set<String> needed, Map<String, Integer> assignments, Set<String> shared) {
        Set<String> mutated = new HashSet<>();
        Statements.walk(body, s -> {
            if (s instanceof Stmt.Store st && st.target() instanceof Atom.Var v) {
                mutated.add(v.name());
            } else if (s instanceof Stmt.Append ap && ap.list() instanceof Atom.Var v) {
                mutated.add(v.name());
            }
        });
        Recompute r = new Recompute();
        r.loops(body, needed, assignments, mutated, shared);
        r.topLevel(body, result, needed, assignments, shared);
        return r;
    }

    /**
     * The candidates (in forward order) that the reverse sweep reads, and the candidates those are
     * computed from, in forward order; recorded as recomputed, with their operands.
     */
    private List<Stmt.Assign> selectNeeded(Map<String, Stmt.Assign> candidates, Set<String> needed) {
        Set<String> keep = new HashSet<>();
        List<String> order = new ArrayList<>(candidates.keySet());
        for (int k = order.size() - 1; k >= 0; k--) {
            String t = order.get(k);
            if (needed.contains(t) || keep.contains(t)) {
                keep.add(t);
                for (Atom operand : operandsOf(candidates.get(t).op())) {
                    if (operand instanceof Atom.Var v && candidates.containsKey(v.name())) {
                        keep.add(v.name());
                    }
                }
            }
        }
        List<Stmt.Assign> statements = new ArrayList<>();
        for (String t : order) {
            if (keep.contains(t)) {
                Stmt.Assign a = candidates.get(t);
                statements.add(a);
                recomputed.add(t);
                for (Atom operand : operandsOf(a.op())) {
                    if (operand instanceof Atom.Var v) {
                        operands.add(v.name());
                    }
                }
            }
        }
        return statements;
    }

    /** Arithmetic: recomputed at the top level, where recomputing a math function would cost a pass of its own. */
    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "**", "neg");

    private void topLevel(List<Stmt> body, Atom result, Set<String> needed, Map<String, Integer> assignments, Set<String> shared) {
        Map<String, Integer> uses = new HashMap<>();
        if (result instanceof Atom.Var v) {
            uses.put(v.name(), 1);
        }
        countReads(body, uses);
        Set<String> nested = new HashSet<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Loop || s instanceof Stmt.If) {
                assignsAndCalls(List.of(s), nested);
            }
        }
        Map<String, Stmt.Assign> candidates = new LinkedHashMap<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Assign a && a.op() instanceof Op.Prim p && ARITHMETIC.contains(p.name())
                            && assignments.getOrDefault(a.target(), 0) == 1 && uses.getOrDefault(a.target(), 0) == 1
                            && !shared.contains(a.target()) && !nested.contains(a.target())) {
                boolean available = true;
                for (Atom operand : p.args()) {
                    if (operand instanceof Atom.Var v) {
                        // Assigned once, and not in a loop or branch: it holds at the end the value it had here.
                        available &= assignments.getOrDefault(v.name(), 0) == 1 && !nested.contains(v.name()) && !shared.contains(v.name());
                    }
                }
                if (available) {
                    candidates.put(a.target(), a);
                }
            }
        }
        topLevel.addAll(selectNeeded(candidates, needed));
    }

    /** Counts every read of each variable in {@code statements} (nested code included). */
    private static void countReads(List<Stmt> statements, Map<String, Integer> uses) {
        Statements.walk(statements, s -> {
            List<Atom> atoms = new ArrayList<>();
            switch (s) {
                case Stmt.Assign a -> atoms.addAll(allOperands(a.op()));
                case Stmt.Effect e -> atoms.addAll(allOperands(e.op()));
                case Stmt.If i -> atoms.add(i.condition());
                case Stmt.Loop lp -> atoms.add(lp.condition());
                case Stmt.Append ap -> {
                    atoms.add(ap.list());
                    atoms.add(ap.value());
                }
                case Stmt.Store st -> {
                    atoms.add(st.target());
                    atoms.add(st.value());
                    if (st.index() != null) {
                        atoms.add(st.index());
                    }
                }
            }
            for (Atom a : atoms) {
                if (a instanceof Atom.Var v) {
                    uses.merge(v.name(), 1, Integer::sum);
                }
            }
        });
    }

    /**
     * Visits the loops of {@code statements} (nested ones included), telling each which variables the
     * same statement list sets to 0 before it: candidates for its position counter, reset before
     * every run of the loop.
     */
    private void loops(List<Stmt> statements, Set<String> needed, Map<String, Integer> assignments, Set<String> mutated, Set<String> shared) {
        Set<String> zeroed = new HashSet<>();
        for (Stmt s : statements) {
            switch (s) {
                case Stmt.Assign a when a.op() instanceof Op.Copy c && c.value() instanceof Atom.Const k
                                && k.literal() instanceof delta.parser.ast.Expr.IntLit zero && zero.value() == 0 -> zeroed.add(a.target());
                case Stmt.Loop l -> {
                    loop(l, needed, assignments, mutated, shared, Set.copyOf(zeroed));
                    loops(l.test(), needed, assignments, mutated, shared);
                    loops(l.body(), needed, assignments, mutated, shared);
                }
                case Stmt.If i -> {
                    loops(i.then(), needed, assignments, mutated, shared);
                    loops(i.orElse(), needed, assignments, mutated, shared);
                }
                default -> {
                }
            }
        }
    }

    private void loop(Stmt.Loop l, Set<String> needed, Map<String, Integer> assignments, Set<String> mutated, Set<String> shared,
                    Set<String> zeroed) {
        List<Stmt> body = l.body();
        // The position counter: assigned twice in the function, 0 just before this loop (in the same
        // statement list) and p + 1 at the top level of its body, so once per iteration.
        String counter = null;
        int increment = -1;
        for (int k = 0; k < body.size(); k++) {
            if (body.get(k) instanceof Stmt.Assign a && a.op() instanceof Op.Prim p && p.name().equals("+")
                            && p.args().equals(List.of(new Atom.Var(a.target()), p.args().get(1)))
                            && p.args().get(1) instanceof Atom.Const one && one.literal() instanceof delta.parser.ast.Expr.IntLit lit
                            && lit.value() == 1 && assignments.getOrDefault(a.target(), 0) == 2
                            && zeroed.contains(a.target()) && !shared.contains(a.target())) {
                counter = a.target();
                increment = k;
            }
        }
        Set<String> assignedInLoop = new HashSet<>();
        boolean calls = assignsAndCalls(l.test(), assignedInLoop) | assignsAndCalls(body, assignedInLoop);
        // The last top-level statement of the body that assigns each variable (in nested code included).
        Map<String, Integer> lastAssigned = new HashMap<>();
        for (int k = 0; k < body.size(); k++) {
            Set<String> here = new HashSet<>();
            assignsAndCalls(List.of(body.get(k)), here);
            for (String v : here) {
                lastAssigned.put(v, k);
            }
        }
        Set<String> readSoFar = new HashSet<>();
        reads(l.test(), readSoFar);
        if (l.condition() instanceof Atom.Var c) {
            readSoFar.add(c.name());
        }
        Map<String, Stmt.Assign> candidates = new LinkedHashMap<>();
        for (int k = 0; k < body.size(); k++) {
            Stmt s = body.get(k);
            if (s instanceof Stmt.Assign a && assignments.getOrDefault(a.target(), 0) == 1 && !readSoFar.contains(a.target())
                            && !shared.contains(a.target()) && pure(a.op(), calls, mutated)) {
                boolean available = true;
                for (Atom operand : operandsOf(a.op())) {
                    if (operand instanceof Atom.Var v) {
                        String n = v.name();
                        boolean invariant = !assignedInLoop.contains(n);
                        boolean restored = needed.contains(n) && lastAssigned.getOrDefault(n, -1) < k;
                        boolean counted = n.equals(counter) && k < increment;
                        available &= invariant || candidates.containsKey(n) || restored || counted;
                    }
                }
                if (available) {
                    candidates.put(a.target(), a);
                }
            }
            reads(List.of(s), readSoFar);
        }
        List<Stmt.Assign> statements = selectNeeded(candidates, needed);
        if (!statements.isEmpty()) {
            perLoop.put(l, statements);
        }
        if (counter != null && operands.contains(counter)) {
            counters.put(l, counter);
            recomputed.add(counter);
        }
    }

    /**
     * Element-wise arithmetic and math functions: cheap on numbers, and on a tensor no worse than the
     * forward sweep's own work. Other primitives (reductions, tensor builtins) are taped, never redone.
     */
    private static final Set<String> CHEAP = Set.of("+", "-", "*", "/", "**", "neg", "sin", "cos", "tan", "exp", "log", "sqrt", "tanh");

    private static boolean pure(Op op, boolean loopCalls, Set<String> mutated) {
        return switch (op) {
            case Op.Prim p -> CHEAP.contains(p.name());
            case Op.Copy c -> true;
            case Op.Index i -> !loopCalls && i.target() instanceof Atom.Var v && !mutated.contains(v.name());
            // An element of range(n): the normalizer makes this read only for loops over range().
            case Op.Opaque o -> o.name().equals("$index");
            default -> false;
        };
    }

    private static List<Atom> operandsOf(Op op) {
        return switch (op) {
            case Op.Prim p -> p.args();
            case Op.Copy c -> List.of(c.value());
            case Op.Index i -> List.of(i.target(), i.index());
            case Op.Opaque o -> o.args();
            default -> List.of();
        };
    }

    /** Adds the variables {@code statements} assign (nested code included); true if they call a function. */
    private static boolean assignsAndCalls(List<Stmt> statements, Set<String> assigned) {
        boolean[] calls = {false};
        Statements.walk(statements, s -> {
            if (s instanceof Stmt.Assign a) {
                assigned.add(a.target());
                calls[0] |= a.op() instanceof Op.Call;
            } else if (s instanceof Stmt.Effect e) {
                calls[0] |= e.op() instanceof Op.Call;
            }
        });
        return calls[0];
    }

    /** Adds every variable {@code statements} read (nested code included). */
    private static void reads(List<Stmt> statements, Set<String> read) {
        Map<String, Integer> uses = new HashMap<>();
        countReads(statements, uses);
        read.addAll(uses.keySet());
    }

    /** Every variable or constant {@code op} reads. */
    static List<Atom> allOperands(Op op) {
        return switch (op) {
            case Op.Prim p -> p.args();
            case Op.Call c -> {
                List<Atom> all = new ArrayList<>(c.args());
                all.add(c.callee());
                yield all;
            }
            case Op.Opaque o -> o.args();
            case Op.Copy c -> List.of(c.value());
            case Op.Field f -> List.of(f.target());
            case Op.Index i -> List.of(i.target(), i.index());
            case Op.Build b -> b.items();
            // A closure reads what it captures; verbatim code reads nothing of this function.
            case Op.Closure c -> c.captured().stream().<Atom>map(Atom.Var::new).toList();
            case Op.Verbatim v -> List.of();
        };
    }
}
