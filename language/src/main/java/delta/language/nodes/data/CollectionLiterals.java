package delta.language.nodes.data;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.nodes.DeltaNode;
import delta.language.nodes.NoneIfStatement;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaRecord;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.RecordShape;
import java.util.ArrayList;

/** {@code [a, b]}, {@code (a, b)} and {@code {w: a, b: b}}. */
public final class CollectionLiterals {
    private CollectionLiterals() {}

    @ExplodeLoop
    static Object[] evaluate(VirtualFrame frame, DeltaNode[] items) {
        Object[] values = new Object[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = NoneIfStatement.of(items[i].executeGeneric(frame));
        }
        return values;
    }

    @NodeInfo(shortName = "list")
    public static final class ListLiteral extends DeltaNode {
        @Children private final DeltaNode[] items;

        public ListLiteral(DeltaNode[] items) {
            this.items = items;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return newList(evaluate(frame, items));
        }

        @TruffleBoundary
        private static DeltaList newList(Object[] values) {
            ArrayList<Object> list = new ArrayList<>(values.length);
            for (Object value : values) {
                list.add(value);
            }
            return new DeltaList(list);
        }
    }

    @NodeInfo(shortName = "tuple")
    public static final class TupleLiteral extends DeltaNode {
        @Children private final DeltaNode[] items;

        public TupleLiteral(DeltaNode[] items) {
            this.items = items;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return new DeltaTuple(evaluate(frame, items));
        }
    }

    @NodeInfo(shortName = "record")
    public static final class RecordLiteral extends DeltaNode {
        private final RecordShape shape;
        @Children private final DeltaNode[] values;

        public RecordLiteral(RecordShape shape, DeltaNode[] values) {
            this.shape = shape;
            this.values = values;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            return new DeltaRecord(shape, evaluate(frame, values));
        }
    }
}
