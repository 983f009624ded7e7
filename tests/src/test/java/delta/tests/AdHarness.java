package delta.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Shared by the autodiff tests: a Delta context whose output is kept, and checks of derivatives
 * against numbers computed in Java (central differences of the Delta function itself).
 */
final class AdHarness implements AutoCloseable {
    /** Central differences: O(eps^2) truncation plus rounding of about 1e-16 |f| / eps. */
    static final double CENTRAL_TOLERANCE = 1e-6;
    /** Against an exact value: only rounding differs. */
    static final double EXACT_TOLERANCE = 1e-10;

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final Context context;
    final Value bindings;

    AdHarness(String program) {
        this(program, "cpu");
    }

    /** A context whose new tensors are made on {@code device} (the option dl.Device: cpu, cuda, cuda:N). */
    AdHarness(String program, String device) {
        context = Context.newBuilder("dl").out(output).err(output).option("engine.WarnInterpreterOnly", "false")
                        .option("dl.Device", device).build();
        context.eval("dl", program);
        bindings = context.getBindings("dl");
    }

    Value eval(String code) {
        return context.eval("dl", code);
    }

    Value fn(String name) {
        Value f = bindings.getMember(name);
        assertTrue(f != null && f.canExecute(), "no Delta function " + name);
        return f;
    }

    double number(String code) {
        return eval(code).asDouble();
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        context.close();
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(Math.abs(expected - actual) <= tolerance * scale,
                        what + ": expected " + expected + ", got " + actual + " (difference " + Math.abs(expected - actual) + ")");
    }

    static void assertExact(double expected, double actual, String what) {
        assertClose(expected, actual, EXACT_TOLERANCE, what);
    }

    /** (f(x + e) - f(x - e)) / 2e for argument {@code index}, e = 1e-6 relative to it, in Java. */
    static double central(Value f, Object[] args, int index) {
        double x = ((Number) args[index]).doubleValue();
        double eps = 1e-6 * Math.max(1.0, Math.abs(x));
        Object[] plus = args.clone();
        Object[] minus = args.clone();
        plus[index] = x + eps;
        minus[index] = x - eps;
        return (f.execute(plus).asDouble() - f.execute(minus).asDouble()) / (2 * eps);
    }

    /** Checks a reverse-mode derivative against central differences of f. */
    static void assertMatchesCentral(Value f, Object[] args, int index, double derivative, String what) {
        assertClose(central(f, args, index), derivative, CENTRAL_TOLERANCE, what + " vs central differences");
    }
}
