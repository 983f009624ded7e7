package delta.language.tensor;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import delta.tensor.Backend;
import delta.tensor.BinaryOp;
import delta.tensor.CpuBackend;
import delta.tensor.DType;
import delta.tensor.Device;
import delta.tensor.Fused;
import delta.tensor.Shape;
import delta.tensor.TensorError;
import delta.tensor.UnaryOp;

/**
 * Chains of element-wise arithmetic on tensors, computed as one expression. An operator whose
 * result feeds another arithmetic operator returns a {@link PendingTensor} instead of computing;
 * the outermost one hands the whole expression to the backend ({@code Backend.fused}), which on
 * the CPU walks the result once instead of once per operator. What fuses: + - * / and negation of
 * CPU tensors of one dtype (f32 or f64) and numbers, and ** by a number. Anything else computes
 * its operands first and runs as before, so results, dtypes and error messages (each checked at
 * the operator that raises it, when it runs) stay as they were operator by operator.
 */
public final class ElementwiseFusion {
    /** Operators per fused expression, beyond which the expression so far is computed (bounds buffers and recursion). */
    private static final int MAX_OPERATORS = 24;

    private ElementwiseFusion() {}

    /** A tensor, or a pending tensor expression: what the arithmetic operators pass to the tensor paths. */
    public static boolean isTensorLike(Object value) {
        return value instanceof DeltaTensor || value instanceof PendingTensor;
    }

    /** {@code a op b} whose result feeds another arithmetic operator: pending where it fuses. */
    @TruffleBoundary
    public static Object pending(BinaryOp op, Object a, Object b, Object scratch, Node site) {
        Fused left = operand(a), right = operand(b);
        DType dtype = commonType(a, b);
        if (left != null && right != null && dtype != null && fuses(op, right)
                        && Fused.operators(left) + Fused.operators(right) < MAX_OPERATORS) {
            try {
                return new PendingTensor(new Fused.Binary(op, left, right, Shape.broadcast(op.label(), left.shape(), right.shape())), dtype);
            } catch (TensorError e) {
                throw TensorSupport.error(site, e);
            }
        }
        return computed(op, a, b, scratch, site);
    }

    /** {@code a op b} computed now (its result goes elsewhere), with any pending operand computed in the same pass. */
    @TruffleBoundary
    public static DeltaTensor now(BinaryOp op, Object a, Object b, Object scratch, Node site) {
        if (a instanceof PendingTensor || b instanceof PendingTensor) {
            Object result = pending(op, a, b, scratch, site);
            return result instanceof PendingTensor p ? compute(p) : (DeltaTensor) result;
        }
        return TensorSupport.binary(op, a, b, scratch, site);
    }

    /** {@code -x}, pending when {@code feeds} (its result goes into another arithmetic operator) and it fuses. */
    @TruffleBoundary
    public static Object negate(Object x, boolean feeds, DeltaTensor scratch, Node site) {
        if (!feeds && x instanceof DeltaTensor t) {
            return TensorSupport.unary(UnaryOp.NEG, t, scratch, site);
        }
        Fused operand = operand(x);
        DType dtype = commonType(x, 0.0);
        if (operand != null && dtype != null && Fused.operators(operand) < MAX_OPERATORS) {
            PendingTensor p = new PendingTensor(new Fused.Negate(operand), dtype);
            return feeds ? p : compute(p);
        }
        if (x instanceof PendingTensor p) {
            DeltaTensor t = compute(p);
            return TensorSupport.unary(UnaryOp.NEG, t, t, site);
        }
        return TensorSupport.unary(UnaryOp.NEG, (DeltaTensor) x, scratch, site);
    }

    /** {@code value} itself, or the tensor of a pending expression, computed now. */
    @TruffleBoundary
    public static Object computed(Object value) {
        return value instanceof PendingTensor p ? compute(p) : value;
    }

    /** Whether a pending expression can be computed straight into a view of this shape and dtype. */
    static boolean fits(PendingTensor p, Shape shape, DType dtype) {
        return p.dtype == dtype && p.expression.shape().equals(shape);
    }

    /** Writes (or adds) {@code p}, which {@link #fits} the view {@code target}, into it. */
    static void computeInto(PendingTensor p, Backend backend, delta.tensor.Tensor target, boolean accumulate) {
        backend.fusedInto(p.expression, target, accumulate);
    }

    /** Operand by operand, the way the stepwise path sees it: a pending expression computed now is a fresh temporary. */
    private static DeltaTensor computed(BinaryOp op, Object a, Object b, Object scratch, Node site) {
        Object left = a instanceof PendingTensor p ? compute(p) : a;
        Object right = b instanceof PendingTensor p ? compute(p) : b;
        Object reusable = a instanceof PendingTensor ? left : b instanceof PendingTensor ? right : scratch;
        return TensorSupport.binary(op, left, right, reusable, site);
    }

    private static DeltaTensor compute(PendingTensor p) {
        return new DeltaTensor(CpuBackend.INSTANCE.fused(p.expression, p.dtype));
    }

    private static boolean fuses(BinaryOp op, Fused right) {
        return switch (op) {
            case ADD, SUB, MUL, DIV -> true;
            // Only by a number: the stepwise power by a one-element tensor has special cases of its own.
            case POW -> right instanceof Fused.Scalar;
            default -> false;
        };
    }

    /** The expression of an operand that can join a fused expression, else null. */
    private static Fused operand(Object value) {
        if (value instanceof PendingTensor p) {
            return p.expression;
        }
        if (value instanceof DeltaTensor t && t.tensor().device().kind() == Device.Kind.CPU
                        && (t.tensor().dtype() == DType.F64 || t.tensor().dtype() == DType.F32)) {
            return new Fused.Leaf(t.tensor());
        }
        if (value instanceof Double d) {
            return new Fused.Scalar(d);
        }
        if (value instanceof Long l) {
            return new Fused.Scalar(l);
        }
        return null;
    }

    /** The one dtype of the tensors among the operands (numbers take it), or null when they differ or there is none. */
    private static DType commonType(Object a, Object b) {
        DType x = dtypeOf(a), y = dtypeOf(b);
        if (x == null) {
            return y;
        }
        return y == null || y == x ? x : null;
    }

    private static DType dtypeOf(Object value) {
        if (value instanceof PendingTensor p) {
            return p.dtype;
        }
        return value instanceof DeltaTensor t ? t.tensor().dtype() : null;
    }
}
