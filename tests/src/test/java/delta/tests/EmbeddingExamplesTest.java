package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of docs/embedding.md. Each test's body between "// doc:begin" and "// doc:end"
 * is a block of that document, character for character (EmbeddingDocTest checks it): edit both
 * together. The assertions are the document's claims, so a broken feature fails here.
 */
class EmbeddingExamplesTest {
    @Test
    void evalReturnsValues() {
        // doc:begin
        try (Context context = Context.create("dl")) {
            Value three = context.eval("dl", "1 + 2");
            assertEquals(3, three.asInt());
            Value list = context.eval("dl", "[1, 2.5, \"three\"]");
            assertTrue(list.hasArrayElements());
            assertEquals(2.5, list.getArrayElement(1).asDouble());
            Value point = context.eval("dl", "{x: 1, y: 2}");
            assertEquals(2, point.getMember("y").asInt());
            assertEquals("[1, 2.5, \"three\"]", list.toString());
        }
        // doc:end
    }

    @Test
    void deltaFunctionsAreExecutable() {
        // doc:begin
        try (Context context = Context.create("dl")) {
            Value norm = context.eval("dl", """
                fn norm(x, y) = sqrt(x * x + y * y)
                norm
                """);
            assertTrue(norm.canExecute());
            assertEquals(5.0, norm.execute(3, 4).asDouble());
            assertEquals(2.5, norm.execute(1.5, 2.0).asDouble());
        }
        // doc:end
    }

    @Test
    void javaArraysAndListsWorkAsDeltaValues() {
        // doc:begin
        HostAccess arraysAndLists = HostAccess.newBuilder(HostAccess.EXPLICIT)
            .allowArrayAccess(true).allowListAccess(true).build();
        try (Context context = Context.newBuilder("dl").allowHostAccess(arraysAndLists).build()) {
            Value sum = context.eval("dl", """
                fn sum(xs) {
                    let total = 0
                    for x in xs { total = total + x }
                    total
                }
                sum
                """);
            assertEquals(6, sum.execute(new int[] {1, 2, 3}).asInt());
            assertEquals(6.5, sum.execute(List.of(1, 2, 3.5)).asDouble());
        }
        // doc:end
    }

    @Test
    void bindingsAreTheGlobalScope() {
        // doc:begin
        try (Context context = Context.create("dl")) {
            Value globals = context.getBindings("dl");
            globals.putMember("rate", 0.5);
            context.eval("dl", "let scaled = rate * 10");
            assertEquals(5.0, globals.getMember("scaled").asDouble());
            assertTrue(globals.hasMember("print"));
        }
        // doc:end
    }

    @Test
    void errorsCarryTheirDeltaLocation() {
        // doc:begin
        try (Context context = Context.create("dl")) {
            Source source = Source.create("dl", "let a = 1\nlet b = a + \"x\"\n");
            PolyglotException error = assertThrows(PolyglotException.class, () -> context.eval(source));
            assertTrue(error.isGuestException());
            assertFalse(error.isSyntaxError());
            assertEquals(2, error.getSourceLocation().getStartLine());
            assertTrue(error.getMessage().startsWith("unsupported operand types for +: int and str"));
        }
        // doc:end
    }

    @Test
    void untrustedCodeInASandbox() {
        // doc:begin
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("dl")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(output).err(output)
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(100_000, null).build())
                .build()) {
            context.eval("dl", "print(\"hello from the sandbox\")");
            assertEquals("hello from the sandbox\n", output.toString(StandardCharsets.UTF_8));
            PolyglotException stopped = assertThrows(PolyglotException.class, () -> context.eval("dl", "while true { }"));
            assertTrue(stopped.isCancelled());
        } catch (PolyglotException closing) {
            assertTrue(closing.isCancelled()); // closing a cancelled context reports the cancellation again
        }
        // doc:end
    }
}
