package delta.tensor;

/**
 * Reductions along axes. Results are floating ({@link DType#floating} of the input): the sum
 * of a BOOL mask is its count as F64. {@code MAX} and {@code MIN} propagate NaN and fail on an
 * empty reduction; {@code LOGSUMEXP} subtracts the maximum first so it never overflows.
 */
public enum ReduceOp {
    SUM("sum"),
    MEAN("mean"),
    MAX("max"),
    MIN("min"),
    LOGSUMEXP("logsumexp");

    private final String label;

    ReduceOp(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
