package delta.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tensor code and its derivative code compile like scalar code (see JitCompilationTest for the
 * setup): a hot training loop of a small network, whose loss calls matmul, broadcasting
 * arithmetic, relu and log_softmax, compiles the loss's reverse-mode code, its pullback and the
 * rules of the primitives, with no failed compilation and no deoptimization cycle (tensor values
 * flowing through typed local slots must not make code flip between specializations).
 */
class TensorJitTest {
    private static final String PROGRAM = """
            seed(3)
            let x = randn([16, 8])
            let y = one_hot(tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], "i64"), 3)
            fn loss(p, x, y) {
                let h = relu(x @ p.w1 + p.b1)
                -mean(sum(log_softmax(h @ p.w2 + p.b2) * y, 1))
            }
            fn train(steps) {
                let p = {w1: randn([8, 12]) * 0.3, b1: zeros([12]), w2: randn([12, 3]) * 0.3, b2: zeros([3])}
                let first = 0.0
                let last = 0.0
                for i in range(steps) {
                    let (l, g) = value_and_grad(loss)(p, x, y)
                    if i == 0 { first = item(l) }
                    last = item(l)
                    p = {w1: p.w1 - 0.5 * g.w1, b1: p.b1 - 0.5 * g.b1, w2: p.w2 - 0.5 * g.w2, b2: p.b2 - 0.5 * g.b2}
                }
                (first, last)
            }
            """;

    private static String log;
    private static double firstLoss;
    private static double lastLoss;

    @BeforeAll
    static void train() {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        try (Engine engine = CompilationLog.eagerEngine(logBytes);
                        Context context = Context.newBuilder("dl").engine(engine).build()) {
            context.eval("dl", PROGRAM);
            for (int round = 0; round < 2; round++) {
                var result = context.getBindings("dl").getMember("train").execute(40);
                firstLoss = result.getArrayElement(0).asDouble();
                lastLoss = result.getArrayElement(1).asDouble();
            }
        }
        log = logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainingReducesTheLoss() {
        assertTrue(lastLoss < 0.5 * firstLoss, "loss went from " + firstLoss + " to " + lastLoss);
    }

    @Test
    void derivativeCodeOfTensorFunctionsCompiles() {
        CompilationLog.assertCompiled(log, "loss_vjp", "loss_vjp.<lambda>", "train", "matmul_vjp", "log_softmax_vjp");
    }

    @Test
    void nothingFailsToCompile() {
        CompilationLog.assertNothingFailed(log);
    }

    @Test
    void noDeoptimizationCycles() {
        CompilationLog.assertNoDeoptimizationCycles(log);
    }
}
