package delta.parser;

import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a tree with every operator application in parentheses, so tests can state precedence
 * and associativity as plain strings: {@code 1 + 2 * 3} renders as {@code (1 + (2 * 3))}.
 */
final class TreePrinter {
    private TreePrinter() {}

    /** A program's items joined by "; ", without the braces of its Block. */
    static String program(Expr.Block program) {
        return join(program.items(), "; ");
    }

    static String print(Expr e) {
        return switch (e) {
            case null -> "<null>";
            case Expr.IntLit x -> Long.toString(x.value());
            case Expr.FloatLit x -> Double.toString(x.value());
            case Expr.StringLit x -> quote(x.value());
            case Expr.BoolLit x -> Boolean.toString(x.value());
            case Expr.NoneLit x -> "none";
            case Expr.ListLit x -> "[" + join(x.items(), ", ") + "]";
            case Expr.TupleLit x -> x.items().size() == 1 ? "(" + print(x.items().getFirst()) + ",)" : "(" + join(x.items(), ", ") + ")";
            case Expr.RecordLit x -> "{" + x.fields().stream().map(f -> f.name() + ": " + print(f.value()))
                    .collect(Collectors.joining(", ")) + "}";
            case Expr.Name x -> x.name();
            case Expr.Unary x -> "(" + x.op().symbol + (x.op().symbol.equals("not") ? " " : "") + print(x.operand()) + ")";
            case Expr.Binary x -> "(" + print(x.left()) + " " + x.op().symbol + " " + print(x.right()) + ")";
            case Expr.Logical x -> "(" + print(x.left()) + (x.isAnd() ? " and " : " or ") + print(x.right()) + ")";
            case Expr.Call x -> print(x.callee()) + "(" + x.args().stream()
                    .map(a -> (a.name() == null ? "" : a.name() + "=") + print(a.value()))
                    .collect(Collectors.joining(", ")) + ")";
            case Expr.Index x -> print(x.target()) + "[" + join(x.indices(), ", ") + "]";
            case Expr.Slice x -> part(x.lo()) + ":" + part(x.hi()) + (x.step() == null ? "" : ":" + print(x.step()));
            case Expr.FieldGet x -> print(x.target()) + "." + x.name();
            case Expr.Lambda x -> x.name() == null
                    ? "(" + params(x.params()) + " -> " + print(x.body()) + ")"
                    : "<fn " + x.name() + params(x.params()) + " " + print(x.body()) + ">";
            case Expr.FnDecl x -> "fn " + x.name() + params(x.function().params()) + " " + print(x.function().body());
            case Expr.Return x -> x.value() == null ? "return" : "return " + print(x.value());
            case Expr.Let x -> "let " + pattern(x.target()) + " = " + print(x.value());
            case Expr.Assign x -> print(x.target()) + " = " + print(x.value());
            case Expr.Block x -> "{" + join(x.items(), "; ") + "}";
            case Expr.If x -> "if " + print(x.condition()) + " " + print(x.then())
                    + (x.orElse() == null ? "" : " else " + print(x.orElse()));
            case Expr.While x -> "while " + print(x.condition()) + " " + print(x.body());
            case Expr.For x -> "for " + pattern(x.target()) + " in " + print(x.iterable()) + " " + print(x.body());
            case Expr.Break x -> "break";
            case Expr.Continue x -> "continue";
            case Expr.Import x -> "import " + (x.path() != null ? quote(x.path()) : x.module()) + " as " + x.binding();
        };
    }

    static String pattern(Pattern p) {
        return switch (p) {
            case Pattern.Bind b -> b.name();
            case Pattern.Tuple t -> t.items().size() == 1
                    ? "(" + pattern(t.items().getFirst()) + ",)"
                    : "(" + t.items().stream().map(TreePrinter::pattern).collect(Collectors.joining(", ")) + ")";
        };
    }

    private static String params(List<Expr.Param> params) {
        return "(" + params.stream().map(Expr.Param::name).collect(Collectors.joining(", ")) + ")";
    }

    private static String part(Expr e) {
        return e == null ? "" : print(e);
    }

    private static String join(List<Expr> items, String separator) {
        return items.stream().map(TreePrinter::print).collect(Collectors.joining(separator));
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}
