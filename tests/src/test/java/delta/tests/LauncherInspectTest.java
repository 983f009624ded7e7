package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dl --inspect: a Chrome DevTools Protocol client (what DevTools does, over a WebSocket) sets a
 * breakpoint in a Delta function, stops there, and reads the function's local variables.
 */
class LauncherInspectTest {
    private static final String PROGRAM = """
                    fn scale(x, k) {
                        let y = x * k
                        y + 1
                    }
                    print(scale(5, 3))
                    """;

    @TempDir Path dir;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private int nextId = 1;

    @Test
    void breakpointStopsInDeltaFunctionAndShowsLocals() throws Exception {
        Files.writeString(dir.resolve("prog.dl"), PROGRAM);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(LauncherProcess.script().toString(), "--inspect=127.0.0.1:" + port, "--inspect.Path=delta-test", "prog.dl")
                        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile());
        LauncherProcess.environment(builder.environment(), dir);
        Process process = builder.start();
        try {
            WebSocket socket = connect(URI.create("ws://127.0.0.1:" + port + "/delta-test"));
            call(socket, "Runtime.enable", "{}");
            call(socket, "Debugger.enable", "{}");
            call(socket, "Runtime.runIfWaitingForDebugger", "{}");
            // The inspector suspends at the program's first statement; set the breakpoint there, then go on.
            awaitEvent("Debugger.paused");
            String breakpoint = call(socket, "Debugger.setBreakpointByUrl", "{\"lineNumber\":2,\"urlRegex\":\".*prog\\\\.dl$\"}");
            assertTrue(breakpoint.contains("\"lineNumber\":2"), "the breakpoint resolved to line 3 (0-based 2): " + breakpoint);
            call(socket, "Debugger.resume", "{}");

            String paused = awaitEvent("Debugger.paused");
            assertTrue(paused.contains("\"functionName\":\"scale\""), "stopped in the Delta function scale: " + paused);
            assertTrue(paused.contains("\"hitBreakpoints\":[\"1\"]"), paused);
            Matcher local = Pattern.compile("\"scopeChain\":\\[\\{[^\\]]*?\"type\":\"local\",\"object\":\\{[^}]*?\"objectId\":\"([^\"]+)\"").matcher(paused);
            assertTrue(local.find(), "a local scope in the top frame: " + paused);
            String locals = call(socket, "Runtime.getProperties", "{\"objectId\":\"" + local.group(1) + "\"}");
            for (String[] variable : new String[][]{{"x", "5"}, {"k", "3"}, {"y", "15"}}) {
                assertTrue(Pattern.compile("\"name\":\"" + variable[0] + "\",\"value\":\\{[^}]*\"value\":" + variable[1] + "[,}]").matcher(locals).find()
                                || Pattern.compile("\\{[^{}]*\"value\":" + variable[1] + "[^{}]*\\}[^{}]*\"name\":\"" + variable[0] + "\"").matcher(locals).find(),
                                "local " + variable[0] + " = " + variable[1] + " in " + locals);
            }
            call(socket, "Debugger.resume", "{}");
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "dl ended after the debugger resumed it");
            assertEquals(0, process.exitValue());
            assertTrue(Files.readString(dir.resolve("output.txt")).contains("\n16\n"), "the program ran on to its end");
        } finally {
            process.destroyForcibly();
        }
    }

    private WebSocket connect(URI uri) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (System.currentTimeMillis() > deadline) {
                    fail("the inspector never listened on " + uri + ": " + e.getCause());
                }
                Thread.sleep(200);
            }
        }
    }

    /** Sends a request and returns its response, keeping events for awaitEvent. */
    private String call(WebSocket socket, String method, String params) throws Exception {
        int id = nextId++;
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).get(10, TimeUnit.SECONDS);
        return await("\"id\":" + id + "}", "response to " + method);
    }

    private String awaitEvent(String method) throws Exception {
        return await("{\"method\":\"" + method + "\"", method);
    }

    private final java.util.List<String> seen = new java.util.ArrayList<>();

    private String await(String marker, String what) throws InterruptedException, IOException {
        for (var it = seen.iterator(); it.hasNext();) {
            String message = it.next();
            if (message.contains(marker)) {
                it.remove();
                return message;
            }
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String message = messages.poll(1, TimeUnit.SECONDS);
            if (message == null) {
                continue;
            }
            if (message.contains(marker)) {
                return message;
            }
            seen.add(message);
        }
        fail("no " + what + " from the inspector; output:\n" + Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8));
        return null;
    }
}
