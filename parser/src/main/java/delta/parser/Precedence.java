package delta.parser;

import delta.parser.ast.BinaryOp;

/** Binding powers for the Pratt expression parser, lowest first, and the infix operator table. */
final class Precedence {
    private Precedence() {}

    static final int NONE = 0;
    static final int OR = 1;
    static final int AND = 2;
    static final int NOT = 3;
    static final int COMPARISON = 4;
    static final int ADDITIVE = 5;
    static final int MULTIPLICATIVE = 6;
    static final int UNARY = 7;
    static final int POWER = 8;

    static final int LOWEST = OR;

    /** The binding power of a token used as an infix operator, or {@link #NONE}. */
    static int infix(TokenKind kind) {
        return switch (kind) {
            case OR -> OR;
            case AND -> AND;
            case EQ, NE, LT, LE, GT, GE, IN -> COMPARISON;
            case PLUS, MINUS -> ADDITIVE;
            case STAR, SLASH, SLASH_SLASH, PERCENT, AT -> MULTIPLICATIVE;
            case STAR_STAR -> POWER;
            default -> NONE;
        };
    }

    /** The binary operator an infix or compound-assignment token stands for. */
    static BinaryOp binaryOp(TokenKind kind) {
        return switch (kind) {
            case PLUS, PLUS_ASSIGN -> BinaryOp.ADD;
            case MINUS, MINUS_ASSIGN -> BinaryOp.SUB;
            case STAR, STAR_ASSIGN -> BinaryOp.MUL;
            case SLASH, SLASH_ASSIGN -> BinaryOp.DIV;
            case SLASH_SLASH -> BinaryOp.FLOOR_DIV;
            case PERCENT -> BinaryOp.MOD;
            case STAR_STAR -> BinaryOp.POW;
            case AT -> BinaryOp.MATMUL;
            case EQ -> BinaryOp.EQ;
            case NE -> BinaryOp.NE;
            case LT -> BinaryOp.LT;
            case LE -> BinaryOp.LE;
            case GT -> BinaryOp.GT;
            case GE -> BinaryOp.GE;
            default -> throw new IllegalStateException(kind + " is not a binary operator");
        };
    }
}
