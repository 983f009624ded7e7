package delta.language.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ControlFlowException;
import com.oracle.truffle.api.profiles.BranchProfile;

/** {@code break}, {@code continue} and {@code return} unwind the Java stack to their loop or function. */
public final class ControlFlow {
    private ControlFlow() {}

    /** Runs one iteration of a loop body; false when the body broke out of the loop. */
    static boolean runLoopBody(VirtualFrame frame, DeltaNode body, BranchProfile breakTaken) {
        try {
            body.executeGeneric(frame);
        } catch (Break e) {
            breakTaken.enter();
            return false;
        } catch (Continue e) {
            // on to the next iteration
        }
        return true;
    }

    public static final class Break extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        public static final Break INSTANCE = new Break();
    }

    public static final class Continue extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        public static final Continue INSTANCE = new Continue();
    }

    public static final class Return extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        public final transient Object value;

        public Return(Object value) {
            this.value = value;
        }
    }
}
