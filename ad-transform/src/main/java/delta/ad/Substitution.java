package delta.ad;

import delta.parser.ast.BinaryOp;
import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import java.util.List;
import java.util.Map;

/**
 * Instantiates a rule's expression: replaces its argument names by the expressions they stand for,
 * and gives every node of the rule the span of the primitive's use, so errors and profiles of
 * derivative code point at the user's source.
 */
final class Substitution {
    private Substitution() {}

    static Expr apply(Expr e, Map<String, Expr> bindings, Span at) {
        return switch (e) {
            case Expr.Name n -> bindings.containsKey(n.name()) ? bindings.get(n.name()) : new Expr.Name(n.name(), at);
            case Expr.Binary b -> fold(b.op(), apply(b.left(), bindings, at), apply(b.right(), bindings, at), at);
            case Expr.Unary u -> new Expr.Unary(u.op(), apply(u.operand(), bindings, at), at);
            case Expr.Logical l -> new Expr.Logical(l.isAnd(), apply(l.left(), bindings, at), apply(l.right(), bindings, at), at);
            case Expr.Call c -> new Expr.Call(apply(c.callee(), bindings, at),
                            c.args().stream().map(a -> new Expr.Arg(a.name(), apply(a.value(), bindings, at), at)).toList(), at);
            case Expr.If i -> new Expr.If(apply(i.condition(), bindings, at), (Expr.Block) apply(i.then(), bindings, at),
                            i.orElse() == null ? null : apply(i.orElse(), bindings, at), at);
            case Expr.Block b -> new Expr.Block(applyAll(b.items(), bindings, at), at);
            case Expr.TupleLit t -> new Expr.TupleLit(applyAll(t.items(), bindings, at), at);
            case Expr.ListLit l -> new Expr.ListLit(applyAll(l.items(), bindings, at), at);
            case Expr.IntLit i -> new Expr.IntLit(i.value(), at);
            case Expr.FloatLit f -> new Expr.FloatLit(f.value(), at);
            case Expr.BoolLit b -> new Expr.BoolLit(b.value(), at);
            case Expr.StringLit s -> new Expr.StringLit(s.value(), at);
            case Expr.NoneLit n -> new Expr.NoneLit(at);
            default -> throw new IllegalArgumentException("derivative rules may not contain " + e.getClass().getSimpleName());
        };
    }

    /**
     * Folds what a rule leaves over once its arguments are constants: int arithmetic, and {@code x ** 1}.
     * The rule of {@code x ** 2} is {@code 2 * x ** (2 - 1)}, which compiled to a call of Math.pow per
     * use in the reverse sweep; folded it is {@code 2 * x}.
     */
    private static Expr fold(BinaryOp op, Expr left, Expr right, Span at) {
        if (left instanceof Expr.IntLit a && right instanceof Expr.IntLit b) {
            try {
                switch (op) {
                    case ADD:
                        return new Expr.IntLit(Math.addExact(a.value(), b.value()), at);
                    case SUB:
                        return new Expr.IntLit(Math.subtractExact(a.value(), b.value()), at);
                    case MUL:
                        return new Expr.IntLit(Math.multiplyExact(a.value(), b.value()), at);
                    default:
                        break;
                }
            } catch (ArithmeticException overflow) {
                // Left to run, and to fail, as written.
            }
        }
        // x ** 1 is x for every number x, int or float.
        if (op == BinaryOp.POW && right instanceof Expr.IntLit one && one.value() == 1) {
            return left;
        }
        return new Expr.Binary(op, left, right, at, at);
    }

    private static List<Expr> applyAll(List<Expr> items, Map<String, Expr> bindings, Span at) {
        return items.stream().map(x -> apply(x, bindings, at)).toList();
    }
}
