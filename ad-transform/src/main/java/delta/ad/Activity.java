package delta.ad;

import delta.ad.ir.Atom;
import delta.ad.ir.Op;
import delta.ad.ir.Stmt;
import delta.parser.ast.Expr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two flow-insensitive analyses of a normalized function that let the reverse transform do less work.
 *
 * <p><b>Activity</b> (Tapenade's "varied" analysis): a variable is active when its value may depend
 * on a differentiated input. Only active variables get an adjoint, adjoint arithmetic and the values
 * their partials read. Loop counters, indices, lengths, flags and constants such as a step size
 * {@code dt} are inactive: before this analysis each of them had an adjoint updated on every
 * iteration of the reverse sweep, and every value multiplied by them (the {@code a} in
 * {@code dt * a}) was saved on the tape in case {@code dt} needed a derivative.
 *
 * <p><b>Types</b>: which variables certainly hold floats, or certainly ints, on every assignment. The
 * reverse sweep restores those with typed pops ({@code $popf}, {@code $popi}), which in compiled code
 * leave no box behind, and the forward sweep declares them with 0.0 or 0 rather than none, so their
 * frame slots are typed from the start and a value saved before the first assignment is a number too.
 */
final class Activity {
    enum Kind { INT, FLOAT, OTHER }

    /** Builtins with a derivative rule that return a float for any number (int or float). */
    private static final Set<String> FLOAT_FUNCTIONS = Set.of("sin", "cos", "tan", "exp", "log", "sqrt", "tanh");

    private Activity() {}

    /**
     * The active variables: {@code roots} (the parameters, and variables of an enclosing function that
     * a closure captures) and every variable assigned from an active one. Comparisons, len, floor and
     * the other opaque operations yield inactive values; a container becomes active when an active
     * value is stored or appended into it.
     */
    static Set<String> active(List<Stmt> body, Set<String> roots) {
        Set<String> active = new HashSet<>(roots);
        List<Stmt> all = flatten(body);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Stmt s : all) {
                String target = switch (s) {
                    case Stmt.Assign a -> producesActive(a.op(), active) ? a.target() : null;
                    case Stmt.Store st -> isActive(st.value(), active) ? varName(st.target()) : null;
                    case Stmt.Append ap -> isActive(ap.value(), active) ? varName(ap.list()) : null;
                    default -> null;
                };
                if (target != null && active.add(target)) {
                    changed = true;
                }
            }
        }
        return active;
    }

    private static boolean producesActive(Op op, Set<String> active) {
        return switch (op) {
            case Op.Prim p -> anyActive(p.args(), active);
            case Op.Call c -> isActive(c.callee(), active) || anyActive(c.args(), active);
            case Op.Copy c -> isActive(c.value(), active);
            case Op.Field f -> isActive(f.target(), active);
            case Op.Index i -> isActive(i.target(), active);
            case Op.Build b -> anyActive(b.items(), active);
            case Op.Closure c -> c.captured().stream().anyMatch(active::contains);
            case Op.Opaque o -> false;
            case Op.Verbatim v -> false;
        };
    }

    private static boolean anyActive(List<Atom> atoms, Set<String> active) {
        for (Atom a : atoms) {
            if (isActive(a, active)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isActive(Atom a, Set<String> active) {
        return a instanceof Atom.Var v && active.contains(v.name());
    }

    private static String varName(Atom a) {
        return a instanceof Atom.Var v ? v.name() : null;
    }

    /**
     * The variables that hold a float on every assignment, or an int on every assignment (the others,
     * parameters included, are absent). An optimistic fixpoint: a variable starts with no type, and
     * each assignment joins the type of its operation; int and float join to neither. Only arithmetic
     * whose operands are all known numbers counts (a value of unknown type could be a list or tensor).
     */
    static Map<String, Kind> types(List<Stmt> body, Collection<String> params) {
        // Names no statement assigns (parameters, captured variables, globals) may hold anything.
        Set<String> assigned = new HashSet<>();
        List<Stmt> all = flatten(body);
        for (Stmt s : all) {
            if (s instanceof Stmt.Assign a) {
                assigned.add(a.target());
            }
        }
        assigned.removeAll(params);
        Map<String, Kind> types = new HashMap<>();
        for (String p : params) {
            types.put(p, Kind.OTHER);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Stmt s : all) {
                if (s instanceof Stmt.Assign a) {
                    Kind kind = kindOf(a.op(), types, assigned);
                    if (kind == null) {
                        continue;
                    }
                    Kind old = types.get(a.target());
                    Kind joined = old == null || old == kind ? kind : Kind.OTHER;
                    if (joined != old) {
                        types.put(a.target(), joined);
                        changed = true;
                    }
                }
            }
        }
        types.values().removeIf(k -> k == Kind.OTHER);
        return types;
    }

    /** The kind an operation yields given its operands' kinds; null while an operand has none yet. */
    private static Kind kindOf(Op op, Map<String, Kind> types, Set<String> assigned) {
        switch (op) {
            case Op.Copy c -> {
                return kindOf(c.value(), types, assigned);
            }
            case Op.Opaque o when o.name().equals("len") || o.name().equals("$index") -> {
                // len of anything, and an element of a range ($index is only made for loops over range()).
                return Kind.INT;
            }
            case Op.Prim p -> {
                boolean anyFloat = false;
                for (Atom arg : p.args()) {
                    Kind kind = kindOf(arg, types, assigned);
                    if (kind == null || kind == Kind.OTHER) {
                        return kind;
                    }
                    anyFloat |= kind == Kind.FLOAT;
                }
                return switch (p.name()) {
                    case "+", "-", "*", "neg" -> anyFloat ? Kind.FLOAT : Kind.INT;
                    case "/" -> Kind.FLOAT;
                    // int ** int may be a float (a negative exponent): only a float operand decides.
                    case "**" -> anyFloat ? Kind.FLOAT : Kind.OTHER;
                    default -> FLOAT_FUNCTIONS.contains(p.name()) ? Kind.FLOAT : Kind.OTHER;
                };
            }
            default -> {
                return Kind.OTHER;
            }
        }
    }

    private static Kind kindOf(Atom a, Map<String, Kind> types, Set<String> assigned) {
        return switch (a) {
            case Atom.Var v -> assigned.contains(v.name()) ? types.get(v.name()) : Kind.OTHER;
            case Atom.Const c -> c.literal() instanceof Expr.FloatLit ? Kind.FLOAT : c.literal() instanceof Expr.IntLit ? Kind.INT : Kind.OTHER;
        };
    }

    private static List<Stmt> flatten(List<Stmt> body) {
        List<Stmt> all = new ArrayList<>();
        Statements.walk(body, all::add);
        return all;
    }
}
