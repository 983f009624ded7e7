package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import delta.tensor.KernelWork;

/**
 * Whether tensor kernels dominate a function's time, measured while the interpreter runs it: the
 * kernels' work (KernelWork: elements made, multiply-adds) per interpreted step, a step being a
 * call or a loop iteration. A function that drives large kernels gains next to nothing from
 * compilation (W4 vectorised at 10^4 elements ran as fast interpreted as compiled; a training step
 * spends milliseconds in kernels per call), yet compiling it takes the Graal compiler, which runs
 * as Java on the JVM here, hundreds of milliseconds of a core, and on a 2-core machine the
 * kernels' second thread waits for that core: Fashion-MNIST trained in 16.5 s with every hot
 * function compiled, 12.6 s with none. Such a function is therefore not compiled on its own;
 * compiled callers still inline it, and loops whose iterations do little tensor work (a scalar
 * loop that builds a list of indices) still compile.
 *
 * <p>How: once the profile says so, a compilation of the root on its own stops at its first node
 * with a permanent bailout ({@link #declineRootCompilation}), after which Truffle does not try again.
 * Declining in RootNode.prepareForCompilation instead made Truffle retry at every later call, over
 * 200,000 attempts in one training run. See docs/design.md, "What is compiled on its own".
 */
public final class KernelDominance {
    /**
     * Kernel operations per interpreted step above which compiling is not worth it. A tensor
     * operation costs about a microsecond besides its kernel (allocation, dispatch), compiled or
     * not, and 2K operations take about as long again; measured, 7 operations on 1280 f32 elements
     * took 6.4 us interpreted and 5.8 us compiled, while compiling a small function costs the
     * compiler 100-500 ms.
     */
    static final long WORK_PER_STEP = 1 << 11;

    private long steps;
    private long work;
    /** Set once, in the interpreter; compilations read it as a constant. */
    @CompilationFinal private boolean declined;

    /** The kernel work counter at the start of an interpreted call. */
    public long enter() {
        steps++;
        return KernelWork.total();
    }

    public void exit(long workAtEntry) {
        work += KernelWork.total() - workAtEntry;
        if (!declined && kernelsDominate()) {
            declined = true;
        }
    }

    /**
     * Called first thing in the root's execute: a compilation of the root on its own stops here
     * once kernels dominate it; where a compiled caller inlines it, this folds away.
     */
    public void declineRootCompilation() {
        if (declined && CompilerDirectives.inCompilationRoot()) {
            CompilerDirectives.bailout("tensor kernels dominate this function's time: " + DECLINED);
        }
    }

    /**
     * The end of the reason a declined compilation gives in the compilation log ("opt failed"), which
     * the JIT tests tell apart from real failures.
     */
    public static final String DECLINED = "compiled only where a caller inlines it";

    /**
     * Counts an interpreted iteration of a loop of {@code loop}'s function. Returns the profile,
     * which the loop keeps ({@code cached}) so that later iterations need not find their root.
     */
    static KernelDominance iteration(KernelDominance cached, com.oracle.truffle.api.nodes.Node loop) {
        KernelDominance profile = cached;
        if (profile == null) {
            profile = loop.getRootNode() instanceof FunctionRootNode function ? function.dominance() : new KernelDominance();
        }
        profile.steps++;
        return profile;
    }

    /** Whether the calls and iterations so far did, on average, more kernel work than {@link #WORK_PER_STEP}. */
    boolean kernelsDominate() {
        return steps > 0 && work / steps > WORK_PER_STEP;
    }
}
