package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running untrusted Delta: the CONSTRAINED sandbox policy, statement limits, and host access and file
 * reads refused unless the embedder grants them.
 */
class SandboxTest {
    @TempDir Path dir;

    /** A host object with a public field and method but no @HostAccess.Export: hidden unless access is granted. */
    public static final class Account {
        public int balance = 42;

        public String owner() {
            return "alice";
        }
    }

    @Test
    void endlessLoopIsStoppedByTheStatementLimitWithACleanError() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ResourceLimits limits = ResourceLimits.newBuilder().statementLimit(50_000, null).build();
        Context context = Context.newBuilder("dl").sandbox(SandboxPolicy.CONSTRAINED).out(output).err(output).resourceLimits(limits).build();
        long start = System.nanoTime();
        PolyglotException stopped = assertThrows(PolyglotException.class, () -> context.eval("dl", "print(\"started\")\nwhile true { }"));
        // Cancelled by the engine, not a Delta error and not a Java crash; the message says why.
        assertTrue(stopped.isCancelled(), stopped.toString());
        assertFalse(stopped.isInternalError(), stopped.toString());
        assertTrue(stopped.getMessage().startsWith("Statement count limit of 50000 exceeded"), stopped.getMessage());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "stopped promptly");
        assertEquals("started\n", output.toString(StandardCharsets.UTF_8), "output before the loop is kept");
        PolyglotException onClose = assertThrows(PolyglotException.class, context::close);
        assertTrue(onClose.isCancelled(), "a cancelled context reports the cancellation when closed");
    }

    @Test
    void programsUnderTheLimitRunNormally() {
        ResourceLimits limits = ResourceLimits.newBuilder().statementLimit(50_000, null).build();
        try (Context context = Context.newBuilder("dl").out(new ByteArrayOutputStream()).resourceLimits(limits).build()) {
            assertEquals(4950, context.eval("dl", "let t = 0\nfor i in range(100) { t = t + i }\nt").asInt());
        }
    }

    @Test
    void constrainedPolicyIsAcceptedAndDemandsRedirectedOutput() {
        // Delta declares SandboxPolicy.CONSTRAINED; the engine then insists that output does not reach the process's streams.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> Context.newBuilder("dl").sandbox(SandboxPolicy.CONSTRAINED).build().close());
        assertTrue(refused.getMessage().contains("output must be redirected"), refused.getMessage());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("dl").sandbox(SandboxPolicy.CONSTRAINED).out(output).err(output).build()) {
            context.eval("dl", "print(1 + 1)");
        }
        assertEquals("2\n", output.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hostObjectsAreOpaqueUnlessHostAccessIsGranted() {
        try (Context context = Context.newBuilder("dl").sandbox(SandboxPolicy.CONSTRAINED).out(new ByteArrayOutputStream())
                        .err(new ByteArrayOutputStream()).build()) {
            context.getBindings("dl").putMember("account", new Account());
            PolyglotException field = assertThrows(PolyglotException.class, () -> context.eval("dl", "account.balance"));
            assertTrue(field.isGuestException() && field.getMessage().contains("no field 'balance'"), field.getMessage());
            PolyglotException method = assertThrows(PolyglotException.class, () -> context.eval("dl", "account.owner()"));
            assertTrue(method.getMessage().contains("no field 'owner'"), method.getMessage());
        }
        try (Context context = Context.newBuilder("dl").allowHostAccess(HostAccess.ALL).build()) {
            context.getBindings("dl").putMember("account", new Account());
            assertEquals(42, context.eval("dl", "account.balance").asInt());
            assertEquals("alice", context.eval("dl", "account.owner()").asString());
        }
    }

    @Test
    void fileImportsAreRefusedUnlessIoIsGranted() throws Exception {
        Path library = Files.writeString(dir.resolve("secret.dl"), "let value = 7\n");
        String program = "import \"" + library.toString().replace("\\", "/") + "\" as lib\nlib.value";
        try (Context context = Context.newBuilder("dl").sandbox(SandboxPolicy.CONSTRAINED).out(new ByteArrayOutputStream())
                        .err(new ByteArrayOutputStream()).build()) {
            PolyglotException refused = assertThrows(PolyglotException.class, () -> context.eval("dl", program));
            assertTrue(refused.isGuestException(), refused.toString());
            assertTrue(refused.getMessage().contains("file access is not allowed in this context"), refused.getMessage());
        }
        try (Context context = Context.newBuilder("dl").allowIO(IOAccess.ALL).build()) {
            assertEquals(7, context.eval("dl", program).asInt());
        }
        // The standard library ships inside Delta's jar: importing it needs no file access.
        try (Context context = Context.newBuilder("dl").sandbox(SandboxPolicy.CONSTRAINED).out(new ByteArrayOutputStream())
                        .err(new ByteArrayOutputStream()).build()) {
            assertEquals(0.5, context.eval("dl", "import nn\nnn.sigmoid(0)").asDouble());
        }
    }
}
