package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * format, f-strings, round and join: seeded random cases run through Delta and through Python's
 * format(), f-strings and round(), whose rules Delta follows, and which must agree character for character
 * (skipped, with the reason printed, without a python3); then the error messages.
 */
class TextFormattingTest {
    private static final String[] TYPES = {"", "f", "F", "e", "E", "g", "G", "%"};

    /** A float that exercises rounding: halfway cases, wide magnitudes, signed zero, non-finite values. */
    private static double randomFloat(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> (r.nextInt(2000) - 1000) / 8.0; // exact binary halves and eighths
            case 1 -> (r.nextInt(20000) - 10000) / 1000.0 + 0.005; // near decimal halfway points, like 2.675
            case 2 -> r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15);
            case 3 -> r.nextGaussian() * 1e6;
            case 4 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e16, 1e-5, 0.5, 1.5, 2.5}[r.nextInt(10)];
            default -> r.nextGaussian();
        };
    }

    private static String deltaLiteral(double v) {
        if (Double.isNaN(v)) {
            return "float(\"nan\")";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "float(\"inf\")" : "float(\"-inf\")";
        }
        return (v < 0 || (v == 0 && 1 / v < 0) ? "-" : "") + Double.toString(Math.abs(v));
    }

    private static String pythonLiteral(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "float('" + v + "')".replace("Infinity", "inf").replace("NaN", "nan")
                : deltaLiteral(v).replace("E", "e");
    }

    private static String randomSpec(Random r, boolean isInt) {
        StringBuilder spec = new StringBuilder();
        int layout = r.nextInt(4);
        if (layout == 1) {
            spec.append("<>^=".charAt(r.nextInt(4)));
        } else if (layout == 2) {
            spec.append("*_.".charAt(r.nextInt(3))).append("<>^".charAt(r.nextInt(3)));
        }
        if (r.nextInt(3) == 0) {
            spec.append("+- ".charAt(r.nextInt(3)));
        }
        if (layout == 0 && r.nextInt(4) == 0) {
            spec.append('0');
        }
        if (r.nextBoolean()) {
            spec.append(1 + r.nextInt(14));
        }
        if (r.nextInt(4) == 0) {
            spec.append(",_".charAt(r.nextInt(2)));
        }
        String type = isInt && r.nextBoolean() ? (r.nextBoolean() ? "d" : "") : TYPES[r.nextInt(TYPES.length)];
        if (!(isInt && (type.isEmpty() || type.equals("d"))) && r.nextInt(3) > 0) {
            spec.append('.').append(r.nextInt(type.isEmpty() || type.startsWith("g") || type.startsWith("G") ? 12 : 9) + (type.isEmpty() ? 1 : 0));
        }
        return spec.append(type).toString();
    }

    @Test
    void formatAndRoundAgreeWithPython() throws Exception {
        String python = python();
        if (python == null) {
            String reason = "TextFormattingTest skipped: no python3 (neither /usr/bin/python3 nor python3 on the PATH)";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        Random r = new Random(Long.getLong("delta.test.seed", 2026));
        List<String> deltaLines = new ArrayList<>();
        List<String> pythonLines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean isInt = i % 4 == 0;
            long n = r.nextBoolean() ? r.nextInt(2001) - 1000 : r.nextLong() >> r.nextInt(60);
            double x = randomFloat(r);
            String spec = randomSpec(r, isInt);
            String delta = isInt ? Long.toString(n) : deltaLiteral(x);
            String py = isInt ? Long.toString(n) : pythonLiteral(x);
            deltaLines.add("print(\"[\" + format(" + delta + ", \"" + spec + "\") + \"]\")");
            pythonLines.add("print('[' + format(" + py + ", '" + spec + "') + ']')");
            // The same as an f-string field, in both languages.
            deltaLines.add("let v" + i + " = " + delta + "\nprint(f\"[{v" + i + ":" + spec + "}] {{" + i + "}}\")");
            pythonLines.add("v" + i + " = " + py + "\nprint(f\"[{v" + i + ":" + spec + "}] {{" + i + "}}\")");
        }
        for (int i = 0; i < 200; i++) {
            double x = randomFloat(r);
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                continue;
            }
            int digits = r.nextInt(9) - 2;
            deltaLines.add("print(round(" + deltaLiteral(x) + ", " + digits + "), round(" + deltaLiteral(x / 7) + "))");
            pythonLines.add("print(repr(round(" + pythonLiteral(x) + ", " + digits + ")), round(" + pythonLiteral(x / 7) + "))");
        }
        String deltaOut = DeltaRunner.run(Source.create("dl", String.join("\n", deltaLines)));
        String pythonOut = runPython(python, String.join("\n", pythonLines));
        String[] d = deltaOut.split("\n"), p = pythonOut.split("\n");
        assertEquals(p.length, d.length, "line counts differ; Delta printed:\n" + deltaOut);
        for (int i = 0; i < p.length; i++) {
            // f-string lines end in "{case}", the case's number in the program.
            assertEquals(p[i], d[i], "output line " + (i + 1) + " of the program:\n" + String.join("\n", deltaLines));
        }
    }

    @Test
    void roundHalvesToEvenAndKeepsInts() {
        String out = DeltaRunner.run(Source.create("dl", String.join("\n",
                "print(round(0.5), round(1.5), round(2.5), round(-2.5), type(round(2.7)))",
                "print(round(2.675, 2), round(1250, -2), round(1350, -2), type(round(7, 1)), round(-0.001, 2))")));
        assertEquals("0 2 2 -2 int\n2.67 1200 1400 int -0.0\n", out);
    }

    @Test
    void joinShowsStrsBareAndOtherValuesAsStrDoes() {
        String out = DeltaRunner.run(Source.create("dl", String.join("\n",
                "print(join([\"a\", 1, 2.5, [3]], \"|\"))",
                "print(join(range(4), \", \"), \"<\" + join([], \"x\") + \">\", join((\"p\", \"q\"), \"\"))")));
        assertEquals("a|1|2.5|[3]\n0, 1, 2, 3 <> pq\n", out);
    }

    @Test
    void mistakesNameTheSpecTheValueAndTheLocation() {
        String[][] cases = {
            {"format(1.5, \"d\")", "format(): format spec \"d\" for float 1.5: type 'd' needs an int, got a float"},
            {"format(1, \"q\")", "unknown format type 'q'; the types are d f F e E g G % s"},
            {"format(3, \".2\")", "a precision is not allowed for an int with type none"},
            {"format(\"ab\", \"+5\")", "sign, '#', grouping and '=' alignment apply to numbers only"},
            {"format(\"ab\", \"f\")", "type 'f' needs a number"},
            {"format(2.0, \"8.\")", "'.' must be followed by the precision"},
            {"format(2.0, 5)", "format() expects a str as argument 2, got int 5"},
            {"f\"{1.5:d}\"", "f-string field: format spec \"d\" for float 1.5: type 'd' needs an int"},
            {"round(\"a\")", "round() expects a number as argument 1, got str \"a\""},
            {"round(2.5, 1.0)", "round() expects an int as argument 2"},
            {"round(float(\"nan\"))", "round(): cannot convert nan to an int"},
            {"join(3, \",\")", "join() expects a list, tuple or range as argument 1, got int 3"},
        };
        for (String[] c : cases) {
            String out = DeltaRunner.run(Source.newBuilder("dl", "let ok = 1\nprint(" + c[0] + ")", "case.dl").buildLiteral());
            assertTrue(out.contains("case.dl:2:7") && out.contains(c[1]), c[0] + " printed:\n" + out);
        }
    }

    private static String runPython(String python, String program) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(python, "-c", "import sys\nexec(sys.stdin.read())").redirectErrorStream(true).start();
        process.getOutputStream().write(program.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, process.exitValue(), "python3 failed:\n" + out);
        return out;
    }

    /** Debian's python3 first, then the one on the PATH; null if there is none. */
    private static String python() {
        for (String candidate : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "pass").redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
