package delta.ad;

import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import java.util.List;

/**
 * Prints a syntax tree as Delta source, so people can read the derivative code the transform
 * generated (derivative_source). Parentheses are written where precedence needs them.
 */
public final class SourcePrinter {
    private final StringBuilder out = new StringBuilder();
    private int indent;

    private SourcePrinter() {}

    public static String print(Expr.Lambda function) {
        SourcePrinter printer = new SourcePrinter();
        printer.function(function);
        return printer.out.toString();
    }

    private void function(Expr.Lambda f) {
        out.append("fn ").append(f.name() == null ? "" : f.name()).append('(').append(params(f)).append(") ");
        block(f.body());
        out.append('\n');
    }

    private static String params(Expr.Lambda f) {
        return String.join(", ", f.params().stream().map(Expr.Param::name).toList());
    }

    private void block(Expr body) {
        List<Expr> items = body instanceof Expr.Block b ? b.items() : List.of(body);
        out.append("{\n");
        indent++;
        for (Expr item : items) {
            out.append("    ".repeat(indent));
            statement(item);
            out.append('\n');
        }
        indent--;
        out.append("    ".repeat(indent)).append('}');
    }

    private void statement(Expr e) {
        switch (e) {
            case Expr.Let let -> {
                out.append("let ").append(pattern(let.target())).append(" = ");
                expr(let.value(), 0);
            }
            case Expr.Assign a -> {
                expr(a.target(), 0);
                out.append(" = ");
                expr(a.value(), 0);
            }
            case Expr.While w -> {
                out.append("while ");
                expr(w.condition(), 0);
                out.append(' ');
                block(w.body());
            }
            case Expr.Break b -> out.append("break");
            case Expr.Continue c -> out.append("continue");
            case Expr.Return r -> {
                out.append("return");
                if (r.value() != null) {
                    out.append(' ');
                    expr(r.value(), 0);
                }
            }
            default -> expr(e, 0);
        }
    }

    private static String pattern(Pattern p) {
        return switch (p) {
            case Pattern.Bind b -> b.name();
            case Pattern.Tuple t -> "(" + String.join(", ", t.items().stream().map(SourcePrinter::pattern).toList()) + ")";
        };
    }

    /** Binding strength of each form, loosest first, as in the parser. */
    private static int precedence(Expr e) {
        return switch (e) {
            case Expr.Lambda l -> 0;
            case Expr.Logical l -> l.isAnd() ? 2 : 1;
            case Expr.Unary u -> u.op() == delta.parser.ast.UnaryOp.NOT ? 3 : 7;
            case Expr.Binary b -> switch (b.op()) {
                case EQ, NE, LT, LE, GT, GE -> 4;
                case ADD, SUB -> 5;
                case MUL, DIV, FLOOR_DIV, MOD, MATMUL -> 6;
                case POW -> 8;
            };
            default -> 9;
        };
    }

    private void expr(Expr e, int context) {
        boolean parens = precedence(e) < context;
        if (parens) {
            out.append('(');
        }
        switch (e) {
            case Expr.IntLit i -> out.append(i.value());
            case Expr.FloatLit f -> out.append(formatFloat(f.value()));
            case Expr.StringLit s -> out.append('"').append(s.value().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            case Expr.BoolLit b -> out.append(b.value());
            case Expr.NoneLit n -> out.append("none");
            case Expr.Name n -> out.append(n.name());
            case Expr.Binary b -> {
                int p = precedence(b);
                boolean rightAssociative = b.op() == delta.parser.ast.BinaryOp.POW;
                expr(b.left(), rightAssociative ? p + 1 : p);
                out.append(' ').append(b.op().symbol).append(' ');
                expr(b.right(), rightAssociative ? p : p + 1);
            }
            case Expr.Unary u -> {
                out.append(u.op() == delta.parser.ast.UnaryOp.NOT ? "not " : "-");
                expr(u.operand(), precedence(u) + 1);
            }
            case Expr.Logical l -> {
                expr(l.left(), precedence(l));
                out.append(l.isAnd() ? " and " : " or ");
                expr(l.right(), precedence(l) + 1);
            }
            case Expr.Call c -> {
                expr(c.callee(), 9);
                out.append('(');
                for (int i = 0; i < c.args().size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    expr(c.args().get(i).value(), 0);
                }
                out.append(')');
            }
            case Expr.Index i -> {
                expr(i.target(), 9);
                out.append('[');
                for (int k = 0; k < i.indices().size(); k++) {
                    if (k > 0) {
                        out.append(", ");
                    }
                    expr(i.indices().get(k), 0);
                }
                out.append(']');
            }
            case Expr.FieldGet f -> {
                expr(f.target(), 9);
                out.append('.').append(f.name());
            }
            case Expr.ListLit l -> items("[", l.items(), "]");
            case Expr.TupleLit t -> items("(", t.items(), t.items().size() == 1 ? ",)" : ")");
            case Expr.RecordLit r -> {
                out.append('{');
                for (int k = 0; k < r.fields().size(); k++) {
                    if (k > 0) {
                        out.append(", ");
                    }
                    out.append(r.fields().get(k).name()).append(": ");
                    expr(r.fields().get(k).value(), 0);
                }
                out.append('}');
            }
            case Expr.Lambda l -> {
                out.append('(').append(params(l)).append(") -> ");
                if (l.body() instanceof Expr.Block) {
                    block(l.body());
                } else {
                    expr(l.body(), 0);
                }
            }
            case Expr.If i -> {
                out.append("if ");
                expr(i.condition(), 0);
                out.append(' ');
                block(i.then());
                if (i.orElse() != null && !(i.orElse() instanceof Expr.Block b && b.items().isEmpty())) {
                    out.append(" else ");
                    if (i.orElse() instanceof Expr.If) {
                        expr(i.orElse(), 0);
                    } else {
                        block(i.orElse());
                    }
                }
            }
            case Expr.Block b -> block(b);
            default -> statement(e);
        }
        if (parens) {
            out.append(')');
        }
    }

    private void items(String open, List<Expr> items, String close) {
        out.append(open);
        for (int k = 0; k < items.size(); k++) {
            if (k > 0) {
                out.append(", ");
            }
            expr(items.get(k), 0);
        }
        out.append(close);
    }

    private static String formatFloat(double d) {
        String s = Double.toString(d);
        return s.contains("E") ? String.format("%.17g", d) : s;
    }
}
