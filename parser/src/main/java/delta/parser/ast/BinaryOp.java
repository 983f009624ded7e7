package delta.parser.ast;

/** Binary operators except the short-circuiting and/or, which are {@link Expr.Logical}. */
public enum BinaryOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    FLOOR_DIV("//"),
    MOD("%"),
    POW("**"),
    MATMUL("@"),
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    public final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }
}
