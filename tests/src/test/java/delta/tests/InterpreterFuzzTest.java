package delta.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

/**
 * Feeds generated and mutated programs through the parser and the interpreter under a statement
 * limit. Every failure must be a Delta error that names a source location; a Java exception, an
 * internal error or an error without a location fails the test and prints the program.
 */
class InterpreterFuzzTest {
    private static final int PROGRAMS = 10_000;
    private static final long STATEMENT_LIMIT = 5_000;

    @Test
    void everyFailureIsADeltaErrorWithALocation() throws IOException {
        ProgramGenerator generator = new ProgramGenerator(20261122L, corpus());
        int ran = 0;
        int deltaErrors = 0;
        int limited = 0;
        ResourceLimits limits = ResourceLimits.newBuilder().statementLimit(STATEMENT_LIMIT, null).build();
        try (Engine engine = Engine.newBuilder("dl").option("engine.WarnInterpreterOnly", "false").build()) {
            Context context = newContext(engine, limits);
            try {
                for (int i = 0; i < PROGRAMS; i++) {
                    String program = generator.next();
                    try {
                        context.eval(Source.newBuilder("dl", program, "fuzz" + i + ".dl").buildLiteral());
                        ran++;
                    } catch (PolyglotException e) {
                        if (e.isResourceExhausted() || e.isCancelled()) {
                            limited++;
                            context.close(true);
                            context = newContext(engine, limits);
                            continue;
                        }
                        check(program, e);
                        deltaErrors++;
                    } catch (RuntimeException | StackOverflowError e) {
                        fail("a Java exception escaped for program:\n" + program, e);
                    }
                }
            } finally {
                context.close(true);
            }
        }
        System.out.printf("fuzz: %d programs: %d ran, %d Delta errors, %d stopped by the statement limit%n", PROGRAMS, ran, deltaErrors, limited);
        assertTrue(ran > PROGRAMS / 20, "too few programs ran to completion (" + ran + "): the generator is off");
        assertTrue(deltaErrors > PROGRAMS / 20, "too few errors (" + deltaErrors + "): the mutations are off");
    }

    private static Context newContext(Engine engine, ResourceLimits limits) {
        return Context.newBuilder("dl").engine(engine).resourceLimits(limits).out(OutputStream.nullOutputStream())
                        .err(OutputStream.nullOutputStream()).build();
    }

    private static void check(String program, PolyglotException e) {
        if (e.isInternalError() || e.isHostException() || !e.isGuestException()) {
            fail("internal error for program:\n" + program + "\n---\n" + e.getMessage(), e);
        }
        boolean located = e.getSourceLocation() != null;
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            located |= frame.isGuestFrame() && frame.getSourceLocation() != null;
        }
        if (!located) {
            fail("a Delta error without a source location for program:\n" + program + "\n---\n" + e.getMessage());
        }
        String message = String.valueOf(e.getMessage());
        if (message.matches("(?s).*(java\\.|Exception|\\bnull\\b).*") && !message.contains("none")) {
            fail("an error message that leaks Java internals for program:\n" + program + "\n---\n" + message);
        }
    }

    /** Real programs to mutate: the examples and golden tests. */
    private static List<String> corpus() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path dir : new Path[]{DeltaRunner.root().resolve("examples"), DeltaRunner.root().resolve("tests/src/test/resources/golden")}) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".dl")).toList()) {
                    texts.add(Files.readString(file));
                }
            }
        }
        return texts;
    }
}
