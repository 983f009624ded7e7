package delta.language.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import delta.language.runtime.DeltaNone;

/** {@code if c { } else { }}: an expression whose value is the branch taken (none without else). */
@NodeInfo(shortName = "if")
public final class IfNode extends DeltaNode {
    @Child private ConditionNode condition;
    @Child private DeltaNode thenBranch;
    @Child private DeltaNode elseBranch;
    private final CountingConditionProfile profile = CountingConditionProfile.create();

    public IfNode(DeltaNode condition, DeltaNode thenBranch, DeltaNode elseBranch) {
        this.condition = new ConditionNode(condition, "if");
        this.thenBranch = thenBranch;
        this.elseBranch = elseBranch;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        if (profile.profile(condition.execute(frame))) {
            return thenBranch.executeGeneric(frame);
        }
        return elseBranch == null ? DeltaNone.INSTANCE : elseBranch.executeGeneric(frame);
    }
}
