package delta.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import delta.parser.ast.Expr;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Robustness: mutated and random inputs either parse, with every span inside the text and inside
 * its parent, or throw a SyntaxError whose span lies inside the text. Nothing else may escape.
 */
class FuzzTest {
    private static final int INPUTS = 20_000;

    static final List<String> VALID = List.of(
            "let x = 1 + 2 * 3\nprint(x)",
            "fn f(a, b) {\n  let c = a @ b\n  return c ** 2\n}\nf(1, 2)",
            "fn sq(x) = x * x\nlet ys = map(xs, x -> sq(x) + 1)",
            "let (a, (b, c)) = t\nfor (k, v) in items(r) {\n  if k == 'w' { continue } else if v < 0 { break }\n}",
            "let r = {w: 1.0, \"b\": [1, 2, 3,], f: fn(x) { x }}\nr.w += 2\nr[\"b\"][0] = -1",
            "while not done and i < 10 {\n  i -= 1; done = i <= 0 or i // 2 % 3 != 1\n}",
            "import nn\nimport nn as n\nimport \"lib/other.dl\"\nimport 'x.dl' as y",
            "let t2 = t[1:, ::2, :3][0, :]\nlet s = t[a:b:c]\nlet e = ()\nlet one = (1,)",
            "let g = grad((p, x) -> loss(p, x, axis=1, keep=true))\nlet z = g(params)(x)",
            "if a {\n  1\n}\nelse {\n  2\n}\nlet msg = \"tab\\t\\u{1F600}\\u00e9 'q' \\\"dq\\\"\"",
            "let b = {\n  let y = 2\n  y * 3\n}\nlet e = {}\nlet n = none; let q = false",
            "x = -2 ** -1 ** 2 - - 3e-2 + 1_000 / 2.5E+10",
            "each(xs, fn(x) {\n  print(x)\n  x\n})\nlet h = () -> 42",
            "fn fact(n) {\n  if n <= 1 { return 1 }\n  n * fact(n - 1)\n}\n# done\n",
            "let m = [\n  [1, 2],\n  [3, 4],\n]\nm[0][1] *= 2; m[1] /= 3",
            "let k = if x > 0 { x } else { -x }\nlet w = f(x)(y).z[0]"
    );

    private static final String[] VOCABULARY = {
        "let", "fn", "if", "else", "while", "for", "in", "break", "continue", "return", "and", "or", "not",
        "true", "false", "none", "import", "as", "x", "y", "f", "(", ")", "[", "]", "{", "}", ",", ".", ":", ";",
        "->", "=", "+=", "-=", "*=", "/=", "+", "-", "*", "/", "//", "%", "**", "@", "==", "!=", "<", "<=", ">",
        ">=", "\n", "1", "2.5", "1e3", "\"s\"", "'t'", "#c\n", "$", "\"", "'", "\\", "9999999999999999999999",
        "1_", "\"\\u{", "\"\\q\"", "a:", "{a: 1}", "x ->", "(a, b) ->", "fn(x) =",
    };

    private static final String CHARACTERS = "(){}[],.:;=+-*/%@<>!&|#\"'\\ \n\t\r_0123456789aezE$`\u00e9\uD83D\u0000";

    @Test
    void theValidCorpusParses() {
        for (String source : VALID) {
            Expr.Block program = Parse.program(source);
            SpanChecker.check(program, source.length());
            assertTrue(!program.items().isEmpty(), source);
        }
    }

    @Test
    void mutatedAndRandomInputsOnlyEverThrowSyntaxErrors() {
        Random random = new Random(20_240_601L);
        int parsed = 0;
        int failed = 0;
        int incomplete = 0;
        for (int i = 0; i < INPUTS; i++) {
            String input = i % 10 == 9 ? randomTokens(random) : mutate(VALID.get(random.nextInt(VALID.size())), random);
            switch (check(input)) {
                case PARSED -> parsed++;
                case FAILED -> failed++;
                case INCOMPLETE -> {
                    failed++;
                    incomplete++;
                }
            }
        }
        // The mutations must exercise both outcomes, or this test proves little.
        assertTrue(parsed > 1_000, "parsed " + parsed);
        assertTrue(failed > 5_000, "failed " + failed);
        assertTrue(incomplete > 200, "incomplete " + incomplete);
    }

    @Test
    void everyPrefixOfTheCorpusIsHandled() {
        for (String source : VALID) {
            for (int end = 0; end <= source.length(); end++) {
                check(source.substring(0, end));
            }
        }
    }

    private static final int N = 20_000;

    static final List<String> DEEP = List.of(
            "(".repeat(N), "[".repeat(N), "{".repeat(N), "f(".repeat(N), "a[".repeat(N), "{a: ".repeat(N),
            "(".repeat(N) + "1" + ")".repeat(N), "[".repeat(N) + "]".repeat(N), "{".repeat(N) + "}".repeat(N),
            "-".repeat(N) + "1", "not ".repeat(N) + "x", "x -> ".repeat(N) + "x", "2 ** ".repeat(N) + "2",
            "fn(x) = ".repeat(N) + "x", "if c {".repeat(N), "while c {".repeat(N) + "}".repeat(N),
            "for x in xs {".repeat(N), "let " + "(".repeat(N) + "a", "if c {} " + "else if c {} ".repeat(N),
            "fn f() {".repeat(N), "((".repeat(N) + ") -> 1", "x = " + "[".repeat(N),
            "not -(".repeat(N), "a.b(".repeat(N), "{x: {y: ".repeat(N), "let y = " + "(a, ".repeat(N));

    @Test
    void deeplyNestedInputHitsTheDepthLimitOnTheDefaultStack() throws InterruptedException {
        // 512 KiB: half the JVM's default thread stack, so the limit holds with room to spare.
        onStack(512 * 1024, () -> {
            for (String input : DEEP) {
                SyntaxError e = assertThrows(SyntaxError.class, () -> Parse.program(input), () -> show(input));
                assertTrue(e.getMessage().startsWith("nesting too deep"),
                        () -> e.getMessage() + " for " + show(input));
                assertFalse(e.incomplete(), () -> show(input));
            }
        });
    }

    @Test
    void deeplyNestedInputFailsCleanlyEvenOnATinyStack() throws InterruptedException {
        onStack(96 * 1024, () -> {
            for (String input : DEEP) {
                assertEquals(Result.FAILED, check(input), () -> show(input));
            }
        });
    }

    @Test
    void nestingJustUnderTheLimitParses() {
        Parse.program("(".repeat(150) + "1" + ")".repeat(150));
        Parse.program("[".repeat(150) + "]".repeat(150));
        Parse.program("x = " + "-".repeat(150) + "1");
        Parse.program("if c {".repeat(40) + "}".repeat(40));
    }

    private static void onStack(long bytes, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> problem = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable t) {
                problem.set(t);
            }
        }, "parser-stack-test", bytes);
        thread.start();
        thread.join();
        if (problem.get() != null) {
            fail(problem.get());
        }
    }

    @Test
    void longFlatInputIsFine() {
        String source = "let x = 1\n".repeat(20_000) + "[" + "1, ".repeat(20_000) + "]";
        assertEquals(20_001, Parse.program(source).items().size());
    }

    enum Result { PARSED, FAILED, INCOMPLETE }

    /** Parses one input, failing the test on anything but success or a well-formed SyntaxError. */
    static Result check(String input) {
        Expr.Block program;
        try {
            program = Parse.program(input);
        } catch (SyntaxError e) {
            int length = input.length();
            if (e.span() == null || e.span().start() < 0 || e.span().end() > length || e.span().start() > e.span().end()) {
                fail("span " + e.span() + " outside text of length " + length + " for " + show(input));
            }
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail("no message for " + show(input));
            }
            if (e.incomplete() && e.span().start() != length && !e.getMessage().startsWith("unterminated string")) {
                fail("incomplete error '" + e.getMessage() + "' not at the end, for " + show(input));
            }
            return e.incomplete() ? Result.INCOMPLETE : Result.FAILED;
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for " + show(input), t);
        }
        try {
            SpanChecker.check(program, input.length());
            TreePrinter.program(program);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " for " + show(input), e);
        }
        return Result.PARSED;
    }

    private static String mutate(String source, Random random) {
        String s = source;
        int count = 1 + random.nextInt(3);
        for (int m = 0; m < count; m++) {
            List<Token> tokens = Lexer.tokenize(s).stream()
                    .filter(t -> t.kind() != TokenKind.EOF && t.kind() != TokenKind.ERROR && t.end() > t.start())
                    .toList();
            int op = random.nextInt(9);
            if (tokens.isEmpty() || op >= 6) {
                s = mutateCharacters(s, random, op);
                continue;
            }
            Token t = tokens.get(random.nextInt(tokens.size()));
            String word = VOCABULARY[random.nextInt(VOCABULARY.length)];
            s = switch (op) {
                case 0 -> s.substring(0, t.start()) + s.substring(t.end());
                case 1 -> s.substring(0, t.end()) + " " + t.text() + s.substring(t.end());
                case 2 -> s.substring(0, t.start()) + word + " " + s.substring(t.start());
                case 3 -> s.substring(0, t.start()) + word + s.substring(t.end());
                case 4 -> {
                    int j = tokens.indexOf(t);
                    if (j + 1 >= tokens.size()) {
                        yield s;
                    }
                    Token u = tokens.get(j + 1);
                    yield s.substring(0, t.start()) + u.text() + s.substring(t.end(), u.start()) + t.text()
                            + s.substring(u.end());
                }
                default -> s.substring(0, t.start());
            };
        }
        return s;
    }

    private static String mutateCharacters(String s, Random random, int op) {
        int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
        char c = CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
        return switch (op) {
            case 6 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s;
            case 7 -> s.substring(0, at) + c + s.substring(at);
            default -> at < s.length() ? s.substring(0, at) + c + s.substring(at + 1) : s + c;
        };
    }

    private static String randomTokens(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
            b.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return b.toString();
    }

    private static String show(String input) {
        String shown = input.length() > 300 ? input.substring(0, 300) + "..." : input;
        return "input <<" + shown.replace("\n", "\\n") + ">>";
    }
}
