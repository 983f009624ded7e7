package delta.ad;

import delta.ad.ir.Atom;
import delta.ad.ir.Op;
import delta.parser.ast.BinaryOp;
import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import delta.parser.ast.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/** Turns normalized operations back into Delta syntax: the forward computation both modes share. */
final class Emit {
    private Emit() {}

    static Expr atom(Atom a, Span span) {
        return switch (a) {
            case Atom.Var v -> new Expr.Name(v.name(), span);
            case Atom.Const c -> c.literal();
        };
    }

    static List<Expr> atoms(List<Atom> atoms, Span span) {
        List<Expr> out = new ArrayList<>();
        for (Atom a : atoms) {
            out.add(atom(a, span));
        }
        return out;
    }

    /** The plain evaluation of an operation (calls of user functions included). */
    static Expr op(Op op, Span span) {
        return switch (op) {
            case Op.Prim p -> primitive(p.name(), atoms(p.args(), span), span);
            case Op.Opaque o -> primitive(o.name(), atoms(o.args(), span), span);
            case Op.Call c -> Syntax.call(atom(c.callee(), span), span, atoms(c.args(), span).toArray(Expr[]::new));
            case Op.Copy c -> atom(c.value(), span);
            case Op.Field f -> new Expr.FieldGet(atom(f.target(), span), f.name(), span);
            case Op.Index i -> new Expr.Index(atom(i.target(), span), List.of(atom(i.index(), span)), span);
            case Op.Build b -> switch (b.kind()) {
                case LIST -> new Expr.ListLit(atoms(b.items(), span), span);
                case TUPLE -> new Expr.TupleLit(atoms(b.items(), span), span);
                case RECORD -> {
                    List<Expr.RecordLit.Field> fields = new ArrayList<>();
                    for (int k = 0; k < b.items().size(); k++) {
                        fields.add(new Expr.RecordLit.Field(b.names().get(k), atom(b.items().get(k), span), span));
                    }
                    yield new Expr.RecordLit(fields, span);
                }
            };
            case Op.Verbatim v -> v.code();
            case Op.Closure c -> c.lambda();
        };
    }

    /** An operator or builtin applied to arguments, by the name the normalizer gave it. */
    static Expr primitive(String name, List<Expr> args, Span span) {
        for (BinaryOp op : BinaryOp.values()) {
            if (op.symbol.equals(name) && args.size() == 2) {
                return new Expr.Binary(op, args.get(0), args.get(1), span, span);
            }
        }
        return switch (name) {
            case "neg" -> new Expr.Unary(UnaryOp.NEG, args.get(0), span);
            case "not" -> new Expr.Unary(UnaryOp.NOT, args.get(0), span);
            case "and" -> new Expr.Logical(true, args.get(0), args.get(1), span);
            case "or" -> new Expr.Logical(false, args.get(0), args.get(1), span);
            case "$index" -> new Expr.Index(args.get(0), List.of(args.get(1)), span);
            default -> Syntax.call(name, span, args.toArray(Expr[]::new));
        };
    }

    static Expr add(Expr a, Expr b, Span span) {
        return new Expr.Binary(BinaryOp.ADD, a, b, span, span);
    }

    static Expr mul(Expr a, Expr b, Span span) {
        if (a instanceof Expr.FloatLit f && f.value() == 1.0) {
            return b;
        }
        if (b instanceof Expr.FloatLit f && f.value() == 1.0) {
            return a;
        }
        Expr selected = select(b, a, span);
        if (selected == null) {
            selected = select(a, b, span);
        }
        return selected != null ? selected : new Expr.Binary(BinaryOp.MUL, a, b, span, span);
    }

    /**
     * {@code g * mask} as a selection when {@code mask} is a {@code where} of 1.0 and 0.0 (nested
     * wheres included), the form of the partials of relu, maximum, minimum, clip and where itself:
     * {@code g * where(c, 1.0, 0.0)} is {@code where(c, g, 0.0)}. One pass instead of two, and the
     * result has g's dtype: the mask alone, made of two numbers, is an f64 tensor, which turned an f32
     * training step's adjoints (and then its matrix products) into f64. Where g is infinite or NaN
     * the selection gives 0.0 where the product gave NaN, as JAX's and PyTorch's rules do. Null when
     * {@code mask} is not such a where.
     */
    private static Expr select(Expr mask, Expr g, Span span) {
        if (mask instanceof Expr.FloatLit f && (f.value() == 1.0 || f.value() == 0.0)) {
            return f.value() == 1.0 ? g : f;
        }
        if (mask instanceof Expr.Call c && c.callee() instanceof Expr.Name n && n.name().equals("where") && c.args().size() == 3
                        && c.args().stream().allMatch(arg -> arg.name() == null)) {
            Expr ifTrue = select(c.args().get(1).value(), g, span);
            Expr ifFalse = ifTrue == null ? null : select(c.args().get(2).value(), g, span);
            if (ifFalse != null) {
                return Syntax.call("where", span, c.args().get(0).value(), ifTrue, ifFalse);
            }
        }
        return null;
    }

    static Expr str(String s, Span span) {
        return new Expr.StringLit(s, span);
    }

    /**
     * {@code while cond { body }} for a normalized loop whose test statements compute cond: the test
     * is emitted before the loop (by {@code testBefore}, into the enclosing statements) and again at
     * the end of the body (by {@code testAtEnd}, after {@code body}). Statements run in the same order
     * as {@code while true { test; if not cond { break }; body }}, but compiled code gets a loop with
     * its condition, which ran the forward sweep of Rosenbrock's derivative about twice as fast.
     */
    static Expr rotatedLoop(delta.ad.ir.Stmt.Loop loop, java.util.function.Consumer<List<delta.ad.ir.Stmt>> testBefore, List<Expr> body,
                    java.util.function.Consumer<List<delta.ad.ir.Stmt>> testAtEnd, Span span) {
        testBefore.accept(loop.test());
        testAtEnd.accept(loop.test());
        return new Expr.While(atom(loop.condition(), span), Syntax.block(body, span), span);
    }
}
