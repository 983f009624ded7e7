package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.tensor.Backends;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 from the outside: dl --device, the dl.Device option, to(t, device) and mixed devices.
 * Each test checks what this machine should do: with a CUDA device, tensors go there; without
 * one, --device=cuda stops with the reason and everything else runs on the CPU.
 */
class CudaDeviceTest {
    @TempDir Path dir;

    static final boolean CUDA = Backends.cudaAvailable();

    @Test
    void dlDeviceCuda() throws Exception {
        Files.writeString(dir.resolve("t.dl"), "let t = ones([2, 3])\nprint(t.device, item(sum(t @ transpose(t))))\n");
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "--device=cuda", "t.dl");
        if (CUDA) {
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("cuda:0 12.0\n", r.out(), r.toString());
        } else {
            System.out.println("no CUDA here (" + Backends.cudaUnavailableReason() + "): checking the error of dl --device=cuda");
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("", r.out(), r.toString());
            assertTrue(r.err().startsWith("dl: --device=cuda: cuda:0 is not available: " + Backends.cudaUnavailableReason()), r.toString());
            assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), "no Java trace: " + r);
        }
    }

    @Test
    void dlDeviceCpuAndBadDevice() throws Exception {
        Files.writeString(dir.resolve("t.dl"), "print(ones([2]).device)\n");
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "--device=cpu", "t.dl");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("cpu\n", r.out(), r.toString());
        LauncherProcess.Result bad = LauncherProcess.run(dir, null, "--device=gpu", "t.dl");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("unknown device 'gpu' (expected cpu, cuda or cuda:N)"), bad.toString());
    }

    @Test
    void toMovesOrExplains() {
        try (Context c = Context.newBuilder("dl").option("engine.WarnInterpreterOnly", "false").build()) {
            assertEquals("cpu", c.eval("dl", "to(tensor([1.0, 2.0]), \"cpu\").device").asString());
            if (CUDA) {
                assertEquals("cuda:0", c.eval("dl", "to(tensor([1.0, 2.0]), \"cuda\").device").asString());
                assertEquals(6.0, c.eval("dl", "item(sum(to(to(tensor([1.0, 2.0, 3.0]), \"cuda\") * 1.0, \"cpu\")))").asDouble());
                PolyglotException e = assertThrows(PolyglotException.class,
                        () -> c.eval("dl", "to(tensor([1.0]), \"cuda\") + tensor([1.0])"));
                assertTrue(e.getMessage().contains("cuda:0") && e.getMessage().contains("cpu"), e.getMessage());
            } else {
                PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("dl", "to(tensor([1.0]), \"cuda\")"));
                assertEquals("to(): cuda:0 is not available: " + Backends.cudaUnavailableReason(), e.getMessage());
            }
            PolyglotException bad = assertThrows(PolyglotException.class, () -> c.eval("dl", "to(tensor([1.0]), \"tpu\")"));
            assertTrue(bad.getMessage().contains("unknown device 'tpu'"), bad.getMessage());
        }
    }

    @Test
    void embedderOption() {
        try (Context c = Context.newBuilder("dl").option("engine.WarnInterpreterOnly", "false").option("dl.Device", "cuda").build()) {
            if (CUDA) {
                assertEquals("cuda:0", c.eval("dl", "zeros([2]).device").asString());
            } else {
                PolyglotException e = assertThrows(PolyglotException.class, () -> c.eval("dl", "1"));
                assertTrue(e.getMessage().startsWith("--device=cuda: cuda:0 is not available"), e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> Context.newBuilder("dl").option("dl.Device", "gpu").build().close());
    }
}
