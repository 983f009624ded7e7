package delta.tensor;

/**
 * An element-wise expression over tensors and numbers, such as {@code 100 * (a - b ** 2) ** 2},
 * that a backend evaluates as one operation ({@link Backend#fused}): the CPU backend walks the
 * result once, computing each stretch of elements through every operator in buffers that stay in
 * cache, where evaluating operator by operator writes and reads back a full-size temporary per
 * operator. Every tensor in it has the expression's dtype (F32 or F64); numbers are converted to
 * it, as a number meeting a tensor is. Each node knows its shape, the broadcast of its operands'.
 */
public sealed interface Fused {
    Shape shape();

    /** A tensor operand (any view; broadcast to the shape where it is used). */
    record Leaf(Tensor tensor) implements Fused {
        @Override
        public Shape shape() {
            return tensor.shape();
        }
    }

    /** A number operand. */
    record Scalar(double value) implements Fused {
        @Override
        public Shape shape() {
            return Shape.SCALAR;
        }
    }

    /** {@code left op right} for an arithmetic op (add, sub, mul, div, pow). */
    record Binary(BinaryOp op, Fused left, Fused right, Shape shape) implements Fused {}

    /** {@code -operand}. */
    record Negate(Fused operand) implements Fused {
        @Override
        public Shape shape() {
            return operand.shape();
        }
    }

    /** The number of operators in {@code e}. */
    static int operators(Fused e) {
        return switch (e) {
            case Leaf l -> 0;
            case Scalar s -> 0;
            case Binary b -> 1 + operators(b.left()) + operators(b.right());
            case Negate n -> 1 + operators(n.operand());
        };
    }

    /**
     * {@code e} computed operator by operator with the backend's own binary and unary operations,
     * each writing into its operand's storage where that operand is a temporary of this evaluation:
     * for backends without a fused kernel, and the definition the fused kernels agree with.
     */
    static Tensor stepwise(Backend backend, Fused e, DType dtype) {
        return switch (e) {
            case Leaf l -> l.tensor();
            case Scalar s -> backend.full(Shape.SCALAR, dtype, s.value());
            case Binary b -> {
                Tensor left = stepwise(backend, b.left(), dtype);
                Tensor right = stepwise(backend, b.right(), dtype);
                Tensor scratch = isOperator(b.left()) ? left : isOperator(b.right()) ? right : null;
                yield backend.binary(b.op(), left, right, scratch);
            }
            case Negate n -> {
                Tensor x = stepwise(backend, n.operand(), dtype);
                yield backend.unary(UnaryOp.NEG, x, isOperator(n.operand()) ? x : null);
            }
        };
    }

    private static boolean isOperator(Fused e) {
        return e instanceof Binary || e instanceof Negate;
    }
}
