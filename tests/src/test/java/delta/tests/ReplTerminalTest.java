package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL at a real terminal: dl runs inside tmux, the test types keys and reads the screen. This
 * is the JLine path (prompts, continuation, completion, Ctrl-C, Ctrl-D, history) that a pipe never
 * takes. Skipped, with the reason printed, where tmux is not installed.
 */
class ReplTerminalTest {
    private static final long TIMEOUT_MS = 60_000;
    private final String socket = "delta-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    @TempDir Path dir;

    @AfterEach
    void killServer() throws Exception {
        tmuxQuiet("kill-server");
    }

    @Test
    void multiLineInputCompletionInterruptAndExit() throws Exception {
        boolean hasTmux = new ProcessBuilder("sh", "-c", "command -v tmux").start().waitFor() == 0;
        if (!hasTmux) {
            System.out.println("ReplTerminalTest skipped: tmux is not installed (apt-get install tmux)");
        }
        Assumptions.assumeTrue(hasTmux, "tmux is not installed");

        Map<String, String> env = new HashMap<>();
        LauncherProcess.environment(env, dir);
        StringBuilder command = new StringBuilder("env");
        env.forEach((k, v) -> command.append(' ').append(k).append("='").append(v).append('\''));
        command.append(" '").append(LauncherProcess.script()).append("'; echo \"[dl exited with $?]\"; sleep 600");
        tmux("new-session", "-d", "-s", "dl", "-x", "100", "-y", "50", "-c", dir.toString(), command.toString());
        waitFor("dl>");

        // Multi-line input: Enter inside an open block gives the continuation prompt, not an evaluation.
        keys("fn twice(x) {", "Enter");
        waitFor("dl> fn twice(x) {\n...");
        keys("x * 2", "Enter", "}", "Enter");
        waitFor("dl> fn twice(x) {\n... x * 2\n... }\ndl>");
        keys("twice(21)", "Enter");
        waitFor("\n42\n");

        // Tab completes a session's own name...
        keys("let my_long_name = 5", "Enter");
        keys("my_lo", "Tab");
        waitFor("dl> my_long_name");
        keys(" + 1", "Enter");
        waitFor("dl> my_long_name + 1\n6\n");
        // ...and a module member after the dot.
        keys("import nn", "Enter");
        keys("nn.sigm", "Tab");
        waitFor("dl> nn.sigmoid");
        keys("(0)", "Enter");
        waitFor("\n0.5\n");

        // Ctrl-C stops a running computation; the session and its bindings survive.
        keys("while true { }", "Enter");
        Thread.sleep(1500);
        keys("C-c");
        waitFor("interrupted\n");
        keys("twice(my_long_name)", "Enter");
        waitFor("\n10\n");

        // Up with a prefix searches the history for lines starting with it.
        keys("my", "Up");
        waitFor("dl> my_long_name + 1");
        keys("C-u");

        // Ctrl-D on an empty line leaves with status 0; the history was saved.
        keys("C-d");
        waitFor("[dl exited with 0]");
        String history = Files.readString(dir.resolve("delta_history"), StandardCharsets.UTF_8);
        assertTrue(history.contains("twice(21)") && history.contains("fn twice(x) {"), "history file:\n" + history);
    }

    private void keys(String... keys) throws Exception {
        for (String key : keys) {
            boolean special = key.equals("Enter") || key.equals("Tab") || key.equals("Up") || key.startsWith("C-");
            if (special) {
                tmux("send-keys", "-t", "dl", key);
            } else {
                tmux("send-keys", "-t", "dl", "-l", key);
            }
        }
    }

    /** Waits until the screen contains the text; trailing blanks are trimmed, so a lone prompt reads "dl>". */
    private void waitFor(String text) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        String screen = "";
        while (System.currentTimeMillis() < deadline) {
            screen = tmux("capture-pane", "-p", "-t", "dl").replaceAll("(?m)[ \t]+$", "");
            if (screen.contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the terminal never showed " + text.replace("\n", "\\n") + "; the screen:\n" + screen);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "tmux " + String.join(" ", args) + " hung");
        assertEquals(0, process.exitValue(), "tmux " + String.join(" ", args) + ": " + output);
        return output;
    }

    private void tmuxQuiet(String... args) throws InterruptedException, IOException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }
}
