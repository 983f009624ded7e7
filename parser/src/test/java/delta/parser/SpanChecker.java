package delta.parser;

import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import delta.parser.ast.Span;
import java.util.ArrayList;
import java.util.List;

/** Checks that every span in a tree lies within the text and within its parent's span. */
final class SpanChecker {
    private SpanChecker() {}

    static void check(Expr.Block program, int textLength) {
        if (program.span().start() != 0 || program.span().end() != textLength) {
            throw new AssertionError("program span " + program.span() + " for length " + textLength);
        }
        check(program, program.span());
    }

    private static void check(Expr e, Span parent) {
        if (e == null) {
            return;
        }
        within(e.span(), parent, e);
        List<Expr> children = new ArrayList<>();
        List<Span> extra = new ArrayList<>();
        switch (e) {
            case Expr.IntLit x -> {}
            case Expr.FloatLit x -> {}
            case Expr.StringLit x -> {}
            case Expr.BoolLit x -> {}
            case Expr.NoneLit x -> {}
            case Expr.Name x -> {}
            case Expr.Break x -> {}
            case Expr.Continue x -> {}
            case Expr.Import x -> {}
            case Expr.ListLit x -> children.addAll(x.items());
            case Expr.TupleLit x -> children.addAll(x.items());
            case Expr.RecordLit x -> x.fields().forEach(f -> {
                extra.add(f.span());
                children.add(f.value());
            });
            case Expr.Unary x -> children.add(x.operand());
            case Expr.Binary x -> {
                children.add(x.left());
                children.add(x.right());
                extra.add(x.opSpan());
            }
            case Expr.Logical x -> {
                children.add(x.left());
                children.add(x.right());
            }
            case Expr.Call x -> {
                children.add(x.callee());
                x.args().forEach(a -> {
                    extra.add(a.span());
                    children.add(a.value());
                });
            }
            case Expr.Index x -> {
                children.add(x.target());
                children.addAll(x.indices());
            }
            case Expr.Slice x -> {
                children.add(x.lo());
                children.add(x.hi());
                children.add(x.step());
            }
            case Expr.FieldGet x -> children.add(x.target());
            case Expr.Lambda x -> {
                x.params().forEach(p -> extra.add(p.span()));
                children.add(x.body());
            }
            case Expr.FnDecl x -> children.add(x.function());
            case Expr.Return x -> children.add(x.value());
            case Expr.Let x -> {
                pattern(x.target(), e.span());
                children.add(x.value());
            }
            case Expr.Assign x -> {
                children.add(x.target());
                children.add(x.value());
            }
            case Expr.Block x -> children.addAll(x.items());
            case Expr.If x -> {
                children.add(x.condition());
                children.add(x.then());
                children.add(x.orElse());
            }
            case Expr.While x -> {
                children.add(x.condition());
                children.add(x.body());
            }
            case Expr.For x -> {
                pattern(x.target(), e.span());
                children.add(x.iterable());
                children.add(x.body());
            }
        }
        for (Span s : extra) {
            within(s, e.span(), e);
        }
        for (Expr child : children) {
            check(child, e.span());
        }
    }

    private static void pattern(Pattern p, Span parent) {
        within(p.span(), parent, p);
        if (p instanceof Pattern.Tuple t) {
            t.items().forEach(item -> pattern(item, p.span()));
        }
    }

    private static void within(Span child, Span parent, Object node) {
        if (child.start() < parent.start() || child.end() > parent.end()) {
            throw new AssertionError("span " + child + " of " + node.getClass().getSimpleName()
                    + " is outside its parent's " + parent);
        }
    }
}
