package delta.language.nodes.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.NodeField;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.parser.ast.BinaryOp;

/** {@code < <= > >=} on numbers (int and float mixed) and on strings. */
@NodeInfo(shortName = "compare")
@NodeField(name = "op", type = BinaryOp.class)
public abstract class OrderNode extends BinaryNode {
    protected abstract BinaryOp getOp();

    @Specialization
    protected boolean compareLong(long left, long right) {
        return holds(Long.compare(left, right), left < right, left > right);
    }

    @Specialization
    protected boolean compareDouble(double left, double right) {
        // Spelled out rather than through Double.compare so NaN compares false, as IEEE says.
        return holds(left == right ? 0 : 1, left < right, left > right);
    }

    @Specialization
    @TruffleBoundary
    protected boolean compareString(String left, String right) {
        int order = left.compareTo(right);
        return holds(order, order < 0, order > 0);
    }

    @Fallback
    protected Object other(Object left, Object right) {
        return tensorOrTypeError(switch (getOp()) {
            case LT -> delta.tensor.BinaryOp.LT;
            case LE -> delta.tensor.BinaryOp.LE;
            case GT -> delta.tensor.BinaryOp.GT;
            default -> delta.tensor.BinaryOp.GE;
        }, left, right);
    }

    private boolean holds(int equalIfZero, boolean less, boolean greater) {
        return switch (getOp()) {
            case LT -> less;
            case LE -> less || equalIfZero == 0;
            case GT -> greater;
            case GE -> greater || equalIfZero == 0;
            default -> throw new IllegalStateException(getOp().symbol);
        };
    }

    @Override
    protected String symbol() {
        return getOp().symbol;
    }
}
