package delta.ad.ir;

/** An operand of the normalized form: a variable or a constant, never a computation. */
public sealed interface Atom {
    record Var(String name) implements Atom {}

    /** A constant, kept as the literal syntax it came from (int, float, str, bool, none). */
    record Const(delta.parser.ast.Expr literal) implements Atom {}
}
