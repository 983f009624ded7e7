package delta.language.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.runtime.DeltaNone;

/** {@code { a; b; c }}: runs its items in order; its value is the last item's (none when empty). */
@NodeInfo(shortName = "block")
public final class BlockNode extends DeltaNode {
    @Children private final DeltaNode[] items;

    public BlockNode(DeltaNode[] items) {
        this.items = items;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        int last = items.length - 1;
        for (int i = 0; i < last; i++) {
            items[i].executeGeneric(frame);
        }
        return last < 0 ? DeltaNone.INSTANCE : NoneIfStatement.of(items[last].executeGeneric(frame));
    }
}
