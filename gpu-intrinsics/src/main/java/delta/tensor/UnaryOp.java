package delta.tensor;

/**
 * Element-wise operations of one tensor. All compute in the operand's floating type
 * ({@link DType#floating}) except the predicates ({@link #isPredicate}), which give
 * {@link DType#BOOL}: {@link #NOT} is true where the operand is zero. {@link #SIGN} is there because it is the derivative of {@link #ABS}.
 */
public enum UnaryOp {
    NEG("neg"),
    EXP("exp"),
    LOG("log"),
    /** log(1 + x) and e^x - 1, accurate where x is near 0 (Math.log1p, Math.expm1). */
    LOG1P("log1p"),
    EXPM1("expm1"),
    SQRT("sqrt"),
    SIN("sin"),
    COS("cos"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    RELU("relu"),
    ABS("abs"),
    SIGN("sign"),
    /** Rounding to an integral value, kept in the floating type (NumPy's floor, ceil, rint: halves to even). */
    FLOOR("floor"),
    CEIL("ceil"),
    ROUND("round"),
    /** Tests of each element, giving {@link DType#BOOL}: nan, an infinity, neither. */
    ISNAN("isnan"),
    ISINF("isinf"),
    ISFINITE("isfinite"),
    NOT("logical_not");

    private final String label;

    UnaryOp(String label) {
        this.label = label;
    }

    /** The operation's name in messages and in the language. */
    public String label() {
        return label;
    }

    /** Whether the result is {@link DType#BOOL} (0 or 1). */
    public boolean isPredicate() {
        return this == NOT || this == ISNAN || this == ISINF || this == ISFINITE;
    }

    /** The result type for an operand of type {@code t}. */
    public DType resultType(DType t) {
        return isPredicate() ? DType.BOOL : DType.floating(t);
    }

    /** The scalar definition: kernels must agree with it (tests check them against it). */
    public double apply(double x) {
        return switch (this) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case SQRT -> Math.sqrt(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> Math.max(x, 0.0); // NaN stays NaN, as in PyTorch
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ROUND -> Math.rint(x);
            case ISNAN -> Double.isNaN(x) ? 1 : 0;
            case ISINF -> Double.isInfinite(x) ? 1 : 0;
            case ISFINITE -> Double.isFinite(x) ? 1 : 0;
            case NOT -> x == 0 ? 1 : 0;
        };
    }

    /** 1/(1+e^-x): for very negative x, e^-x overflows to infinity and the result is 0, as it should be. */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
