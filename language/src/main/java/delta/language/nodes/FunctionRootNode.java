package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.source.SourceSection;
import delta.language.DeltaLanguage;
import delta.language.runtime.DeltaError;

/**
 * The root of a Delta function, of a lambda, or of a file's top level. Its name is what stack
 * traces, the CPU sampler and the compilation log show.
 */
@NodeInfo(language = "Delta", shortName = "function")
public final class FunctionRootNode extends RootNode {
    @Child private DeltaNode body;
    private final String name;
    private final SourceSection section;
    private final BranchProfile returned = BranchProfile.create();
    /** What the AD transform needs to differentiate this function: its syntax and its module. */
    private delta.parser.ast.Expr.Lambda syntax;
    private delta.language.runtime.DeltaModule module;
    /** For a closure: where each variable of its enclosing functions lives ({depth, slot}), by name. */
    private java.util.Map<String, int[]> environment = java.util.Map.of();
    /** True for derivative code the AD transform generated. */
    private boolean generated;
    /** Derivative code of this function, made once and shared by all its closures (see AdCache). */
    private final java.util.Map<String, Object> derivatives = new java.util.HashMap<>();
    /** Whether tensor kernels dominate this function's time, measured while it is interpreted. */
    private final KernelDominance dominance = new KernelDominance();

    public FunctionRootNode(TruffleLanguage<?> language, FrameDescriptor frame, DeltaNode body, String name, SourceSection section) {
        super(language, frame);
        this.body = body;
        this.name = name;
        this.section = section;
    }

    /**
     * How deeply Delta calls may nest. The JVM's own stack overflow comes at a depth that varies from
     * run to run with what the JIT has compiled, so a fixed limit makes deep recursion fail the same
     * way every time (as Python's recursion limit does). It is well below where the launcher's 16 MB
     * stack runs out for simple functions; the StackOverflowError catch stays for heavier functions
     * and for embedders' smaller stacks.
     */
    public static final int MAX_CALL_DEPTH = 5000;

    @Override
    public Object execute(VirtualFrame frame) {
        DeltaLanguage language = getLanguage(DeltaLanguage.class);
        if (language.callDepth >= MAX_CALL_DEPTH) {
            CompilerDirectives.transferToInterpreter();
            throw tooDeep();
        }
        dominance.declineRootCompilation();
        language.callDepth++;
        long workAtEntry = CompilerDirectives.inInterpreter() ? dominance.enter() : 0;
        try {
            return NoneIfStatement.of(body.executeGeneric(frame));
        } catch (ControlFlow.Return e) {
            returned.enter();
            return e.value;
        } catch (StackOverflowError e) {
            CompilerDirectives.transferToInterpreter();
            throw tooDeep();
        } finally {
            language.callDepth--;
            if (CompilerDirectives.inInterpreter()) {
                dominance.exit(workAtEntry);
            }
        }
    }

    /** Where loops of this function count their interpreted iterations. */
    KernelDominance dominance() {
        return dominance;
    }



    private DeltaError tooDeep() {
        return DeltaError.at(body, "stack overflow: recursion too deep in '" + name + "'");
    }

    /** Records the syntax this function was lowered from, for the AD transform. */
    public void attachSyntax(delta.parser.ast.Expr.Lambda lambda, delta.language.runtime.DeltaModule owner) {
        this.syntax = lambda;
        this.module = owner;
    }

    public delta.parser.ast.Expr.Lambda syntax() {
        return syntax;
    }

    public void attachEnvironment(java.util.Map<String, int[]> outerVariables) {
        this.environment = outerVariables;
    }

    public void markGenerated() {
        this.generated = true;
    }

    public boolean isGenerated() {
        return generated;
    }

    public java.util.Map<String, int[]> environment() {
        return environment;
    }

    public delta.language.runtime.DeltaModule module() {
        return module;
    }

    /** Derivative code by kind ("vjp", "jvp"); filled by AdCache. */
    public java.util.Map<String, Object> derivatives() {
        return derivatives;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public SourceSection getSourceSection() {
        return section;
    }

    @Override
    public boolean isCloningAllowed() {
        return true;
    }

    @Override
    protected boolean isInstrumentable() {
        return true;
    }
}
