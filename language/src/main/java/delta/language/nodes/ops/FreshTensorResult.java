package delta.language.nodes.ops;

/**
 * An operator whose tensor results are always new tensors (arithmetic, matmul). When such a node
 * is the operand of another operator, its result is a temporary that nothing but that operator
 * ever sees, so the operator may write its own result into the temporary's storage instead of
 * allocating: {@code a * b + c} then allocates once. Operators that can return an operand
 * ({@code and}, {@code or}) must not implement this.
 */
public interface FreshTensorResult {
}
