package delta.language.tensor;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import delta.language.runtime.DeltaError;
import delta.language.runtime.Values;
import delta.language.DeltaContext;
import delta.tensor.Backend;
import delta.tensor.Backends;
import delta.tensor.BinaryOp;
import delta.tensor.CpuBackend;
import delta.tensor.DType;
import delta.tensor.Device;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;
import delta.tensor.UnaryOp;

/**
 * The language's side of the backend seam: finds the backend that owns a tensor, turns Delta
 * numbers into tensors where an operation mixes them, and turns the backend's {@link TensorError}s
 * into located Delta errors. Operators and builtins call these, behind a Truffle boundary, because
 * a tensor operation costs far more than the call.
 */
public final class TensorSupport {
    private TensorSupport() {}

    public static Backend backend(Tensor t) {
        if (t.device().kind() == Device.Kind.CPU) {
            return CpuBackend.INSTANCE;
        }
        return Backends.forDevice(t.device());
    }

    /** The backend new tensors are made on: the context's Device option (cpu unless dl --device=cuda). */
    @TruffleBoundary
    public static Backend defaultBackend() {
        DeltaContext context;
        try {
            context = DeltaContext.get(null);
        } catch (RuntimeException | AssertionError e) {
            return CpuBackend.INSTANCE; // no context entered (a tensor made outside Delta code)
        }
        return context == null ? CpuBackend.INSTANCE : context.defaultBackend();
    }

    /** A CPU copy of {@code t}, with its dtype (for printing and host access). */
    static Tensor toHost(Tensor t) {
        return Backends.transfer(t, Device.CPU);
    }

    /** {@code t} on {@code device} (the to builtin): itself when there, else a copy. */
    @TruffleBoundary
    static Tensor to(Tensor t, Device device) {
        return Backends.transfer(t, device);
    }

    public static boolean isTensor(Object value) {
        return value instanceof DeltaTensor;
    }

    /** A number becomes a 0-d tensor of the other operand's floating type, as a Python scalar does in PyTorch. */
    static Tensor operand(Object value, Tensor like, String op, Node site) {
        if (value instanceof DeltaTensor t) {
            return t.tensor();
        }
        DType dtype = like == null ? DType.F64 : DType.floating(like.dtype());
        // A number joins a tensor on the tensor's device.
        Backend on = like == null ? defaultBackend() : backend(like);
        if (value instanceof Double d) {
            return on.full(Shape.SCALAR, dtype, d);
        }
        if (value instanceof Long l) {
            return on.full(Shape.SCALAR, dtype, l);
        }
        if (value instanceof Boolean b) {
            return on.full(Shape.SCALAR, DType.BOOL, b ? 1 : 0);
        }
        throw DeltaError.at(site, op + ": expected a tensor or a number, got " + Values.describe(value));
    }

    /** {@code a op b} where at least one side is a tensor. */
    public static DeltaTensor binary(BinaryOp op, Object a, Object b, Node site) {
        return binary(op, a, b, null, site);
    }

    /**
     * {@code a op b}, where {@code scratch} (null, or a or b) is a temporary nothing else will read,
     * whose storage the backend may write the result into (see Backend.binary).
     */
    @TruffleBoundary
    public static DeltaTensor binary(BinaryOp op, Object a, Object b, Object scratch, Node site) {
        try {
            Tensor left = operand(a, b instanceof DeltaTensor t ? t.tensor() : null, op.label(), site);
            Tensor right = operand(b, left, op.label(), site);
            checkSameDevice(op.label(), left, right, site);
            Tensor reusable = scratch instanceof DeltaTensor t ? t.tensor() : null;
            return new DeltaTensor(backend(left).binary(op, left, right, reusable));
        } catch (TensorError e) {
            throw error(site, e);
        }
    }

    public static DeltaTensor unary(UnaryOp op, DeltaTensor x, Node site) {
        return unary(op, x, null, site);
    }

    /** {@code op(x)}; {@code scratch} is x when x is a temporary whose storage the result may take over. */
    @TruffleBoundary
    public static DeltaTensor unary(UnaryOp op, DeltaTensor x, DeltaTensor scratch, Node site) {
        try {
            return new DeltaTensor(backend(x.tensor()).unary(op, x.tensor(), scratch == null ? null : scratch.tensor()));
        } catch (TensorError e) {
            throw error(site, e);
        }
    }

    /** tan has no kernel of its own: sin / cos. */
    @TruffleBoundary
    public static DeltaTensor tan(DeltaTensor x, Node site) {
        return binary(BinaryOp.DIV, unary(UnaryOp.SIN, x, site), unary(UnaryOp.COS, x, site), site);
    }

    @TruffleBoundary
    public static DeltaTensor matmul(Object a, Object b, Node site) {
        if (!(a instanceof DeltaTensor x) || !(b instanceof DeltaTensor y)) {
            throw DeltaError.at(site, "unsupported operand types for @: " + Values.typeName(a) + " and " + Values.typeName(b)
                            + "; @ is the matrix product of tensors");
        }
        try {
            checkSameDevice("matmul", x.tensor(), y.tensor(), site);
            return new DeltaTensor(backend(x.tensor()).matmul(x.tensor(), y.tensor()));
        } catch (TensorError e) {
            throw error(site, e);
        }
    }

    static void checkSameDevice(String op, Tensor a, Tensor b, Node site) {
        if (!a.device().equals(b.device())) {
            throw DeltaError.at(site, op + ": tensors on different devices (" + a.device() + " and " + b.device() + "); move one with to(t, \""
                            + a.device() + "\")");
        }
    }

    /** argsort of a tensor along an axis (an i64 tensor), with shape errors at the call site. */
    @TruffleBoundary
    public static DeltaTensor argsort(Node site, DeltaTensor t, int axis) {
        try {
            return new DeltaTensor(backend(t.tensor()).argsort(t.tensor(), axis));
        } catch (TensorError e) {
            throw error(site, e);
        }
    }

    public static DeltaError error(Node site, TensorError e) {
        return DeltaError.at(site, e.getMessage());
    }
}
