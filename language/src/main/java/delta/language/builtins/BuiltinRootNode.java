package delta.language.builtins;

import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.RootNode;
import delta.language.DeltaContext;
import java.util.Arrays;

/** The root of a builtin function: unpacks the arguments and runs the builtin's body. */
@NodeInfo(language = "Delta", shortName = "builtin")
public final class BuiltinRootNode extends RootNode {
    private final Builtin builtin;

    public BuiltinRootNode(TruffleLanguage<?> language, Builtin builtin) {
        super(language);
        this.builtin = builtin;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object[] packed = frame.getArguments();
        Object[] args = builtin.minArity() == builtin.maxArity() ? unpackFixed(packed) : Arrays.copyOfRange(packed, 1, packed.length);
        return builtin.body().call(this, args);
    }

    /** A constant-length copy in an unrolled loop, which escape analysis removes in compiled code. */
    @ExplodeLoop
    private Object[] unpackFixed(Object[] packed) {
        Object[] args = new Object[builtin.minArity()];
        for (int i = 0; i < args.length; i++) {
            args[i] = packed[i + 1];
        }
        return args;
    }

    /** The builtin this node runs: doc() reads its signature and documentation. */
    public Builtin builtin() {
        return builtin;
    }

    public DeltaContext context() {
        return DeltaContext.get(this);
    }

    @Override
    public String getName() {
        return builtin.name();
    }

    @Override
    public String toString() {
        return builtin.name();
    }

    @Override
    public boolean isCloningAllowed() {
        return true;
    }
}
