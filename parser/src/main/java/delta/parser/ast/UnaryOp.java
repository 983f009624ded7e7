package delta.parser.ast;

public enum UnaryOp {
    NEG("-"),
    NOT("not");

    public final String symbol;

    UnaryOp(String symbol) {
        this.symbol = symbol;
    }
}
