package delta.tensor;

/**
 * Element types. {@code F32} and {@code F64} are the numeric types of the language;
 * {@code I64} holds indices (the result of argmax, the input of gather and one_hot) and
 * {@code BOOL} holds the result of comparisons, so that a mask cannot be mistaken for data.
 *
 * <p>On the CPU, F32 is stored as {@code float[]}, F64 as {@code double[]}, I64 as
 * {@code long[]} and BOOL as {@code byte[]} (0 or 1).
 *
 * <p>Promotion (see {@link #promote}): arithmetic always computes in a floating type. F64 wins
 * over F32; I64 and BOOL operands take the floating type of the other operand, or F64 when
 * neither operand is floating. So {@code f32 + f64 -> f64}, {@code f32 + bool -> f32},
 * {@code i64 + i64 -> f64}.
 */
public enum DType {
    F32("f32", 4),
    F64("f64", 8),
    I64("i64", 8),
    BOOL("bool", 1);

    private final String label;
    private final int byteSize;

    DType(String label, int byteSize) {
        this.label = label;
        this.byteSize = byteSize;
    }

    /** The name used in messages and by the language: {@code f32}, {@code f64}, {@code i64}, {@code bool}. */
    public String label() {
        return label;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloating() {
        return this == F32 || this == F64;
    }

    /** The floating type an arithmetic operation on {@code a} and {@code b} computes in. */
    public static DType promote(DType a, DType b) {
        if (a == F64 || b == F64) {
            return F64;
        }
        if (a == F32 || b == F32) {
            return F32;
        }
        return F64;
    }

    /** The floating type a unary math operation on {@code a} computes in. */
    public static DType floating(DType a) {
        return a == F32 ? F32 : F64;
    }

    /** Parses {@link #label()}; also accepts the enum names. */
    public static DType of(String name) {
        for (DType t : values()) {
            if (t.label.equals(name) || t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "' (expected f32, f64, i64 or bool)");
    }

    @Override
    public String toString() {
        return label;
    }
}
