package delta.ad;

import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import java.util.ArrayList;
import java.util.List;

/** Small helpers over the syntax tree: children of a node, and builders for generated code. */
final class Syntax {
    /** Generated code has no source text of its own; its nodes point at the construct they came from. */
    private Syntax() {}

    static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        switch (e) {
            case Expr.ListLit l -> out.addAll(l.items());
            case Expr.TupleLit t -> out.addAll(t.items());
            case Expr.RecordLit r -> r.fields().forEach(f -> out.add(f.value()));
            case Expr.Unary u -> out.add(u.operand());
            case Expr.Binary b -> {
                out.add(b.left());
                out.add(b.right());
            }
            case Expr.Logical l -> {
                out.add(l.left());
                out.add(l.right());
            }
            case Expr.Call c -> {
                out.add(c.callee());
                c.args().forEach(a -> out.add(a.value()));
            }
            case Expr.Index i -> {
                out.add(i.target());
                out.addAll(i.indices());
            }
            case Expr.Slice s -> {
                addIfPresent(out, s.lo());
                addIfPresent(out, s.hi());
                addIfPresent(out, s.step());
            }
            case Expr.FieldGet f -> out.add(f.target());
            case Expr.Lambda l -> out.add(l.body());
            case Expr.FnDecl d -> out.add(d.function());
            case Expr.Return r -> addIfPresent(out, r.value());
            case Expr.Let l -> out.add(l.value());
            case Expr.Assign a -> {
                out.add(a.target());
                out.add(a.value());
            }
            case Expr.Block b -> out.addAll(b.items());
            case Expr.If i -> {
                out.add(i.condition());
                out.add(i.then());
                addIfPresent(out, i.orElse());
            }
            case Expr.While w -> {
                out.add(w.condition());
                out.add(w.body());
            }
            case Expr.For f -> {
                out.add(f.iterable());
                out.add(f.body());
            }
            default -> {
                // literals, names, break, continue, import: no children
            }
        }
        return out;
    }

    private static void addIfPresent(List<Expr> out, Expr e) {
        if (e != null) {
            out.add(e);
        }
    }

    static Expr.Name name(String name, Span span) {
        return new Expr.Name(name, span);
    }

    static Expr call(String function, Span span, Expr... args) {
        return call(name(function, span), span, args);
    }

    static Expr call(Expr function, Span span, Expr... args) {
        List<Expr.Arg> list = new ArrayList<>();
        for (Expr a : args) {
            list.add(new Expr.Arg(null, a, span));
        }
        return new Expr.Call(function, list, span);
    }

    static Expr floatLit(double value, Span span) {
        return new Expr.FloatLit(value, span);
    }

    static Expr assign(String target, Expr value, Span span) {
        return new Expr.Assign(name(target, span), value, span);
    }

    static Expr let(String target, Expr value, Span span) {
        return new Expr.Let(new delta.parser.ast.Pattern.Bind(target, span), value, span);
    }

    static Expr.Block block(List<Expr> items, Span span) {
        return new Expr.Block(List.copyOf(items), span);
    }

    static Expr tuple(List<Expr> items, Span span) {
        return new Expr.TupleLit(List.copyOf(items), span);
    }

    /**
     * {@code s} with {@code f} applied to each statement list directly inside it (a block, a loop's
     * body, the arms of an if); any other statement as it is.
     */
    static Expr mapStatementLists(Expr s, java.util.function.UnaryOperator<List<Expr>> f) {
        return switch (s) {
            case Expr.Block b -> new Expr.Block(f.apply(b.items()), b.span());
            case Expr.While w -> new Expr.While(w.condition(), new Expr.Block(f.apply(w.body().items()), w.body().span()), w.span());
            case Expr.If i -> new Expr.If(i.condition(), new Expr.Block(f.apply(i.then().items()), i.then().span()),
                            i.orElse() == null ? null : mapStatementLists(i.orElse(), f), i.span());
            default -> s;
        };
    }

    /**
     * Counts the assignments {@code name = ...} in {@code e} and the statements nested in it, and with
     * {@code declarations} the {@code let name = ...} too; functions created there are not entered
     * (their variables are their own).
     */
    static void countAssignments(Expr e, java.util.Map<String, Integer> count, boolean declarations) {
        if (e instanceof Expr.Assign a && a.target() instanceof Expr.Name n) {
            count.merge(n.name(), 1, Integer::sum);
        } else if (declarations && e instanceof Expr.Let l && l.target() instanceof delta.parser.ast.Pattern.Bind b) {
            count.merge(b.name(), 1, Integer::sum);
        }
        if (!(e instanceof Expr.Lambda)) {
            children(e).forEach(c -> countAssignments(c, count, declarations));
        }
    }

    /** Whether {@code e} (or a statement nested in it) names {@code v}: reads it, assigns it or declares it. */
    static boolean mentions(Expr e, String v) {
        if (e instanceof Expr.Name n) {
            return n.name().equals(v);
        }
        if (e instanceof Expr.Let l && binds(l.target(), v) || e instanceof Expr.For f && binds(f.target(), v)) {
            return true;
        }
        for (Expr child : Syntax.children(e)) {
            if (mentions(child, v)) {
                return true;
            }
        }
        return false;
    }

    static boolean binds(delta.parser.ast.Pattern p, String v) {
        return switch (p) {
            case delta.parser.ast.Pattern.Bind b -> b.name().equals(v);
            case delta.parser.ast.Pattern.Tuple t -> t.items().stream().anyMatch(item -> binds(item, v));
        };
    }
}
