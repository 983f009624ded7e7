package delta.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random Delta programs for the fuzz test: mostly well-formed programs built from the grammar
 * (so they get past the parser and exercise the interpreter), and mutations of real programs
 * (so the error paths of both get exercised).
 */
final class ProgramGenerator {
    private static final String[] NAMES = {"a", "b", "c", "xs", "r", "f", "g", "n"};
    private static final String[] BUILTINS = {"print", "len", "str", "type", "abs", "sin", "exp", "log", "sqrt", "floor",
        "ceil", "min", "max", "range", "append", "int", "float", "assert", "error", "tanh", "randint", "rand"};
    private static final String[] BINARY = {"+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", "<=", ">", ">=", "and", "or", "@"};
    private static final String[] TOKENS = {"(", ")", "[", "]", "{", "}", ",", ":", "->", "=", "let", "fn", "if", "else",
        "while", "for", "in", "return", "break", "continue", "1", "2.5", "\"s\"", "x", "none", ";", "\n", "import", "not", ".", "#"};

    private final Random random;
    private final List<String> corpus;

    ProgramGenerator(long seed, List<String> corpus) {
        this.random = new Random(seed);
        this.corpus = corpus;
    }

    String next() {
        return random.nextInt(3) == 0 && !corpus.isEmpty() ? mutate(corpus.get(random.nextInt(corpus.size()))) : program();
    }

    private String program() {
        StringBuilder out = new StringBuilder();
        int statements = 1 + random.nextInt(8);
        for (int i = 0; i < statements; i++) {
            out.append(statement(0)).append('\n');
        }
        return out.toString();
    }

    private String statement(int depth) {
        if (depth > 3) {
            return expression(depth);
        }
        return switch (random.nextInt(10)) {
            case 0, 1 -> "let " + name() + " = " + expression(depth);
            case 2 -> name() + " = " + expression(depth);
            case 3 -> "fn " + name() + "(" + String.join(", ", params()) + ") { " + statement(depth + 1) + "; " + expression(depth + 1) + " }";
            case 4 -> "if " + expression(depth) + " { " + statement(depth + 1) + " } else { " + statement(depth + 1) + " }";
            case 5 -> "for " + name() + " in " + (random.nextBoolean() ? "range(" + random.nextInt(20) + ")" : expression(depth)) + " { " + statement(depth + 1) + " }";
            case 6 -> "while " + expression(depth) + " { " + statement(depth + 1) + (random.nextBoolean() ? "; break" : "") + " }";
            case 7 -> "print(" + expression(depth) + ")";
            default -> expression(depth);
        };
    }

    private List<String> params() {
        List<String> params = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            params.add("p" + i);
        }
        return params;
    }

    private String expression(int depth) {
        if (depth > 4) {
            return atom();
        }
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> atom();
            case 3, 4 -> expression(depth + 1) + " " + BINARY[random.nextInt(BINARY.length)] + " " + expression(depth + 1);
            case 5 -> BUILTINS[random.nextInt(BUILTINS.length)] + "(" + arguments(depth) + ")";
            case 6 -> name() + "(" + arguments(depth) + ")";
            case 7 -> "[" + arguments(depth) + "]";
            case 8 -> "{w: " + expression(depth + 1) + ", b: " + expression(depth + 1) + "}";
            case 9 -> expression(depth + 1) + "[" + expression(depth + 1) + "]";
            case 10 -> "(" + (random.nextBoolean() ? "x" : "") + ") -> " + expression(depth + 1);
            default -> (random.nextBoolean() ? "-" : "not ") + expression(depth + 1);
        };
    }

    private String arguments(int depth) {
        List<String> args = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            args.add(expression(depth + 1));
        }
        return String.join(", ", args);
    }

    private String atom() {
        return switch (random.nextInt(9)) {
            case 0 -> String.valueOf(random.nextInt(100) - 10);
            case 1 -> String.valueOf(random.nextDouble() * 10);
            case 2 -> "\"t" + random.nextInt(10) + "\"";
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "none";
            case 5 -> "9223372036854775807";
            case 6 -> "r.w";
            default -> name();
        };
    }

    private String name() {
        return NAMES[random.nextInt(NAMES.length)];
    }

    private String mutate(String text) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> out.delete(at, Math.min(out.length(), at + random.nextInt(20)));
                default -> {
                    int other = random.nextInt(out.length());
                    char c = out.charAt(at);
                    out.setCharAt(at, out.charAt(other));
                    out.setCharAt(other, c);
                }
            }
        }
        return out.toString();
    }
}
