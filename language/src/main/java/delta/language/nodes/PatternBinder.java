package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;

/** Binds a value to the target of {@code let} or {@code for}: a name, or a tuple pattern taken apart. */
public abstract class PatternBinder extends Node {
    public abstract void bind(VirtualFrame frame, Object value);

    /** A name in a frame slot (or in the module, for top-level lets). */
    public static final class ToVariable extends PatternBinder {
        @Child private DeltaNode writer;

        /** @param writer a {@link WriteLocalNode} or {@link GlobalNodes.Define} */
        public ToVariable(DeltaNode writer) {
            this.writer = writer;
        }

        @Override
        public void bind(VirtualFrame frame, Object value) {
            if (writer instanceof WriteLocalNode local) {
                local.executeWrite(frame, value);
            } else {
                ((GlobalNodes.Define) writer).define(value);
            }
        }
    }

    /** {@code (a, (b, c))}: the value must be a tuple or list of the same length. */
    public static final class ToTuple extends PatternBinder {
        @Children private final PatternBinder[] items;
        /** Never executed; a child only so that it is adopted and its errors find their source line. */
        @Child private DeltaNode location;

        public ToTuple(PatternBinder[] items, DeltaNode location) {
            this.items = items;
            this.location = location;
        }

        @Override
        @ExplodeLoop
        public void bind(VirtualFrame frame, Object value) {
            Object[] parts = parts(value);
            if (parts.length != items.length) {
                CompilerDirectives.transferToInterpreter();
                throw DeltaError.at(location, "cannot unpack " + parts.length + " values into " + items.length + " names");
            }
            for (int i = 0; i < items.length; i++) {
                items[i].bind(frame, parts[i]);
            }
        }

        private Object[] parts(Object value) {
            if (value instanceof DeltaTuple tuple) {
                return tuple.items();
            }
            if (value instanceof DeltaList list) {
                return list.toArray();
            }
            CompilerDirectives.transferToInterpreter();
            throw DeltaError.at(location, "cannot unpack " + Values.typeNameWithArticle(value) + " into " + items.length + " names; expected a tuple");
        }
    }

    /** The let statement: evaluates the value, then binds it. */
    public static final class LetNode extends DeltaNode {
        @Child private DeltaNode value;
        @Child private PatternBinder target;

        public LetNode(DeltaNode value, PatternBinder target) {
            this.value = value;
            this.target = target;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            target.bind(frame, value.executeGeneric(frame));
            return null;
        }
    }
}
