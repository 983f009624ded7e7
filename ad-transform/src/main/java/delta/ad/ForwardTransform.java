package delta.ad;

import delta.ad.ir.Atom;
import delta.ad.ir.Function;
import delta.ad.ir.Op;
import delta.ad.ir.Stmt;
import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Forward mode by source transformation (dual numbers, written out): the generated
 * {@code f_jvp(x, x_dot, y, y_dot...)} computes every variable's tangent beside its value, in the
 * same control flow, and returns {@code (result, result_dot)}. Calls of other functions go through
 * their own tangent code.
 */
final class ForwardTransform {
    private final Rules rules;
    private final Names names;
    private final Function function;
    private final Set<String> locals = new LinkedHashSet<>();
    /** Variables of an enclosing differentiated function that this (inner) function uses. */
    private final Set<String> captured;

    private ForwardTransform(Function function, Rules rules, Names names, Set<String> captured) {
        this.function = function;
        this.rules = rules;
        this.names = names;
        // Variables of an enclosing function that this one assigns have their tangents out there too.
        Set<String> outer = new java.util.HashSet<>(captured);
        outer.addAll(function.outerAssigned());
        this.captured = outer;
    }

    static Expr.Lambda transform(Function function, Rules rules, Names names, String name) {
        return new ForwardTransform(function, rules, names, Set.of()).build(name);
    }

    private Expr.Lambda build(String name) {
        Span span = function.span();
        locals.addAll(function.params());
        collect(function.body());
        List<Expr> body = new ArrayList<>();
        for (String local : locals) {
            if (!function.params().contains(local)) {
                body.add(Syntax.let(local, new Expr.NoneLit(span), span));
                body.add(Syntax.let(dot(local), Syntax.floatLit(0.0, span), span));
            }
        }
        statements(function.body(), body);
        body.add(Syntax.tuple(List.of(Emit.atom(function.result(), span), tangent(function.result(), span)), span));
        List<Expr.Param> params = new ArrayList<>();
        for (String p : function.params()) {
            params.add(new Expr.Param(p, span));
            params.add(new Expr.Param(dot(p), span));
        }
        return new Expr.Lambda(name, params, Syntax.block(body, span), span);
    }

    private String dot(String variable) {
        return variable + "_dot";
    }

    private void collect(List<Stmt> statements) {
        Statements.walk(statements, s -> {
            if (s instanceof Stmt.Assign a && !captured.contains(a.target())) {
                locals.add(a.target());
            }
        });
    }

    private Expr tangent(Atom a, Span span) {
        return hasTangent(a) ? Syntax.name(dot(((Atom.Var) a).name()), span) : Syntax.floatLit(0.0, span);
    }

    private boolean hasTangent(Atom a) {
        return a instanceof Atom.Var v && (locals.contains(v.name()) || captured.contains(v.name()));
    }

    private void statements(List<Stmt> statements, List<Expr> out) {
        for (Stmt s : statements) {
            Span span = s.span();
            switch (s) {
                case Stmt.Assign a -> assign(a, out);
                case Stmt.Effect e -> {
                    out.add(Emit.op(e.op(), span));
                    if (e.op() instanceof Op.Opaque o && DerivativeHelpers.isHelper(o.name())) {
                        DerivativeHelpers.tangentEffect(o, this::tangent, this::dot, span, out);
                    }
                }
                case Stmt.If i -> {
                    List<Expr> then = new ArrayList<>();
                    statements(i.then(), then);
                    List<Expr> orElse = new ArrayList<>();
                    statements(i.orElse(), orElse);
                    out.add(new Expr.If(Emit.atom(i.condition(), span), Syntax.block(then, span), Syntax.block(orElse, span), span));
                }
                case Stmt.Loop l -> {
                    List<Expr> body = new ArrayList<>();
                    statements(l.body(), body);
                    out.add(Emit.rotatedLoop(l, test -> statements(test, out), body, test -> statements(test, body), span));
                }
                case Stmt.Append ap -> {
                    if (hasTangent(ap.list())) {
                        String list = ((Atom.Var) ap.list()).name();
                        out.add(Syntax.assign(dot(list), Syntax.call("$appendgrad", span, Syntax.name(dot(list), span),
                                        Emit.atom(ap.list(), span), tangent(ap.value(), span)), span));
                    }
                    out.add(Syntax.call("append", span, Emit.atom(ap.list(), span), Emit.atom(ap.value(), span)));
                }
                case Stmt.Store st -> {
                    Expr target = Emit.atom(st.target(), span);
                    Expr key = st.field() != null ? Emit.str(st.field(), span) : Emit.atom(st.index(), span);
                    if (hasTangent(st.target())) {
                        String t = ((Atom.Var) st.target()).name();
                        out.add(Syntax.assign(dot(t), Syntax.call("$setgrad", span, Syntax.name(dot(t), span), target, key,
                                        tangent(st.value(), span)), span));
                    }
                    Expr place = st.field() != null ? new Expr.FieldGet(target, st.field(), span)
                                    : new Expr.Index(target, List.of(Emit.atom(st.index(), span)), span);
                    out.add(new Expr.Assign(place, Emit.atom(st.value(), span), span));
                }
            }
        }
    }

    private void assign(Stmt.Assign a, List<Expr> out) {
        Span span = a.span();
        String target = a.target();
        // The tangent is computed first: its rule may read the target's old value (x = x * y).
        Expr tangentValue = switch (a.op()) {
            case Op.Prim p -> {
                List<Expr> args = Emit.atoms(p.args(), span);
                Expr sum = null;
                for (int i = 0; i < p.args().size(); i++) {
                    if (hasTangent(p.args().get(i))) {
                        Expr term = Emit.mul(rules.partial(p.name(), i, args, span), tangent(p.args().get(i), span), span);
                        sum = sum == null ? term : Emit.add(sum, term, span);
                    }
                }
                yield sum == null ? Syntax.floatLit(0.0, span) : sum;
            }
            case Op.Call c -> null;
            case Op.Copy c -> tangent(c.value(), span);
            case Op.Field f -> Syntax.call("$part", span, tangent(f.target(), span), Emit.str(f.name(), span));
            case Op.Index i -> Syntax.call("$part", span, tangent(i.target(), span), Emit.atom(i.index(), span));
            case Op.Build b -> {
                List<Expr> tangents = new ArrayList<>();
                for (Atom item : b.items()) {
                    tangents.add(tangent(item, span));
                }
                yield Emit.op(new Op.Build(b.kind(), b.names(), b.items()), span) instanceof Expr.RecordLit r
                                ? new Expr.RecordLit(zip(r, tangents), span)
                                : b.kind() == Op.Build.Kind.LIST ? new Expr.ListLit(tangents, span) : new Expr.TupleLit(tangents, span);
            }
            case Op.Opaque o -> DerivativeHelpers.isHelper(o.name()) ? DerivativeHelpers.tangent(o, this::tangent, span) : Syntax.floatLit(0.0, span);
            case Op.Verbatim v -> Syntax.floatLit(0.0, span);
            case Op.Closure c -> Syntax.floatLit(0.0, span);
        };
        if (a.op() instanceof Op.Closure closure) {
            // The function value carries its tangent code, which reads the captured variables' tangents.
            Function inner = Normalizer.normalizeNested(closure.lambda(), rules, names);
            // Variables captured from further out are differentiable in the inner function too.
            Set<String> visible = new java.util.HashSet<>(closure.captured());
            visible.addAll(captured);
            Expr.Lambda code = new ForwardTransform(inner, rules, names, visible).build(
                            (closure.lambda().name() == null ? "lambda" : closure.lambda().name()) + "_jvp");
            out.add(Syntax.assign(target, Syntax.call("$dclosure", span, closure.lambda(), code, Emit.str(AdModes.FORWARD, span)), span));
            out.add(Syntax.assign(dot(target), tangentValue, span));
            return;
        }
        if (a.op() instanceof Op.Call call) {
            String pair = names.temporary();
            List<Expr> args = new ArrayList<>();
            for (Atom arg : call.args()) {
                args.add(Emit.atom(arg, span));
                args.add(tangent(arg, span));
            }
            Expr jvpOfCallee = Syntax.call("$jvp", span, Emit.atom(call.callee(), span));
            out.add(Syntax.let(pair, Syntax.call(jvpOfCallee, span, args.toArray(Expr[]::new)), span));
            out.add(Syntax.assign(target, new Expr.Index(Syntax.name(pair, span), List.of(new Expr.IntLit(0, span)), span), span));
            out.add(Syntax.assign(dot(target), new Expr.Index(Syntax.name(pair, span), List.of(new Expr.IntLit(1, span)), span), span));
            return;
        }
        String t = names.temporary();
        out.add(Syntax.let(t, tangentValue, span));
        out.add(Syntax.assign(target, Emit.op(a.op(), span), span));
        out.add(Syntax.assign(dot(target), Syntax.name(t, span), span));
    }

    private static List<Expr.RecordLit.Field> zip(Expr.RecordLit record, List<Expr> values) {
        List<Expr.RecordLit.Field> fields = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            fields.add(new Expr.RecordLit.Field(record.fields().get(k).name(), values.get(k), record.span()));
        }
        return fields;
    }
}
