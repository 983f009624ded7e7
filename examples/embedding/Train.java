// Calling Delta from Java: Java makes a data set, Delta trains a small network on it with grad and
// the standard library, and Java reads the loss, the accuracy and the trained weights back.
//
//     examples/embedding/run java        (after ./mvnw package; TrainingExamplesTest runs it too)
//
// Needs Delta's modules on the module path (see docs/embedding.md and the run script beside this file).
import java.util.Random;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

public class Train {
    // The model and its training loop, in Delta: an MLP 2 -> 16 (tanh) -> 2 trained with Adam.
    static final String MODEL = """
        import nn
        import losses
        import optim

        fn loss(params, x, y) = losses.cross_entropy(nn.mlp_with(params, x, nn.tanh), y)

        # Trains on x ([n, 2] rows from Java) and labels (ints from Java) and returns what Java reads.
        fn train(x_rows, labels, steps) {
            seed(0)
            let x = tensor(x_rows)
            let y = astype(tensor(labels), "i64")
            let params = nn.mlp_init([2, 16, 2])
            let state = optim.adam_init(params)
            let step = value_and_grad(loss)
            let curve = []
            for i in range(steps) {
                let (l, g) = step(params, x, y)
                let (p, s) = optim.adam_step(params, g, state, 0.05)
                params = p
                state = s
                append(curve, item(l))
            }
            {losses: curve, accuracy: losses.accuracy(nn.mlp_with(params, x, nn.tanh), y), w1: params[0].w}
        }
        train
        """;

    public static void main(String[] args) {
        // Two interleaved half-moons-like classes: inside or outside a circle of radius 1.
        Random random = new Random(42);
        int n = 200;
        double[][] x = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble() * 4 - 2;
            x[i][1] = random.nextDouble() * 4 - 2;
            labels[i] = x[i][0] * x[i][0] + x[i][1] * x[i][1] < 1.5 ? 1 : 0;
        }
        // Delta reads Java arrays only when the host access policy lets it.
        HostAccess arrays = HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true).build();
        try (Context context = Context.newBuilder("dl").allowHostAccess(arrays).build()) {
            Value train = context.eval("dl", MODEL);
            Value result = train.execute(x, labels, 300);
            Value losses = result.getMember("losses");
            System.out.printf("loss: step 0 %.4f, step 100 %.4f, step 299 %.4f%n", losses.getArrayElement(0).asDouble(),
                            losses.getArrayElement(100).asDouble(), losses.getArrayElement(299).asDouble());
            System.out.printf("accuracy %.3f%n", result.getMember("accuracy").asDouble());
            double[][] w1 = result.getMember("w1").as(double[][].class); // a tensor copies out as double[][]
            System.out.println("first layer weights " + w1.length + "x" + w1[0].length);
        }
    }
}
