package delta.language.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;

/** Constants. Each has the typed execute method of its type so no boxing happens in compiled code. */
public final class LiteralNodes {
    private LiteralNodes() {}

    @NodeInfo(shortName = "int")
    public static final class LongLiteral extends DeltaNode {
        private final long value;

        public LongLiteral(long value) {
            this.value = value;
        }

        @Override
        public long executeLong(VirtualFrame frame) {
            return value;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return value;
        }
    }

    @NodeInfo(shortName = "float")
    public static final class DoubleLiteral extends DeltaNode {
        private final double value;

        public DoubleLiteral(double value) {
            this.value = value;
        }

        @Override
        public double executeDouble(VirtualFrame frame) {
            return value;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return value;
        }
    }

    @NodeInfo(shortName = "bool")
    public static final class BooleanLiteral extends DeltaNode {
        private final boolean value;

        public BooleanLiteral(boolean value) {
            this.value = value;
        }

        @Override
        public boolean executeBoolean(VirtualFrame frame) {
            return value;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return value;
        }
    }

    /** Strings, none, and other constant objects. */
    @NodeInfo(shortName = "const")
    public static final class ObjectLiteral extends DeltaNode {
        private final Object value;

        public ObjectLiteral(Object value) {
            this.value = value;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return value;
        }
    }
}
