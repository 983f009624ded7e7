package delta.ad;

import delta.ad.ir.Atom;
import delta.ad.ir.Function;
import delta.ad.ir.Op;
import delta.ad.ir.Stmt;
import delta.parser.ast.BinaryOp;
import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import delta.parser.ast.Span;
import delta.parser.ast.UnaryOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Brings a function into the normalized form the transforms work on: every variable gets a unique
 * name (so block scoping disappears), every assignment does one operation on atoms, and jumps
 * (return, break, continue) become flags that guard the statements after them, so the function
 * has one exit and loops have one test. Flags are bools: they add branches, never derivatives.
 */
final class Normalizer {
    private final Rules rules;
    private final Names names;
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private final Deque<LoopFlags> loops = new ArrayDeque<>();
    private List<Stmt> out = new ArrayList<>();
    private String resultVar;
    private String returnedFlag;
    /**
     * Forward mode may let a function created inside differentiated code assign the enclosing
     * function's variables (a pullback does, to the adjoints): their tangents are assigned beside.
     */
    private boolean outerWrites;
    /** Generated derivative code is correct by construction: its writes need no aliasing check. */
    private boolean trusted;
    private final java.util.Set<String> outerAssigned = new java.util.HashSet<>();

    private record LoopFlags(String broke, String skipped) {}

    private Normalizer(Rules rules, Names names) {
        this.rules = rules;
        this.names = names;
    }

    static Function normalize(Expr.Lambda lambda, Rules rules, Names names) {
        return new Normalizer(rules, names).function(lambda);
    }

    /** Normalizes a function nested in differentiated code that may assign the enclosing function's variables. */
    static Function normalizeNested(Expr.Lambda lambda, Rules rules, Names names) {
        Normalizer normalizer = new Normalizer(rules, names);
        normalizer.outerWrites = true;
        normalizer.trusted = true;
        return normalizer.function(lambda);
    }

    /** Normalizes derivative code that the transform generated (to differentiate it again). */
    static Function normalizeGenerated(Expr.Lambda lambda, Rules rules, Names names) {
        Normalizer normalizer = new Normalizer(rules, names);
        normalizer.trusted = true;
        return normalizer.function(lambda);
    }

    private Function function(Expr.Lambda lambda) {
        scopes.push(new HashMap<>());
        List<String> params = new ArrayList<>();
        for (Expr.Param p : lambda.params()) {
            params.add(bind(p.name()));
        }
        resultVar = names.fresh("result");
        returnedFlag = containsJump(lambda.body(), true, false) ? names.fresh("returned") : null;
        if (returnedFlag != null) {
            // With early returns the result may be set on some paths only.
            emit(new Stmt.Assign(resultVar, constNone(lambda.span()), lambda.span()));
            emit(new Stmt.Assign(returnedFlag, new Op.Copy(bool(false, lambda.span())), lambda.span()));
        }
        valueInto(lambda.body(), resultVar);
        if (!trusted) {
            MutationCheck.check(out, resultVar);
        }
        return new Function(lambda.name() == null ? "lambda" : lambda.name(), params, out, new Atom.Var(resultVar), lambda.span(), java.util.Set.copyOf(outerAssigned));
    }

    // ---- names -----------------------------------------------------------------------------------

    private String bind(String sourceName) {
        String unique = names.variable(sourceName);
        scopes.peek().put(sourceName, unique);
        return unique;
    }

    /** The unique name of a local, or null for a global (constant with respect to differentiation). */
    private String local(String sourceName) {
        for (Map<String, String> scope : scopes) {
            String unique = scope.get(sourceName);
            if (unique != null) {
                return unique;
            }
        }
        return null;
    }

    private <T> T scoped(Supplier<T> body) {
        scopes.push(new HashMap<>());
        try {
            return body.get();
        } finally {
            scopes.pop();
        }
    }

    private List<Stmt> nested(Runnable body) {
        List<Stmt> saved = out;
        out = new ArrayList<>();
        try {
            body.run();
            return out;
        } finally {
            out = saved;
        }
    }

    private void emit(Stmt s) {
        out.add(s);
    }

    // ---- statements ------------------------------------------------------------------------------

    /** Runs {@code e} and stores its value in {@code target} (when target is not null). */
    private void valueInto(Expr e, String target) {
        switch (e) {
            case Expr.Block b -> scoped(() -> {
                items(b.items(), 0, target);
                return null;
            });
            case Expr.If i -> {
                Atom condition = atom(i.condition());
                List<Stmt> then = nested(() -> valueInto(i.then(), target));
                List<Stmt> orElse = nested(() -> {
                    if (i.orElse() != null) {
                        valueInto(i.orElse(), target);
                    } else if (target != null) {
                        emit(new Stmt.Assign(target, constNone(i.span()), i.span()));
                    }
                });
                emit(new Stmt.If(condition, then, orElse, i.span()));
            }
            default -> {
                if (isStatement(e)) {
                    statement(e);
                    if (target != null) {
                        emit(new Stmt.Assign(target, constNone(e.span()), e.span()));
                    }
                } else if (target != null) {
                    emit(new Stmt.Assign(target, op(e), e.span()));
                } else if (isAppend(e)) {
                    Expr.Call call = (Expr.Call) e;
                    Atom list = atom(call.args().get(0).value());
                    emit(new Stmt.Append(list, atom(call.args().get(1).value()), e.span()));
                } else {
                    Op op = op(e);
                    if (op instanceof Op.Call) {
                        // A call whose value is unused still goes through the callee's derivative code:
                        // the callee may change what its arguments hold.
                        emit(new Stmt.Assign(names.temporary(), op, e.span()));
                    } else if (!(op instanceof Op.Copy)) {
                        emit(new Stmt.Effect(op, e.span()));
                    }
                }
            }
        }
    }

    /** Block items from {@code from} on; after an item that may jump, the rest runs only if it did not. */
    private void items(List<Expr> items, int from, String target) {
        for (int i = from; i < items.size(); i++) {
            Expr item = items.get(i);
            boolean last = i == items.size() - 1;
            valueInto(item, last ? target : null);
            if (!last && containsJump(item, true, true)) {
                final int next = i + 1;
                Atom stillRunning = notJumped(item.span());
                List<Stmt> rest = nested(() -> items(items, next, target));
                emit(new Stmt.If(stillRunning, rest, List.of(), items.get(next).span()));
                return;
            }
        }
        if (items.isEmpty() && target != null) {
            emit(new Stmt.Assign(target, constNone(Span0.AT), Span0.AT));
        }
    }

    private boolean isAppend(Expr e) {
        return e instanceof Expr.Call c && c.callee() instanceof Expr.Name n && n.name().equals("append")
                        && local("append") == null && c.args().size() == 2;
    }

    private boolean isStatement(Expr e) {
        return e instanceof Expr.Let || e instanceof Expr.Assign || e instanceof Expr.FnDecl || e instanceof Expr.While
                        || e instanceof Expr.For || e instanceof Expr.Return || e instanceof Expr.Break
                        || e instanceof Expr.Continue || e instanceof Expr.Import;
    }

    private void statement(Expr e) {
        switch (e) {
            case Expr.Let let -> {
                if (let.target() instanceof Pattern.Bind bind) {
                    Op value = op(let.value());
                    emit(new Stmt.Assign(bind(bind.name()), value, let.span()));
                } else {
                    Atom value = atom(let.value());
                    destructure(let.target(), value, let.span());
                }
            }
            case Expr.Assign a -> assign(a);
            case Expr.FnDecl d -> {
                String unique = bind(d.name());
                emit(new Stmt.Assign(unique, functionValue(d.function()), d.span()));
            }
            case Expr.While w -> loop(w.condition(), null, w.body(), w.span());
            case Expr.For f -> forLoop(f);
            case Expr.Return r -> {
                if (r.value() != null) {
                    emit(new Stmt.Assign(resultVar, op(r.value()), r.span()));
                } else {
                    emit(new Stmt.Assign(resultVar, constNone(r.span()), r.span()));
                }
                emit(new Stmt.Assign(returnedFlag, new Op.Copy(bool(true, r.span())), r.span()));
            }
            case Expr.Break b -> emit(new Stmt.Assign(loops.peek().broke(), new Op.Copy(bool(true, b.span())), b.span()));
            case Expr.Continue c -> emit(new Stmt.Assign(loops.peek().skipped(), new Op.Copy(bool(true, c.span())), c.span()));
            case Expr.Import i -> throw new NotDifferentiable("import inside a differentiated function", i.span());
            default -> throw new IllegalStateException("not a statement: " + e);
        }
    }

    private void assign(Expr.Assign a) {
        switch (a.target()) {
            case Expr.Name n -> {
                String unique = local(n.name());
                if (unique == null && outerWrites) {
                    unique = n.name();
                    outerAssigned.add(unique);
                }
                if (unique == null) {
                    throw new NotDifferentiable("assignment to '" + n.name()
                                    + "', a variable outside the differentiated function; pass it in and return it instead", a.span());
                }
                emit(new Stmt.Assign(unique, op(a.value()), a.span()));
            }
            case Expr.Index i -> {
                if (i.indices().size() != 1 || i.indices().get(0) instanceof Expr.Slice) {
                    throw new NotDifferentiable("slice assignment inside a differentiated function", a.span());
                }
                Atom target = atom(i.target());
                Atom index = atom(i.indices().get(0));
                emit(new Stmt.Store(target, null, index, atom(a.value()), a.span()));
            }
            case Expr.FieldGet f -> {
                Atom target = atom(f.target());
                emit(new Stmt.Store(target, f.name(), null, atom(a.value()), a.span()));
            }
            default -> throw new NotDifferentiable("cannot assign to this expression", a.span());
        }
    }

    private void destructure(Pattern pattern, Atom value, Span span) {
        switch (pattern) {
            case Pattern.Bind b -> emit(new Stmt.Assign(bind(b.name()), new Op.Copy(value), b.span()));
            case Pattern.Tuple t -> {
                for (int k = 0; k < t.items().size(); k++) {
                    Pattern item = t.items().get(k);
                    String part = names.temporary();
                    emit(new Stmt.Assign(part, new Op.Index(value, intConst(k, item.span())), item.span()));
                    destructure(item, new Atom.Var(part), span);
                }
            }
        }
    }

    private void forLoop(Expr.For f) {
        Atom sequence = atom(f.iterable());
        boolean overRange = f.iterable() instanceof Expr.Call c && c.callee() instanceof Expr.Name n
                        && n.name().equals("range") && local("range") == null;
        String count = names.temporary();
        emit(new Stmt.Assign(count, new Op.Opaque("len", List.of(sequence)), f.span()));
        String position = names.fresh("position");
        emit(new Stmt.Assign(position, new Op.Copy(intConst(0, f.span())), f.span()));
        Expr.Name positionName = new Expr.Name(position, f.span());
        Expr.Name countName = new Expr.Name(count, f.span());
        Expr test = new Expr.Binary(BinaryOp.LT, positionName, countName, f.span(), f.span());
        loop(test, () -> {
            String item = names.temporary();
            // A range's elements are ints with no derivative; a list's or tuple's are read through Index.
            Op read = overRange ? new Op.Opaque("$index", List.of(sequence, new Atom.Var(position)))
                            : new Op.Index(sequence, new Atom.Var(position));
            emit(new Stmt.Assign(item, read, f.target().span()));
            emit(new Stmt.Assign(position, new Op.Prim("+", List.of(new Atom.Var(position), intConst(1, f.span()))), f.span()));
            destructure(f.target(), new Atom.Var(item), f.span());
        }, f.body(), f.span());
    }

    /** {@code while}: the test runs before every iteration and once more at the end. */
    private void loop(Expr condition, Runnable prologue, Expr.Block body, Span span) {
        boolean breaks = containsJump(body, false, true) && containsKind(body, Expr.Break.class);
        boolean continues = containsKind(body, Expr.Continue.class);
        LoopFlags flags = new LoopFlags(breaks ? names.fresh("broke") : null, continues ? names.fresh("skipped") : null);
        if (flags.broke() != null) {
            emit(new Stmt.Assign(flags.broke(), new Op.Copy(bool(false, span)), span));
        }
        String go = names.temporary();
        List<Stmt> test = nested(() -> {
            emit(new Stmt.Assign(go, op(condition), condition.span()));
            for (String flag : new String[]{flags.broke(), returnedFlag}) {
                if (flag != null && (flag != returnedFlag || containsJump(body, true, false))) {
                    String not = names.temporary();
                    emit(new Stmt.Assign(not, new Op.Opaque("not", List.of(new Atom.Var(flag))), span));
                    emit(new Stmt.Assign(go, new Op.Opaque("and", List.of(new Atom.Var(go), new Atom.Var(not))), span));
                }
            }
        });
        loops.push(flags);
        try {
            List<Stmt> loopBody = nested(() -> scoped(() -> {
                if (flags.skipped() != null) {
                    emit(new Stmt.Assign(flags.skipped(), new Op.Copy(bool(false, span)), span));
                }
                if (prologue != null) {
                    prologue.run();
                }
                items(body.items(), 0, null);
                return null;
            }));
            emit(new Stmt.Loop(test, new Atom.Var(go), loopBody, span));
        } finally {
            loops.pop();
        }
    }

    /** A bool that is true when no jump flag in scope is set. */
    private Atom notJumped(Span span) {
        List<String> flags = new ArrayList<>();
        if (returnedFlag != null) {
            flags.add(returnedFlag);
        }
        if (!loops.isEmpty()) {
            if (loops.peek().broke() != null) {
                flags.add(loops.peek().broke());
            }
            if (loops.peek().skipped() != null) {
                flags.add(loops.peek().skipped());
            }
        }
        Atom any = bool(false, span);
        for (String flag : flags) {
            String t = names.temporary();
            emit(new Stmt.Assign(t, new Op.Opaque("or", List.of(any, new Atom.Var(flag))), span));
            any = new Atom.Var(t);
        }
        String result = names.temporary();
        emit(new Stmt.Assign(result, new Op.Opaque("not", List.of(any)), span));
        return new Atom.Var(result);
    }

    // ---- expressions -----------------------------------------------------------------------------

    private Atom atom(Expr e) {
        switch (e) {
            case Expr.IntLit i -> {
                return new Atom.Const(i);
            }
            case Expr.FloatLit f -> {
                return new Atom.Const(f);
            }
            case Expr.StringLit s -> {
                return new Atom.Const(s);
            }
            case Expr.BoolLit b -> {
                return new Atom.Const(b);
            }
            case Expr.NoneLit n -> {
                return new Atom.Const(n);
            }
            case Expr.Name n -> {
                String unique = local(n.name());
                return new Atom.Var(unique != null ? unique : n.name());
            }
            default -> {
                String t = names.temporary();
                valueInto(e, t);
                return new Atom.Var(t);
            }
        }
    }

    private List<Atom> atoms(List<Expr> exprs) {
        List<Atom> list = new ArrayList<>();
        for (Expr e : exprs) {
            list.add(atom(e));
        }
        return list;
    }

    private Op op(Expr e) {
        return switch (e) {
            case Expr.Binary b -> binary(b);
            case Expr.Unary u -> u.op() == UnaryOp.NEG ? new Op.Prim("neg", List.of(atom(u.operand())))
                            : new Op.Opaque("not", List.of(atom(u.operand())));
            case Expr.Logical l -> logical(l);
            case Expr.Call c -> call(c);
            case Expr.Index i -> {
                Atom target = atom(i.target());
                yield new Op.Index(target, indexKey(i));
            }
            case Expr.FieldGet f -> new Op.Field(atom(f.target()), f.name());
            case Expr.ListLit l -> new Op.Build(Op.Build.Kind.LIST, null, atoms(l.items()));
            case Expr.TupleLit t -> new Op.Build(Op.Build.Kind.TUPLE, null, atoms(t.items()));
            case Expr.RecordLit r -> {
                List<String> fieldNames = new ArrayList<>();
                List<Atom> values = new ArrayList<>();
                for (Expr.RecordLit.Field field : r.fields()) {
                    fieldNames.add(field.name());
                    values.add(atom(field.value()));
                }
                yield new Op.Build(Op.Build.Kind.RECORD, fieldNames, values);
            }
            case Expr.Lambda l -> functionValue(l);
            case Expr.Slice s -> throw new NotDifferentiable("a slice outside brackets", s.span());
            default -> {
                if (isStatement(e)) {
                    statement(e);
                    yield constNone(e.span());
                }
                yield new Op.Copy(atom(e));
            }
        };
    }

    private Op binary(Expr.Binary b) {
        Atom left = atom(b.left());
        Atom right = atom(b.right());
        String symbol = b.op().symbol;
        if (rules.has(symbol)) {
            return new Op.Prim(symbol, List.of(left, right));
        }
        if (b.op() == BinaryOp.MATMUL) {
            // The matrix product's rule is a general one (its adjoints are products too): a call of the builtin.
            return new Op.Call(new Atom.Var("matmul"), List.of(left, right));
        }
        return new Op.Opaque(symbol, List.of(left, right));
    }

    /** and/or short-circuit: bools only, so they become an if without derivatives. */
    private Op logical(Expr.Logical l) {
        String t = names.temporary();
        emit(new Stmt.Assign(t, new Op.Copy(atom(l.left())), l.span()));
        List<Stmt> evaluateRight = nested(() -> emit(new Stmt.Assign(t, new Op.Copy(atom(l.right())), l.span())));
        Atom test = new Atom.Var(t);
        if (!l.isAnd()) {
            String not = names.temporary();
            emit(new Stmt.Assign(not, new Op.Opaque("not", List.of(test)), l.span()));
            test = new Atom.Var(not);
        }
        emit(new Stmt.If(test, evaluateRight, List.of(), l.span()));
        return new Op.Copy(new Atom.Var(t));
    }

    private Op call(Expr.Call c) {
        for (Expr.Arg arg : c.args()) {
            if (arg.name() != null) {
                throw new NotDifferentiable("named arguments inside a differentiated function", arg.span());
            }
        }
        List<Expr> argExprs = c.args().stream().map(Expr.Arg::value).toList();
        if (c.callee() instanceof Expr.Name n && n.name().equals("$lazy") && argExprs.size() == 1
                        && argExprs.get(0) instanceof Expr.Lambda thunk && thunk.params().isEmpty()) {
            // A rule's deferred adjoint (reverse mode computes it only if read): differentiating the
            // rule (forward over reverse) differentiates the value it stands for.
            return new Op.Copy(atom(thunk.body()));
        }
        if (c.callee() instanceof Expr.Name n && local(n.name()) == null) {
            if (rules.has(n.name()) && !rules.usesGeneral(n.name(), argExprs.size())) {
                if (rules.arity(n.name()) != argExprs.size()) {
                    throw new NotDifferentiable(n.name() + " is differentiable with " + rules.arity(n.name()) + " arguments, not "
                                    + argExprs.size(), c.span());
                }
                return new Op.Prim(n.name(), atoms(argExprs));
            }
            if (n.name().equals("append")) {
                throw new NotDifferentiable("append(list, x) inside a differentiated function must stand on its own line", c.span());
            }
            // '$' helpers of derivative code: forward mode knows their tangents (see DerivativeHelpers).
            if (rules.isOpaque(n.name()) || n.name().startsWith("$")) {
                return new Op.Opaque(n.name(), atoms(argExprs));
            }
        }
        Atom callee = atom(c.callee());
        return new Op.Call(callee, atoms(argExprs));
    }

    /**
     * A function literal inside the differentiated function. One that uses none of the function's
     * variables is a constant; one that does becomes a {@link Op.Closure}, differentiated with it.
     */
    private Op functionValue(Expr.Lambda lambda) {
        java.util.Set<String> own = new java.util.HashSet<>();
        lambda.params().forEach(p -> own.add(p.name()));
        java.util.LinkedHashSet<String> captured = new java.util.LinkedHashSet<>();
        findCaptures(lambda.body(), own, captured);
        if (captured.isEmpty()) {
            return new Op.Verbatim(lambda);
        }
        // The closure must use the unique names of the variables it captures.
        Map<String, String> renames = new HashMap<>();
        List<String> uniqueNames = new ArrayList<>();
        for (String name : captured) {
            String unique = local(name);
            uniqueNames.add(unique);
            if (!unique.equals(name)) {
                renames.put(name, unique);
            }
        }
        return new Op.Closure(renames.isEmpty() ? lambda : Renamer.rename(lambda, renames), uniqueNames);
    }

    private void findCaptures(Expr e, java.util.Set<String> own, java.util.Set<String> captured) {
        if (e instanceof Expr.Name n && !own.contains(n.name()) && local(n.name()) != null) {
            captured.add(n.name());
        }
        if (e instanceof Expr.Let let) {
            // The value is evaluated before the name exists: `let x = x` reads the outer x.
            findCaptures(let.value(), own, captured);
            collectBound(let.target(), own);
            return;
        }
        if (e instanceof Expr.For f) {
            collectBound(f.target(), own);
        }
        if (e instanceof Expr.FnDecl d) {
            own.add(d.name());
        }
        if (e instanceof Expr.Lambda inner) {
            inner.params().forEach(p -> own.add(p.name()));
        }
        for (Expr child : Syntax.children(e)) {
            findCaptures(child, own, captured);
        }
    }

    private static void collectBound(Pattern p, java.util.Set<String> into) {
        switch (p) {
            case Pattern.Bind b -> into.add(b.name());
            case Pattern.Tuple t -> t.items().forEach(item -> collectBound(item, into));
        }
    }

    // ---- jumps -----------------------------------------------------------------------------------

    /** Whether e contains a return (when asked) or a break/continue of the current loop level (when asked). */
    static boolean containsJump(Expr e, boolean returns, boolean loopJumps) {
        if (e instanceof Expr.Lambda || e instanceof Expr.FnDecl) {
            return false;
        }
        if (e instanceof Expr.Return) {
            return returns;
        }
        if (e instanceof Expr.Break || e instanceof Expr.Continue) {
            return loopJumps;
        }
        boolean inner = loopJumps && !(e instanceof Expr.While || e instanceof Expr.For);
        for (Expr child : Syntax.children(e)) {
            if (containsJump(child, returns, inner)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsKind(Expr e, Class<? extends Expr> kind) {
        if (kind.isInstance(e)) {
            return true;
        }
        if (e instanceof Expr.Lambda || e instanceof Expr.FnDecl || e instanceof Expr.While || e instanceof Expr.For) {
            return false;
        }
        for (Expr child : Syntax.children(e)) {
            if (containsKind(child, kind)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key of a read, as the program's own lowering builds it: the index itself, a
     * {@code slice(lo, hi, step)} value for {@code a:b:s}, and a tuple of those for several
     * indices ({@code t[i, a:b]}). The runtime's adjoint and tangent helpers take the same key.
     */
    private Atom indexKey(Expr.Index i) {
        List<Atom> parts = new ArrayList<>();
        for (Expr e : i.indices()) {
            if (e instanceof Expr.Slice slice) {
                String part = names.temporary();
                emit(new Stmt.Assign(part, new Op.Opaque("slice", List.of(bound(slice.lo(), slice.span()), bound(slice.hi(), slice.span()),
                                bound(slice.step(), slice.span()))), slice.span()));
                parts.add(new Atom.Var(part));
            } else {
                parts.add(atom(e));
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        String key = names.temporary();
        emit(new Stmt.Assign(key, new Op.Build(Op.Build.Kind.TUPLE, null, parts), i.span()));
        return new Atom.Var(key);
    }

    private Atom bound(Expr e, Span span) {
        return e == null ? new Atom.Const(new Expr.NoneLit(span)) : atom(e);
    }

    // ---- constants -------------------------------------------------------------------------------

    private static Op constNone(Span span) {
        return new Op.Copy(new Atom.Const(new Expr.NoneLit(span)));
    }

    private static Atom bool(boolean value, Span span) {
        return new Atom.Const(new Expr.BoolLit(value, span));
    }

    private static Atom intConst(long value, Span span) {
        return new Atom.Const(new Expr.IntLit(value, span));
    }

    /** The span of generated code that has no construct of its own. */
    static final class Span0 {
        static final Span AT = new Span(0, 0);

        private Span0() {}
    }
}
