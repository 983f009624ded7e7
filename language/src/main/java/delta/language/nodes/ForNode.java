package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.RepeatingNode;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaRange;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;

/**
 * {@code for x in xs { }}. Over a range the counter lives unboxed in a hidden frame slot and, when
 * the loop variable is a plain local, goes to its slot as a long: the loop allocates nothing. Lists
 * and tuples are walked by index (a list may grow while it is walked, as in Python); strs as the
 * tuple of their characters; foreign arrays (Java arrays and Lists, JavaScript arrays) as a
 * snapshot of their elements.
 */
@NodeInfo(shortName = "for")
public final class ForNode extends DeltaNode {
    @Child private DeltaNode iterable;
    @Child private LoopNode loop;
    private final int counterSlot;
    private final int endSlot;
    private final int stepSlot;
    private final int sequenceSlot;

    /**
     * @param loopVariableSlot the frame slot of the loop variable, or -1 when the target is a pattern
     * @param hiddenSlots four frame slots only this loop uses: counter, end, step, sequence
     */
    public ForNode(DeltaNode iterable, PatternBinder target, int loopVariableSlot, DeltaNode body, int[] hiddenSlots) {
        this.iterable = iterable;
        this.counterSlot = hiddenSlots[0];
        this.endSlot = hiddenSlots[1];
        this.stepSlot = hiddenSlots[2];
        this.sequenceSlot = hiddenSlots[3];
        this.loop = Truffle.getRuntime().createLoopNode(new Step(this, target, loopVariableSlot, body));
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        Object over = iterable.executeGeneric(frame);
        if (over instanceof DeltaRange range) {
            frame.setLong(counterSlot, range.start);
            frame.setLong(endSlot, range.stop);
            frame.setLong(stepSlot, range.step);
            frame.setObject(sequenceSlot, null);
        } else if (over instanceof DeltaList || over instanceof DeltaTuple) {
            frame.setLong(counterSlot, 0);
            frame.setObject(sequenceSlot, over);
        } else if (over instanceof String text) {
            // A str is walked as the tuple of its characters, as in Python.
            frame.setLong(counterSlot, 0);
            frame.setObject(sequenceSlot, characters(text));
        } else if (Values.foreignArrayItems(over) instanceof DeltaTuple items) {
            // A Java array or List, a JavaScript array: walked like a tuple of its elements.
            frame.setLong(counterSlot, 0);
            frame.setObject(sequenceSlot, items);
        } else {
            CompilerDirectives.transferToInterpreter();
            throw DeltaError.at(iterable, "cannot iterate over " + Values.typeNameWithArticle(over) + "; expected a range, list, tuple or str");
        }
        loop.execute(frame);
        frame.setObject(sequenceSlot, null);
        return null;
    }

    /** The characters (code points, so an emoji is one) of a str, each a str of its own. */
    @TruffleBoundary
    private static DeltaTuple characters(String text) {
        return new DeltaTuple(text.codePoints().mapToObj(Character::toString).toArray());
    }

    private static final class Step extends Node implements RepeatingNode {
        private final ForNode loop;
        @Child private PatternBinder target;
        private final int variableSlot;
        @Child private DeltaNode body;
        private final BranchProfile breakTaken = BranchProfile.create();
        /** The function's kernel-work profile, found at the first interpreted iteration. */
        private KernelDominance dominance;
        private final CountingConditionProfile overRange = CountingConditionProfile.create();
        private final CountingConditionProfile floatList = CountingConditionProfile.create();

        Step(ForNode loop, PatternBinder target, int variableSlot, DeltaNode body) {
            this.loop = loop;
            this.target = target;
            this.variableSlot = variableSlot;
            this.body = body;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            if (CompilerDirectives.inInterpreter()) {
                dominance = KernelDominance.iteration(dominance, this);
            }
            Object sequence = frame.getObject(loop.sequenceSlot);
            if (overRange.profile(sequence == null)) {
                long i = frame.getLong(loop.counterSlot);
                long step = frame.getLong(loop.stepSlot);
                if (step > 0 ? i >= frame.getLong(loop.endSlot) : i <= frame.getLong(loop.endSlot)) {
                    return false;
                }
                long next;
                try {
                    next = Math.addExact(i, step);
                } catch (ArithmeticException pastTheLastLong) {
                    // range(..., 9223372036854775807, 5): a wrapped counter would loop on forever.
                    next = frame.getLong(loop.endSlot);
                }
                frame.setLong(loop.counterSlot, next);
                if (variableSlot >= 0) {
                    frame.setLong(variableSlot, i);
                } else {
                    target.bind(frame, i);
                }
            } else if (variableSlot >= 0 && floatList.profile(sequence instanceof DeltaList list && list.holdsFloats())) {
                // A list of unboxed floats binds each element unboxed (as a range binds its ints).
                DeltaList list = (DeltaList) sequence;
                long i = frame.getLong(loop.counterSlot);
                if (i >= list.size()) {
                    return false;
                }
                frame.setLong(loop.counterSlot, i + 1);
                frame.setDouble(variableSlot, list.getFloat((int) i));
            } else {
                Object item = nextItem(frame, sequence);
                if (item == null) {
                    return false;
                }
                target.bind(frame, item);
            }
            return ControlFlow.runLoopBody(frame, body, breakTaken);
        }

        /** The next element of a list or tuple, or null at the end. */
        private Object nextItem(VirtualFrame frame, Object sequence) {
            long i = frame.getLong(loop.counterSlot);
            frame.setLong(loop.counterSlot, i + 1);
            if (sequence instanceof DeltaList list) {
                return i < list.size() ? list.get((int) i) : null;
            }
            DeltaTuple tuple = (DeltaTuple) sequence;
            return i < tuple.size() ? tuple.get((int) i) : null;
        }

        @Override
        public String toString() {
            return "for loop";
        }
    }
}
