package delta.tests;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * jvp and vjp agree on random programs built from the differentiable constructs: for a generated
 * f(x, y), u * (J v) computed by forward mode equals (u J) . v computed by reverse mode, for random
 * u and v, and both agree with central differences. Every program is total on its inputs (no
 * division by zero, no log of a negative), so any disagreement is a transform bug.
 */
class AdRandomProgramTest {
    private static final int PROGRAMS = 40;

    @Test
    void forwardAndReverseModeAgreeOnRandomPrograms() {
        Random random = new Random(20261122L);
        for (int p = 0; p < PROGRAMS; p++) {
            String program = new Generator(random).function();
            try (AdHarness ad = new AdHarness(program)) {
                double x = random.nextDouble() * 2 - 1;
                double y = random.nextDouble() * 2 - 1;
                double u = random.nextDouble() * 2 - 1;
                double v0 = random.nextDouble() * 2 - 1;
                double v1 = random.nextDouble() * 2 - 1;
                String at = "(" + x + ", " + y + ")";
                double forward = ad.number("jvp(f, " + at + ", (" + v0 + ", " + v1 + "))[1]");
                double g0 = ad.number("vjp(f, " + x + ", " + y + ")[1](" + u + ")[0]");
                double g1 = ad.number("vjp(f, " + x + ", " + y + ")[1](" + u + ")[1]");
                String what = "program " + p + ":\n" + program;
                AdHarness.assertClose(u * forward, g0 * v0 + g1 * v1, 1e-9, "<u, J v> both ways, " + what);
                double e = 1e-6;
                double numeric = (ad.number("f(" + (x + e * v0) + ", " + (y + e * v1) + ")")
                                - ad.number("f(" + (x - e * v0) + ", " + (y - e * v1) + ")")) / (2 * e);
                AdHarness.assertClose(numeric, forward, 1e-5, "jvp against central differences, " + what);
            }
        }
    }

    /** Random total functions of two floats, using loops, branches, calls, lists and records. */
    private static final class Generator {
        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        String function() {
            StringBuilder out = new StringBuilder();
            out.append("fn helper(a, b) = ").append(expression(2, "a", "b")).append('\n');
            out.append("fn f(x, y) {\n");
            out.append("    let s = ").append(expression(2, "x", "y")).append('\n');
            int statements = 2 + random.nextInt(4);
            for (int i = 0; i < statements; i++) {
                out.append(statement());
            }
            out.append("    s\n}\n");
            return out.toString();
        }

        private String statement() {
            return switch (random.nextInt(7)) {
                case 0 -> "    s = s + " + expression(2, "s", "x") + "\n";
                case 1 -> "    if " + expression(1, "s", "y") + " > 0.0 { s = s * " + expression(1, "x", "y") + " } else { s = s - helper(s, y) }\n";
                case 2 -> "    for i in range(" + (1 + random.nextInt(4)) + ") { s = s * 0.9 + " + expression(1, "s", "x") + " * 0.1 }\n";
                case 3 -> "    let xs = [s, x, y]\n    for k in range(3) { xs[k] = xs[k] * " + expression(1, "x", "y") + " }\n    s = xs[0] + xs[1] - xs[2]\n";
                case 4 -> "    let r = {p: s, q: y}\n    r.p = r.p + helper(r.q, x)\n    s = r.p * 0.5\n";
                case 5 -> "    let n = 0\n    while n < 3 and s < 10.0 { s = s + tanh(s) * 0.5; n = n + 1 }\n";
                default -> "    s = helper(s, " + expression(1, "x", "y") + ")\n";
            };
        }

        private String expression(int depth, String a, String b) {
            if (depth == 0) {
                return switch (random.nextInt(4)) {
                    case 0 -> a;
                    case 1 -> b;
                    case 2 -> String.valueOf(random.nextInt(3) + 1) + ".5";
                    default -> a;
                };
            }
            String l = expression(depth - 1, a, b);
            String r = expression(depth - 1, a, b);
            return switch (random.nextInt(9)) {
                case 0 -> "(" + l + " + " + r + ")";
                case 1 -> "(" + l + " - " + r + ")";
                case 2 -> "(" + l + " * " + r + ")";
                case 3 -> "(" + l + " / (1.0 + " + r + " * " + r + "))";
                case 4 -> "sin(" + l + ")";
                case 5 -> "exp(tanh(" + l + "))";
                case 6 -> "log(1.0 + " + l + " * " + l + ")";
                case 7 -> "sqrt(2.0 + cos(" + l + "))";
                default -> "(" + l + " ** 2)";
            };
        }
    }
}
