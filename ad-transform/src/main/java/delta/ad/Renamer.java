package delta.ad;

import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renames the free variables of a function literal: a closure inside differentiated code must use
 * the unique names the normalizer gave the enclosing function's variables. Names bound inside the
 * literal (its parameters, lets, for targets, inner functions) shadow the renaming from where they
 * are bound, as in the language.
 */
final class Renamer {
    private Renamer() {}

    static Expr.Lambda rename(Expr.Lambda lambda, Map<String, String> renames) {
        Map<String, String> inner = new HashMap<>(renames);
        lambda.params().forEach(p -> inner.remove(p.name()));
        return new Expr.Lambda(lambda.name(), lambda.params(), expr(lambda.body(), inner), lambda.span());
    }

    private static Expr expr(Expr e, Map<String, String> m) {
        if (m.isEmpty()) {
            return e;
        }
        return switch (e) {
            case Expr.Name n -> m.containsKey(n.name()) ? new Expr.Name(m.get(n.name()), n.span()) : n;
            case Expr.ListLit l -> new Expr.ListLit(all(l.items(), m), l.span());
            case Expr.TupleLit t -> new Expr.TupleLit(all(t.items(), m), t.span());
            case Expr.RecordLit r -> new Expr.RecordLit(r.fields().stream()
                            .map(f -> new Expr.RecordLit.Field(f.name(), expr(f.value(), m), f.span())).toList(), r.span());
            case Expr.Unary u -> new Expr.Unary(u.op(), expr(u.operand(), m), u.span());
            case Expr.Binary b -> new Expr.Binary(b.op(), expr(b.left(), m), expr(b.right(), m), b.span(), b.opSpan());
            case Expr.Logical l -> new Expr.Logical(l.isAnd(), expr(l.left(), m), expr(l.right(), m), l.span());
            case Expr.Call c -> new Expr.Call(expr(c.callee(), m),
                            c.args().stream().map(a -> new Expr.Arg(a.name(), expr(a.value(), m), a.span())).toList(), c.span());
            case Expr.Index i -> new Expr.Index(expr(i.target(), m), all(i.indices(), m), i.span());
            case Expr.Slice s -> new Expr.Slice(optional(s.lo(), m), optional(s.hi(), m), optional(s.step(), m), s.span());
            case Expr.FieldGet f -> new Expr.FieldGet(expr(f.target(), m), f.name(), f.span());
            case Expr.Lambda l -> rename(l, m);
            case Expr.Return r -> new Expr.Return(optional(r.value(), m), r.span());
            case Expr.Assign a -> new Expr.Assign(expr(a.target(), m), expr(a.value(), m), a.span());
            case Expr.If i -> new Expr.If(expr(i.condition(), m), (Expr.Block) expr(i.then(), m), optional(i.orElse(), m), i.span());
            case Expr.While w -> new Expr.While(expr(w.condition(), m), (Expr.Block) expr(w.body(), m), w.span());
            case Expr.For f -> {
                Map<String, String> body = new HashMap<>(m);
                unbind(f.target(), body);
                yield new Expr.For(f.target(), expr(f.iterable(), m), (Expr.Block) expr(f.body(), body), f.span());
            }
            case Expr.Block b -> new Expr.Block(block(b.items(), new HashMap<>(m)), b.span());
            case Expr.Let let -> throw new IllegalStateException("let outside a block");
            case Expr.FnDecl d -> throw new IllegalStateException("fn outside a block");
            default -> e;
        };
    }

    /** Block items in order: a let or fn hides the renaming for the items after it. */
    private static List<Expr> block(List<Expr> items, Map<String, String> m) {
        List<Expr> out = new ArrayList<>();
        for (Expr item : items) {
            if (item instanceof Expr.Let let) {
                out.add(new Expr.Let(let.target(), expr(let.value(), m), let.span()));
                unbind(let.target(), m);
            } else if (item instanceof Expr.FnDecl d) {
                m.remove(d.name());
                out.add(new Expr.FnDecl(d.name(), rename(d.function(), m), d.span()));
            } else {
                out.add(expr(item, m));
            }
        }
        return out;
    }

    private static void unbind(Pattern p, Map<String, String> m) {
        switch (p) {
            case Pattern.Bind b -> m.remove(b.name());
            case Pattern.Tuple t -> t.items().forEach(item -> unbind(item, m));
        }
    }

    private static List<Expr> all(List<Expr> items, Map<String, String> m) {
        return items.stream().map(x -> expr(x, m)).toList();
    }

    private static Expr optional(Expr e, Map<String, String> m) {
        return e == null ? null : expr(e, m);
    }
}
