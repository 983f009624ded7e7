package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.tensor.CpuBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The matrix product's rule defers both adjoints, so reverse mode computes only those something
 * reads: the gradient of a training loss with respect to the parameters never computes the
 * adjoint of the data batch (counted in matrix products), while every adjoint that is read still
 * agrees with central differences, and programs only ever receive computed values.
 */
class AdDeferredAdjointTest {
    private static final String PROGRAM = """
            import nn
            import losses
            seed(3)
            let x = randn([6, 5])
            let m = randn([3, 5])
            let labels = astype(tensor([0, 1, 2, 0, 1, 2]), "i64")
            let params = nn.mlp_init([5, 4, 3])
            fn loss(params, x, y) = losses.cross_entropy(nn.mlp(params, x), y)
            fn product(w, x) = sum(sin(x @ w))
            # w's adjoint from the arithmetic is added to the one the product's pullback deferred.
            fn mixed(w) {
                let b = w * 2.0
                let a = x @ w
                sum(a * a) + sum(sin(b))
            }
            # Deferred adjoints passed along: h's adjoint is read (it leads to w), m's never.
            fn two_layers(w) = sum(tanh(x @ w) @ m)
            fn quadratic(v) = sum((x @ v) ** 2)
            let v0 = randn([5])
            fn along(s) = quadratic(v0 * s)
            fn products_during(f) {
                let before = matrix_products()
                f()
                matrix_products() - before
            }
            """;

    private static AdHarness delta;

    @BeforeAll
    static void start() {
        delta = new AdHarness(PROGRAM);
        delta.context.getBindings("dl").putMember("matrix_products", (org.graalvm.polyglot.proxy.ProxyExecutable) args -> CpuBackend.matrixProducts());
    }

    @AfterAll
    static void stop() {
        delta.close();
    }

    private long products(String call) {
        return delta.eval("products_during(() -> " + call + ")").asLong();
    }

    @Test
    void theAdjointOfDataIsNeverComputed() {
        // Forward: two products. Backward with respect to the parameters: the second layer's weight
        // and input adjoints and the first layer's weight adjoint; the batch's adjoint is left out.
        assertEquals(5, products("grad(loss)(params, x, labels)"));
        assertEquals(6, products("grad(loss, [0, 1])(params, x, labels)"));
        assertEquals(2, products("grad(product)(transpose(m, 0, 1), x)"));
        assertEquals(2, products("grad(product, 1)(transpose(m, 0, 1), x)"));
        assertEquals(3, products("grad(product, [0, 1])(transpose(m, 0, 1), x)"));
        // tanh(x @ w) @ m: m is a constant, so its adjoint is never computed; h's is, for w.
        assertEquals(4, products("grad(two_layers)(transpose(m, 0, 1))"));
    }

    @Test
    void readAdjointsAgreeWithCentralDifferences() {
        for (String f : new String[]{"mixed", "two_layers"}) {
            double worst = delta.number("gradcheck(" + f + ", randn([5, 3]))");
            assertTrue(worst < 1e-6, f + ": gradcheck error " + worst);
        }
        double worst = delta.number("gradcheck(product, randn([5, 3]), randn([6, 5]))");
        assertTrue(worst < 1e-6, "product: gradcheck error " + worst);
        // The parameters' gradient of the loss, element by element, against central differences.
        String check = """
                {
                    let g = grad(loss)(params, x, labels)
                    let w = params[0].w
                    let worst = 0.0
                    for k in range(4) {
                        let e = 1e-6 * reshape(astype(arange(20) == 5 * k, "f64"), [5, 4])
                        let up = [{w: w + e, b: params[0].b}, params[1]]
                        let down = [{w: w - e, b: params[0].b}, params[1]]
                        let numeric = item(loss(up, x, labels) - loss(down, x, labels)) / 2e-6
                        worst = max(worst, abs(numeric - item(g[0].w[k, k])))
                    }
                    worst
                }""";
        assertTrue(delta.number(check) < 1e-7, "loss gradient against central differences");
    }

    @Test
    void programsReceiveComputedAdjoints() {
        assertEquals("tensor tensor", delta.eval("""
                {
                    let (value, pullback) = vjp((a, b) -> a @ b, x, transpose(m, 0, 1))
                    let (ga, gb) = pullback(ones([6, 3]))
                    type(ga) + " " + type(gb)
                }""").asString());
        assertEquals("tensor tensor", delta.eval("{ let (gw, gx) = grad(product, [0, 1])(transpose(m, 0, 1), x)\n type(gw) + \" \" + type(gx) }").asString());
        assertEquals("[6, 5]", delta.eval("str(shape(grad(product, 1)(transpose(m, 0, 1), x)))").asString());
        // The closed form of d/dx sum(x @ w) is ones @ w^T.
        assertEquals(0.0, delta.number("item(amax(abs(vjp((a) -> a @ transpose(m, 0, 1), x)[1](ones([6, 3]))[0] - ones([6, 3]) @ m)))"), 1e-12);
    }

    @Test
    void secondDerivativesDifferentiateTheDeferredAdjoints() {
        // hessian(sum((x v)^2)) = 2 x^T x: forward mode over the product's reverse rule.
        assertEquals(0.0, delta.number("item(amax(abs(hessian(quadratic)(randn([5])) - 2.0 * transpose(x, 0, 1) @ x)))"), 1e-10);
        // d2/ds2 quadratic(v s) = 2 |x v|^2: forward over the reverse code of a function of a number.
        assertEquals(0.0, delta.number("grad(grad(along))(1.5) - item(2.0 * sum((x @ v0) ** 2))"), 1e-9);
    }
}
