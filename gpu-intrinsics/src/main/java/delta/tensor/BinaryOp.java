package delta.tensor;

/**
 * Element-wise operations of two tensors with NumPy broadcasting. Arithmetic computes in
 * {@link DType#promote}; comparisons and the logical operations give {@link DType#BOOL}
 * (0 or 1), the type {@code where} takes as its condition. {@code maximum} and {@code minimum}
 * propagate NaN, as NumPy's do.
 */
public enum BinaryOp {
    ADD("add"),
    SUB("sub"),
    MUL("mul"),
    DIV("div"),
    POW("pow"),
    MAXIMUM("maximum"),
    MINIMUM("minimum"),
    /** {@code %}: the remainder of floor division, with the divisor's sign (Python, NumPy's remainder). */
    REMAINDER("remainder"),
    /** {@code //}: the quotient rounded toward negative infinity (Python's and NumPy's floor division). */
    FLOOR_DIVIDE("floor_divide"),
    EQ("eq"),
    NE("ne"),
    LT("lt"),
    LE("le"),
    GT("gt"),
    GE("ge"),
    AND("logical_and"),
    OR("logical_or");

    private final String label;

    BinaryOp(String label) {
        this.label = label;
    }

    /** The operation's name in messages and in the language. */
    public String label() {
        return label;
    }

    /** Whether the result is {@link DType#BOOL}. */
    public boolean isPredicate() {
        return ordinal() >= EQ.ordinal();
    }

    /** The result type for operands of types {@code a} and {@code b}. */
    public DType resultType(DType a, DType b) {
        return isPredicate() ? DType.BOOL : DType.promote(a, b);
    }

    /**
     * {@code x % y} with the sign of {@code y}, as Python's and NumPy's {@code %}: Java's {@code %}
     * (C's fmod, the sign of {@code x}), moved into {@code y}'s side when the signs differ; a zero
     * remainder takes {@code y}'s sign. A zero {@code y} gives nan.
     */
    public static double remainder(double x, double y) {
        double r = x % y;
        if (r == 0 && y != 0) {
            return Math.copySign(0.0, y);
        }
        return r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }

    /** {@link #remainder(double, double)} computed in f32. */
    public static float remainder(float x, float y) {
        float r = x % y;
        if (r == 0 && y != 0) {
            return Math.copySign(0.0f, y);
        }
        return r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }

    /**
     * {@code x // y} as Python and NumPy compute it: {@code (x - x % y) / y} (nearly an integer),
     * one less where the remainder moves to {@code y}'s side, then snapped to the nearest integer.
     * Not {@code floor(x / y)}, whose rounded quotient can reach the next integer: {@code 1.0 // 0.1}
     * is 9.0, and {@code (x // y) * y + x % y} is x up to rounding. A zero {@code y} gives {@code x / y}.
     */
    public static double floorDivide(double x, double y) {
        if (y == 0) {
            return x / y;
        }
        double mod = x % y;
        double div = (x - mod) / y;
        if (mod != 0 && (y < 0) != (mod < 0)) {
            div -= 1.0;
        }
        if (div == 0) {
            return Math.copySign(0.0, x / y);
        }
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1.0 : floor;
    }

    /** {@link #floorDivide(double, double)} computed in f32. */
    public static float floorDivide(float x, float y) {
        if (y == 0) {
            return x / y;
        }
        float mod = x % y;
        float div = (x - mod) / y;
        if (mod != 0 && (y < 0) != (mod < 0)) {
            div -= 1.0f;
        }
        if (div == 0) {
            return Math.copySign(0.0f, x / y);
        }
        float floor = (float) Math.floor(div);
        return div - floor > 0.5f ? floor + 1.0f : floor;
    }

    /** The scalar definition: kernels must agree with it (tests check them against it). */
    public double apply(double x, double y) {
        return switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> Math.pow(x, y);
            case MAXIMUM -> Math.max(x, y);
            case MINIMUM -> Math.min(x, y);
            case REMAINDER -> remainder(x, y);
            case FLOOR_DIVIDE -> floorDivide(x, y);
            case EQ -> x == y ? 1 : 0;
            case NE -> x != y ? 1 : 0;
            case LT -> x < y ? 1 : 0;
            case LE -> x <= y ? 1 : 0;
            case GT -> x > y ? 1 : 0;
            case GE -> x >= y ? 1 : 0;
            case AND -> x != 0 && y != 0 ? 1 : 0;
            case OR -> x != 0 || y != 0 ? 1 : 0;
        };
    }
}
