package delta.ad;

import delta.ad.ir.Atom;
import delta.ad.ir.Function;
import delta.ad.ir.Op;
import delta.ad.ir.Stmt;
import delta.parser.ast.BinaryOp;
import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import delta.parser.ast.UnaryOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode by source transformation (Tapenade's store-on-write strategy). The generated
 * {@code f_vjp(params)} runs the forward sweep, the original computation, pushing onto a typed tape
 * only what the reverse sweep cannot recompute: the old value of a variable about to be
 * overwritten, the branch an {@code if} took, the trip count of a loop, and the pullback of each
 * call of another function. It returns {@code (result, pullback)}; the pullback runs the reverse
 * sweep, statements in reverse order, restoring overwritten values from the tape and adding each
 * operation's contribution to the adjoints of its operands. Straight-line code allocates nothing
 * per operation: adjoints are plain local variables.
 */
final class ReverseTransform {
    private final Rules rules;
    private final Names names;
    private final Function function;
    private final Set<String> locals = new LinkedHashSet<>();
    private final Map<String, Integer> assignments = new HashMap<>();
    private final Set<String> assignedInLoops = new java.util.HashSet<>();
    /** Variables whose values the reverse sweep reads (Tapenade's to-be-recorded set). */
    private final Set<String> needed = new java.util.HashSet<>();
    /** Variables set once, inside a loop, from values the loop never changes: the same every iteration. */
    private final Set<String> loopInvariant = new java.util.HashSet<>();
    /** Variables that may depend on the differentiated inputs: the only ones with adjoints (see {@link Activity}). */
    private Set<String> active = Set.of();
    /**
     * Variables whose adjoint may hold an adjoint a rule deferred (the language's LazyAdjoint):
     * arguments of calls, whose pullbacks may return deferred adjoints, and what they were copied from.
     * The reverse sweep moves those adjoints as they are and computes them ($force) where it computes
     * with them, so one that only reaches a dropped gradient is never computed.
     */
    private Set<String> mayBeDeferred = Set.of();
    /** Loop temporaries the reverse sweep computes again instead of restoring them from the tape. */
    private Recompute recompute;
    /**
     * The first assignment of each variable when it is a statement of the function's body itself (not
     * in a loop or a branch): the value it overwrites is the declaration's, which nothing reads, so it
     * is neither saved nor restored (a none restored there also made $popv give up its float path).
     */
    private final Set<Stmt.Assign> firstAssignments = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Variables known to hold only floats, or only ints: restored with typed pops. */
    private Map<String, Activity.Kind> types = Map.of();
    private final String tape;
    /** Variables of an enclosing differentiated function that this (inner) function uses. */
    private final Set<String> captured;

    private ReverseTransform(Function function, Rules rules, Names names, Set<String> captured) {
        this.function = function;
        this.rules = rules;
        this.names = names;
        this.captured = captured;
        this.tape = names.fresh("tape");
    }

    static Expr.Lambda transform(Function function, Rules rules, Names names, String name) {
        return new ReverseTransform(function, rules, names, Set.of()).build(name);
    }

    private Expr.Lambda build(String name) {
        Span span = function.span();
        locals.addAll(function.params());
        function.params().forEach(p -> assignments.put(p, 1));
        survey(function.body(), false);
        Set<String> roots = new java.util.HashSet<>(function.params());
        roots.addAll(captured);
        active = Activity.active(function.body(), roots);
        types = Activity.types(function.body(), function.params());
        mayBeDeferred = mayBeDeferred(function.body());
        needed.addAll(function.params());
        findNeeded(function.body());
        findLoopInvariants(function.body());
        Set<String> capturedHere = new java.util.HashSet<>(captured);
        findShared(function.body(), capturedHere);
        recompute = Recompute.find(function.body(), function.result(), needed, assignments, capturedHere);
        needed.addAll(recompute.operands);
        needed.addAll(recompute.recomputed);
        Set<String> assignedSoFar = new java.util.HashSet<>(function.params());
        for (Stmt s : function.body()) {
            if (s instanceof Stmt.Assign a && !assignedSoFar.contains(a.target())) {
                firstAssignments.add(a);
            }
            Statements.walk(List.of(s), t -> {
                if (t instanceof Stmt.Assign a) {
                    assignedSoFar.add(a.target());
                }
            });
        }

        List<Expr> body = new ArrayList<>();
        body.add(Syntax.let(tape, Syntax.call("$tape", span), span));
        for (String local : locals) {
            if (!function.params().contains(local)) {
                body.add(Syntax.let(local, initialValue(local, span), span));
            }
        }
        // Variables that functions created in the forward sweep capture stay in this frame, with their
        // adjoints: those functions' pullbacks read and update them. Everything else the reverse sweep
        // works on is copied into the pullback's own frame, where reads and writes stay unboxed.
        Set<String> shared = new java.util.HashSet<>(captured);
        findShared(function.body(), shared);
        for (String local : locals) {
            if (shared.contains(local)) {
                body.add(Syntax.let(bar(local), Syntax.floatLit(0.0, span), span));
            }
        }
        forward(function.body(), body);
        body = new ArrayList<>(TemporaryInlining.apply(body, inlinableTemporaries(shared)));

        body.add(Syntax.call("$tape_seal", span, Syntax.name(tape, span)));
        String seed = names.fresh("g");
        List<Expr> pullback = new ArrayList<>();
        pullback.add(Syntax.let(tape, Syntax.name(tape, span), span));
        pullback.add(Syntax.call("$tape_reverse", span, Syntax.name(tape, span)));
        // The pullback copies only what its reverse sweep reads, and has adjoints only for active variables.
        for (String local : locals) {
            if (!shared.contains(local)) {
                if (recomputedAtTopLevel(local)) {
                    pullback.add(Syntax.let(local, initialValue(local, span), span));
                } else if (needed.contains(local)) {
                    pullback.add(Syntax.let(local, Syntax.name(local, span), span));
                }
                if (active.contains(local)) {
                    pullback.add(Syntax.let(bar(local), Syntax.floatLit(0.0, span), span));
                }
            }
        }
        if (function.result() instanceof Atom.Var v && locals.contains(v.name()) && active.contains(v.name())) {
            pullback.add(Syntax.assign(bar(v.name()), Syntax.name(seed, span), span));
        }
        int recomputedFrom = pullback.size();
        for (Stmt.Assign a : recompute.topLevel) {
            pullback.add(Syntax.assign(a.target(), Emit.op(a.op(), a.span()), a.span()));
        }
        reverse(function.body(), pullback);
        sinkToFirstUse(pullback, recomputedFrom, recompute.topLevel.size());
        Set<String> ownAdjoints = new java.util.HashSet<>();
        for (String local : locals) {
            if (!shared.contains(local) && active.contains(local)) {
                ownAdjoints.add(bar(local));
            }
        }
        pullback = new ArrayList<>(ZeroAdjoints.simplify(pullback, ownAdjoints));
        pullback = new ArrayList<>(DeadResets.remove(pullback, ownAdjoints));
        Set<String> inlinable = assignedOnce(pullback, ownAdjoints);
        recompute.topLevel.forEach(a -> inlinable.add(a.target()));
        pullback = new ArrayList<>(TemporaryInlining.apply(pullback, inlinable));
        pullback = new ArrayList<>(AccumulateInPlace.apply(pullback));
        List<Expr> grads = new ArrayList<>();
        for (String p : function.params()) {
            grads.add(Syntax.call("$grad_of", span, Syntax.name(p, span), Syntax.name(bar(p), span)));
        }
        pullback.add(Syntax.tuple(grads, span));
        LoopLocals.Result pullbackLocals = LoopLocals.apply(pullback, local -> initialValue(local, span));
        pullback = pullbackLocals.statements();
        Expr.Lambda pullbackFn = new Expr.Lambda(null, List.of(new Expr.Param(seed, span)), Syntax.block(pullback, span), span);
        List<Expr.Param> params = function.params().stream().map(p -> new Expr.Param(p, span)).toList();
        if (!shared.isEmpty() || !loopsWithoutWrites(function.body())) {
            body.add(Syntax.tuple(List.of(Emit.atom(function.result(), span), pullbackFn), span));
            if (shared.isEmpty()) {
                body = LoopLocals.apply(body, local -> initialValue(local, span)).statements();
            }
            return new Expr.Lambda(name, params, Syntax.block(body, span), span);
        }
        return new Expr.Lambda(name, params, Syntax.block(splitForward(name, params, body, pullbackFn, notCopied(pullbackLocals), span), span), span);
    }

    /**
     * Whether the body has a loop (where a separate forward sweep pays off) and writes no list or
     * record element (the reverse sweep would then write into containers it received from the
     * forward sweep's function, which forward-over-reverse rejects as writes through an alias).
     */
    private static boolean loopsWithoutWrites(List<Stmt> body) {
        boolean[] loop = {false}, writes = {false};
        Statements.walk(body, s -> {
            loop[0] |= s instanceof Stmt.Loop;
            writes[0] |= s instanceof Stmt.Store || s instanceof Stmt.Append;
        });
        return loop[0] && !writes[0];
    }

    /**
     * The vjp function's body when no function created in the forward sweep captures its variables:
     * the forward sweep runs in a function of its own, which returns the result, the tape and the
     * values the reverse sweep reads, and the pullback is created in a small frame holding only those.
     * A frame that a closure captures is allocated on the heap, and with it every write of a loop
     * variable: kept apart, the forward sweep's loops run on unboxed locals (Rosenbrock's forward
     * sweep, W4, ran about a third faster).
     */
    private List<Expr> splitForward(String name, List<Expr.Param> params, List<Expr> forwardBody, Expr.Lambda pullbackFn,
                    Set<String> notCopied, Span span) {
        List<String> carried = new ArrayList<>();
        for (String local : locals) {
            boolean param = function.params().contains(local);
            if (needed.contains(local) && !notCopied.contains(local) && (!param || assignments.getOrDefault(local, 1) > 1)) {
                carried.add(local);
            }
        }
        List<Expr> returned = new ArrayList<>();
        returned.add(Emit.atom(function.result(), span));
        returned.add(Syntax.name(tape, span));
        carried.forEach(c -> returned.add(Syntax.name(c, span)));
        forwardBody.add(Syntax.tuple(returned, span));
        forwardBody = LoopLocals.apply(forwardBody, local -> initialValue(local, span)).statements();
        Expr.Lambda forwardFn = new Expr.Lambda(name + "_forward", params, Syntax.block(forwardBody, span), span);

        List<Expr> out = new ArrayList<>();
        String state = names.fresh("forward");
        Expr[] args = function.params().stream().map(p -> (Expr) Syntax.name(p, span)).toArray(Expr[]::new);
        out.add(Syntax.let(state, Syntax.call(forwardFn, span, args), span));
        out.add(Syntax.let(tape, index(Syntax.name(state, span), 1, span), span));
        for (int k = 0; k < carried.size(); k++) {
            String c = carried.get(k);
            Expr value = index(Syntax.name(state, span), k + 2, span);
            out.add(function.params().contains(c) ? Syntax.assign(c, value, span) : Syntax.let(c, value, span));
        }
        out.add(Syntax.tuple(List.of(index(Syntax.name(state, span), 0, span), pullbackFn), span));
        return out;
    }

    /** The adjoints that a reverse sweep's statements assign exactly once (declarations aside). */
    private static Set<String> assignedOnce(List<Expr> statements, Set<String> adjoints) {
        Map<String, Integer> count = new HashMap<>();
        statements.forEach(s -> Syntax.countAssignments(s, count, false));
        Set<String> out = new java.util.HashSet<>();
        count.forEach((name, n) -> {
            if (n == 1 && adjoints.contains(name)) {
                out.add(name);
            }
        });
        return out;
    }


    /** Variables set once by a primitive, that the reverse sweep never reads: see {@link TemporaryInlining}. */
    private Set<String> inlinableTemporaries(Set<String> shared) {
        Set<String> out = new java.util.HashSet<>();
        Statements.walk(function.body(), s -> {
            if (s instanceof Stmt.Assign a && a.op() instanceof Op.Prim && assignments.getOrDefault(a.target(), 0) == 1
                            && (!needed.contains(a.target()) || recomputedAtTopLevel(a.target())) && !shared.contains(a.target())
                            && !function.params().contains(a.target())
                            && !(function.result() instanceof Atom.Var v && v.name().equals(a.target()))) {
                out.add(a.target());
            }
        });
        return out;
    }

    /**
     * Moves the {@code count} statements from {@code from} (recomputations, in forward order) each to
     * just before the first statement that reads its value, last one first, so that each stands
     * beside its use and TemporaryInlining can put it back into that expression (statements in
     * between, such as a call, would keep it apart). Their operands are never assigned in the
     * reverse sweep, so they compute the same value there.
     */
    private static void sinkToFirstUse(List<Expr> statements, int from, int count) {
        for (int k = from + count - 1; k >= from; k--) {
            Expr recomputation = statements.remove(k);
            String target = ((Expr.Name) ((Expr.Assign) recomputation).target()).name();
            int use = k;
            while (use < statements.size() && !Syntax.mentions(statements.get(use), target)) {
                use++;
            }
            statements.add(use, recomputation);
        }
    }

    /** The forward sweep's values the pullback does not take: those it recomputes, and per-iteration ones (LoopLocals). */
    private Set<String> notCopied(LoopLocals.Result pullbackLocals) {
        Set<String> out = new java.util.HashSet<>(pullbackLocals.uncopied());
        recompute.topLevel.forEach(a -> out.add(a.target()));
        return out;
    }

    /** Whether the reverse sweep computes {@code variable} again rather than reading the forward sweep's value (Recompute.topLevel). */
    private boolean recomputedAtTopLevel(String variable) {
        return recompute.topLevel.stream().anyMatch(a -> a.target().equals(variable));
    }

    /** Every variable some function created in the forward sweep captures. */
    private static void findShared(List<Stmt> statements, Set<String> shared) {
        Statements.walk(statements, s -> {
            if (s instanceof Stmt.Assign a && a.op() instanceof Op.Closure c) {
                shared.addAll(c.captured());
            }
        });
    }

    private String bar(String variable) {
        return variable + "_bar";
    }

    /**
     * What the forward sweep declares a local with: 0.0 or 0 for one that only ever holds floats or
     * ints (its frame slot is typed from the start, and a value saved before its first assignment
     * is a number that a typed pop restores), none for the others.
     */
    private Expr initialValue(String local, Span span) {
        Activity.Kind kind = types.get(local);
        if (kind == Activity.Kind.FLOAT) {
            return Syntax.floatLit(0.0, span);
        }
        return kind == Activity.Kind.INT ? new Expr.IntLit(0, span) : new Expr.NoneLit(span);
    }

    /**
     * {@code variable = $pop(tape)}, with the typed pop when the variable's type is known, and otherwise
     * $popv, which speculates on a float (branches and pullbacks use the plain $pop).
     */
    private Expr restore(String variable, Span span) {
        Activity.Kind kind = types.get(variable);
        String pop = kind == Activity.Kind.FLOAT ? "$popf" : kind == Activity.Kind.INT ? "$popi" : "$popv";
        return Syntax.assign(variable, Syntax.call(pop, span, Syntax.name(tape, span)), span);
    }

    /** Finds the locals, and which of them are written more than once (their old values go on the tape). */
    private void survey(List<Stmt> statements, boolean inLoop) {
        for (Stmt s : statements) {
            switch (s) {
                case Stmt.Assign a -> {
                    locals.add(a.target());
                    assignments.merge(a.target(), 1, Integer::sum);
                    if (inLoop) {
                        assignedInLoops.add(a.target());
                    }
                }
                case Stmt.If i -> {
                    survey(i.then(), inLoop);
                    survey(i.orElse(), inLoop);
                }
                case Stmt.Loop l -> {
                    survey(l.test(), true);
                    survey(l.body(), true);
                }
                case Stmt.Effect e -> {
                }
                case Stmt.Store st -> {
                }
                case Stmt.Append ap -> {
                }
            }
        }
    }

    /**
     * Whether an assignment must save the old value: only when the variable is written more than
     * once (or in a loop) and the reverse sweep reads its value somewhere. A temporary that only
     * feeds additions is never saved, which keeps the tape of a loop to a few doubles per step.
     */
    private boolean overwrites(String variable) {
        return (assignments.getOrDefault(variable, 0) > 1 || assignedInLoops.contains(variable)) && needed.contains(variable)
                        && !loopInvariant.contains(variable) && !recompute.recomputed.contains(variable);
    }

    private void findLoopInvariants(List<Stmt> statements) {
        Statements.walk(statements, s -> {
            if (s instanceof Stmt.Assign a && assignments.get(a.target()) == 1 && assignedInLoops.contains(a.target())
                            && invariantOperands(a.op())) {
                loopInvariant.add(a.target());
            }
        });
    }

    /** A pure operation on atoms that no loop assigns (so it yields the same value each time). */
    private boolean invariantOperands(Op op) {
        List<Atom> operands = switch (op) {
            case Op.Prim p -> p.args();
            case Op.Copy c -> List.of(c.value());
            default -> null;
        };
        if (operands == null) {
            return false;
        }
        for (Atom a : operands) {
            if (a instanceof Atom.Var v && assignedInLoops.contains(v.name())) {
                return false;
            }
        }
        return true;
    }

    /** Collects the variables read by the reverse sweep: operands of partials, containers, keys, captures. */
    private void findNeeded(List<Stmt> statements) {
        Statements.walk(statements, s -> {
            Span span = s.span();
            switch (s) {
                case Stmt.Assign a -> {
                    switch (a.op()) {
                        case Op.Prim p -> {
                            List<Expr> args = Emit.atoms(p.args(), span);
                            for (int i = 0; i < p.args().size(); i++) {
                                if (differentiable(p.args().get(i))) {
                                    namesIn(rules.partial(p.name(), i, args, span));
                                }
                            }
                        }
                        case Op.Field f -> {
                            if (differentiable(f.target())) {
                                need(f.target());
                            }
                        }
                        case Op.Index i -> {
                            if (differentiable(i.target())) {
                                need(i.target());
                                need(i.index());
                            }
                        }
                        case Op.Closure c -> needed.addAll(c.captured());
                        default -> {
                        }
                    }
                }
                case Stmt.Store st -> {
                    need(st.target());
                    if (st.index() != null) {
                        need(st.index());
                    }
                }
                case Stmt.Append ap -> need(ap.list());
                default -> {
                }
            }
        });
    }

    private void need(Atom a) {
        if (a instanceof Atom.Var v) {
            needed.add(v.name());
        }
    }

    private void namesIn(Expr e) {
        if (e instanceof Expr.Name n) {
            needed.add(n.name());
        }
        for (Expr child : Syntax.children(e)) {
            namesIn(child);
        }
    }

    /** Whether the reverse sweep propagates an adjoint to {@code a}: an active local or captured variable. */
    private boolean differentiable(Atom a) {
        return a instanceof Atom.Var v && (locals.contains(v.name()) || captured.contains(v.name())) && active.contains(v.name());
    }

    /**
     * {@code v = $dclosure(primal, vjp)}: the function value carries its own reverse-mode code, whose
     * pullback adds the adjoints of the captured variables into this function's adjoint variables.
     */
    private Expr closure(Op.Closure c, Span span) {
        Function inner = Normalizer.normalize(c.lambda(), rules, names);
        // Variables captured from further out are differentiable in the inner function too.
        Set<String> visible = new java.util.HashSet<>(c.captured());
        visible.addAll(captured);
        Expr.Lambda code = new ReverseTransform(inner, rules, names, visible).build(
                        (c.lambda().name() == null ? "lambda" : c.lambda().name()) + "_vjp");
        return Syntax.call("$dclosure", span, c.lambda(), code, Emit.str(AdModes.REVERSE, span));
    }

    private Expr push(Expr value, Span span) {
        return Syntax.call("$push", span, Syntax.name(tape, span), value);
    }

    private Expr pop(Span span) {
        return Syntax.call("$pop", span, Syntax.name(tape, span));
    }

    // ---- forward sweep ---------------------------------------------------------------------------

    private void forward(List<Stmt> statements, List<Expr> out) {
        for (Stmt s : statements) {
            Span span = s.span();
            switch (s) {
                case Stmt.Assign a -> {
                    if (overwrites(a.target()) && !firstAssignments.contains(a)) {
                        out.add(push(Syntax.name(a.target(), span), span));
                    }
                    // An inactive call (no argument depends on the inputs) runs as it is, without a pullback.
                    if (a.op() instanceof Op.Call call && active.contains(a.target())) {
                        String pair = names.temporary();
                        Expr vjpOfCallee = Syntax.call("$vjp", span, Emit.atom(call.callee(), span));
                        out.add(Syntax.let(pair, Syntax.call(vjpOfCallee, span, Emit.atoms(call.args(), span).toArray(Expr[]::new)), span));
                        out.add(Syntax.assign(a.target(), index(Syntax.name(pair, span), 0, span), span));
                        out.add(push(index(Syntax.name(pair, span), 1, span), span));
                    } else if (a.op() instanceof Op.Closure closure) {
                        out.add(Syntax.assign(a.target(), closure(closure, span), span));
                    } else {
                        out.add(Syntax.assign(a.target(), Emit.op(a.op(), span), span));
                    }
                }
                case Stmt.Effect e -> out.add(Emit.op(e.op(), span));
                case Stmt.If i -> {
                    List<Expr> then = new ArrayList<>();
                    forward(i.then(), then);
                    then.add(push(new Expr.BoolLit(true, span), span));
                    List<Expr> orElse = new ArrayList<>();
                    forward(i.orElse(), orElse);
                    orElse.add(push(new Expr.BoolLit(false, span), span));
                    out.add(new Expr.If(Emit.atom(i.condition(), span), Syntax.block(then, span), Syntax.block(orElse, span), span));
                }
                case Stmt.Loop l -> {
                    // A rotated loop (see Emit.rotatedLoop): the tape sees the same sequence as test,
                    // body, test, ..., and the reverse sweep restores it in the opposite order.
                    String trips = names.fresh("trips");
                    out.add(Syntax.let(trips, new Expr.IntLit(0, span), span));
                    List<Expr> body = new ArrayList<>();
                    forward(l.body(), body);
                    body.add(Syntax.assign(trips, Emit.add(Syntax.name(trips, span), new Expr.IntLit(1, span), span), span));
                    out.add(Emit.rotatedLoop(l, test -> forward(test, out), body, test -> forward(test, body), span));
                    out.add(push(Syntax.name(trips, span), span));
                }
                case Stmt.Append ap -> out.add(Syntax.call("append", span, Emit.atom(ap.list(), span), Emit.atom(ap.value(), span)));
                case Stmt.Store st -> {
                    out.add(push(storedElement(st, span), span));
                    out.add(new Expr.Assign(storeTarget(st, span), Emit.atom(st.value(), span), span));
                }
            }
        }
    }

    private static Expr index(Expr target, int i, Span span) {
        return new Expr.Index(target, List.of(new Expr.IntLit(i, span)), span);
    }

    private static Expr storeTarget(Stmt.Store st, Span span) {
        Expr target = Emit.atom(st.target(), span);
        return st.field() != null ? new Expr.FieldGet(target, st.field(), span) : new Expr.Index(target, List.of(Emit.atom(st.index(), span)), span);
    }

    private static Expr storedElement(Stmt.Store st, Span span) {
        return storeTarget(st, span);
    }

    private static Expr key(Stmt.Store st, Span span) {
        return st.field() != null ? Emit.str(st.field(), span) : Emit.atom(st.index(), span);
    }

    // ---- reverse sweep ---------------------------------------------------------------------------

    private void reverse(List<Stmt> statements, List<Expr> out) {
        for (int k = statements.size() - 1; k >= 0; k--) {
            Stmt s = statements.get(k);
            Span span = s.span();
            switch (s) {
                case Stmt.Assign a -> reverseAssign(a, out);
                case Stmt.Effect e -> {
                }
                case Stmt.Append ap -> {
                    // The appended element's adjoint goes to the value; the list shrinks back.
                    String g = names.temporary();
                    boolean tracked = differentiable(ap.list());
                    Expr listBar = tracked ? Syntax.name(bar(((Atom.Var) ap.list()).name()), span) : Syntax.floatLit(0.0, span);
                    out.add(Syntax.let(g, Syntax.call("$getgrad", span, listBar, new Expr.IntLit(-1, span)), span));
                    if (tracked) {
                        out.add(Syntax.assign(bar(((Atom.Var) ap.list()).name()), Syntax.call("$dropgrad", span, listBar), span));
                    }
                    out.add(Syntax.call("$unappend", span, Emit.atom(ap.list(), span)));
                    if (differentiable(ap.value())) {
                        accumulate(((Atom.Var) ap.value()).name(), Syntax.name(g, span), true, span, out);
                    }
                }
                case Stmt.If i -> {
                    List<Expr> then = new ArrayList<>();
                    reverse(i.then(), then);
                    List<Expr> orElse = new ArrayList<>();
                    reverse(i.orElse(), orElse);
                    out.add(new Expr.If(pop(span), Syntax.block(then, span), Syntax.block(orElse, span), span));
                }
                case Stmt.Loop l -> {
                    String trips = names.fresh("trips");
                    out.add(Syntax.let(trips, Syntax.call("$popi", span, Syntax.name(tape, span)), span));
                    reverse(l.test(), out);
                    List<Expr> body = new ArrayList<>();
                    String counter = recompute.counters.get(l);
                    if (counter != null) {
                        body.add(Syntax.assign(counter, new Expr.Binary(BinaryOp.SUB, Syntax.name(trips, span), new Expr.IntLit(1, span), span, span), span));
                    }
                    for (Stmt.Assign a : recompute.perLoop.getOrDefault(l, List.of())) {
                        body.add(Syntax.assign(a.target(), Emit.op(a.op(), a.span()), a.span()));
                    }
                    reverse(l.body(), body);
                    reverse(l.test(), body);
                    body.add(Syntax.assign(trips, new Expr.Binary(BinaryOp.SUB, Syntax.name(trips, span), new Expr.IntLit(1, span), span, span), span));
                    Expr more = new Expr.Binary(BinaryOp.GT, Syntax.name(trips, span), new Expr.IntLit(0, span), span, span);
                    out.add(new Expr.While(more, Syntax.block(body, span), span));
                }
                case Stmt.Store st -> {
                    // The adjoint of the stored element moves to the stored value; the old element comes back.
                    String g = names.temporary();
                    Expr targetBar = differentiable(st.target()) ? Syntax.name(bar(((Atom.Var) st.target()).name()), span) : null;
                    if (targetBar != null) {
                        out.add(Syntax.let(g, Syntax.call("$getgrad", span, targetBar, key(st, span)), span));
                        out.add(Syntax.assign(bar(((Atom.Var) st.target()).name()), Syntax.call("$setgrad", span, targetBar,
                                        Emit.atom(st.target(), span), key(st, span), Syntax.floatLit(0.0, span)), span));
                    }
                    out.add(new Expr.Assign(storeTarget(st, span), pop(span), span));
                    if (targetBar != null && differentiable(st.value())) {
                        accumulate(((Atom.Var) st.value()).name(), Syntax.name(g, span), true, span, out);
                    }
                }
            }
        }
    }

    private void reverseAssign(Stmt.Assign a, List<Expr> out) {
        Span span = a.span();
        if (!active.contains(a.target())) {
            // No adjoint: only the old value comes back (an inactive call ran without a pullback).
            if (a.op() instanceof Op.Opaque o) {
                checkNotDerivativeCode(o, span);
            }
            if (overwrites(a.target()) && !firstAssignments.contains(a)) {
                out.add(restore(a.target(), span));
            }
            return;
        }
        // The adjoint is read in place and zeroed after its uses, unless the operation also reads its own
        // target (s = s + t) or runs user code (a call, whose pullback may add into captured adjoints):
        // then it moves to a temporary first. Each temporary of a loop's reverse sweep is a value the
        // compiled loop carries from one iteration to the next (its frame slot); adjoints zeroed at the
        // end of the iteration carry a constant.
        boolean inPlace = !(a.op() instanceof Op.Call) && !Recompute.allOperands(a.op()).contains(new Atom.Var(a.target()));
        Expr gradient = Syntax.name(bar(a.target()), span);
        boolean deferrable = mayBeDeferred.contains(a.target());
        if (!inPlace) {
            String g = names.temporary();
            out.add(Syntax.let(g, Syntax.name(bar(a.target()), span), span));
            out.add(Syntax.assign(bar(a.target()), Syntax.floatLit(0.0, span), span));
            gradient = Syntax.name(g, span);
        }
        String pullback = null;
        if (a.op() instanceof Op.Call) {
            pullback = names.temporary();
            out.add(Syntax.let(pullback, pop(span), span));
        }
        if (overwrites(a.target()) && !firstAssignments.contains(a)) {
            out.add(restore(a.target(), span));
        }
        switch (a.op()) {
            case Op.Prim p -> {
                List<Expr> args = Emit.atoms(p.args(), span);
                Expr computed = deferrable ? forced(gradient) : gradient;
                for (int i = 0; i < p.args().size(); i++) {
                    if (differentiable(p.args().get(i))) {
                        Expr contribution = Emit.mul(computed, rules.partial(p.name(), i, args, span), span);
                        accumulate(((Atom.Var) p.args().get(i)).name(), contribution, false, span, out);
                    }
                }
            }
            case Op.Call c -> {
                String grads = names.temporary();
                out.add(Syntax.let(grads, Syntax.call(Syntax.name(pullback, span), span, deferrable ? forced(gradient) : gradient), span));
                for (int i = 0; i < c.args().size(); i++) {
                    if (differentiable(c.args().get(i))) {
                        accumulate(((Atom.Var) c.args().get(i)).name(), index(Syntax.name(grads, span), i, span), true, span, out);
                    }
                }
            }
            case Op.Copy c -> {
                if (differentiable(c.value())) {
                    accumulate(((Atom.Var) c.value()).name(), gradient, true, span, out);
                }
            }
            case Op.Field f -> {
                if (differentiable(f.target())) {
                    String r = ((Atom.Var) f.target()).name();
                    out.add(Syntax.assign(bar(r), Syntax.call("$accfield", span, Syntax.name(bar(r), span), Syntax.name(r, span),
                                    Emit.str(f.name(), span), gradient), span));
                }
            }
            case Op.Index i -> {
                if (differentiable(i.target())) {
                    String xs = ((Atom.Var) i.target()).name();
                    out.add(Syntax.assign(bar(xs), Syntax.call("$accindex", span, Syntax.name(bar(xs), span), Syntax.name(xs, span),
                                    Emit.atom(i.index(), span), gradient), span));
                }
            }
            case Op.Build b -> {
                for (int k = 0; k < b.items().size(); k++) {
                    if (differentiable(b.items().get(k))) {
                        Expr key = b.names() != null ? Emit.str(b.names().get(k), span) : new Expr.IntLit(k, span);
                        accumulate(((Atom.Var) b.items().get(k)).name(), Syntax.call("$part", span, gradient, key), true, span, out);
                    }
                }
            }
            case Op.Opaque o -> checkNotDerivativeCode(o, span);
            case Op.Verbatim v -> {
            }
            case Op.Closure c -> {
            }
        }
        if (inPlace) {
            out.add(Syntax.assign(bar(a.target()), Syntax.floatLit(0.0, span), span));
        }
    }

    private static void checkNotDerivativeCode(Op.Opaque o, Span span) {
        if (DerivativeHelpers.isHelper(o.name()) && !o.name().equals("$index")) {
            throw new NotDifferentiable("reverse mode over derivative code (reverse over reverse) is not supported;"
                            + " second derivatives use forward over reverse, as hessian does", span);
        }
    }

    /** {@code $force(adjoint)}: the adjoint itself, computed if a rule deferred it. */
    static Expr forced(Expr adjoint) {
        return Syntax.call("$force", adjoint.span(), adjoint);
    }

    /** The variables of {@link #mayBeDeferred}: call arguments, and (repeatedly) the sources of copies into them. */
    private static Set<String> mayBeDeferred(List<Stmt> body) {
        Set<String> out = new java.util.HashSet<>();
        boolean changed = true;
        while (changed) {
            boolean[] grew = {false};
            Statements.walk(body, s -> {
                if (s instanceof Stmt.Assign a && a.op() instanceof Op.Call c) {
                    c.args().forEach(arg -> grew[0] |= arg instanceof Atom.Var v && out.add(v.name()));
                } else if (s instanceof Stmt.Assign a && a.op() instanceof Op.Copy c && c.value() instanceof Atom.Var v && out.contains(a.target())) {
                    grew[0] |= out.add(v.name());
                }
            });
            changed = grew[0];
        }
        return out;
    }

    /** {@code x_bar = x_bar + contribution}; structured values (records, lists) add through $addgrad. */
    private void accumulate(String variable, Expr contribution, boolean maybeStructured, Span span, List<Expr> out) {
        Expr current = Syntax.name(bar(variable), span);
        if (!maybeStructured && mayBeDeferred.contains(variable)) {
            current = forced(current);
        }
        Expr sum = maybeStructured ? Syntax.call("$addgrad", span, current, contribution) : Emit.add(current, contribution, span);
        out.add(Syntax.assign(bar(variable), sum, span));
    }
}
