package delta.tensor;

/**
 * An error a user can cause with a tensor operation: mismatched shapes, bad axes, indices out
 * of range. The message starts with the operation's name and names every shape involved, e.g.
 * {@code matmul: shapes [3, 4] and [5, 2] do not align (4 != 5)}; the language adds the source
 * location.
 */
public final class TensorError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String op;

    public TensorError(String op, String detail) {
        super(op + ": " + detail);
        this.op = op;
    }

    /** The operation that failed, e.g. {@code matmul}. */
    public String op() {
        return op;
    }
}
