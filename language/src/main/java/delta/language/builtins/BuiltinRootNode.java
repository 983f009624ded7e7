package delta.language.builtins;

import com.oracle.truffle.api.CompilerDirectives;
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
        if (CompilerDirectives.inCompilationRoot()) {
            // Compiled only inside the Delta code that calls it (inlined), never on its own: called
            // from the interpreter, its Java body has been compiled by HotSpot already and the call
            // costs more than the body, while compiling it alone takes the Graal compiler, which runs
            // as Java here, 100-500 ms of a core that the program's threads wait for on a 2-core
            // machine. A permanent bailout, so Truffle does not try again (docs/design.md).
            CompilerDirectives.bailout("a builtin: " + delta.language.nodes.KernelDominance.DECLINED);
        }
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
