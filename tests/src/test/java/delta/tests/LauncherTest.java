package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dl command as a process: exit codes (0 ok, 1 Delta error, 2 usage), error reports, --help, --version, arguments. */
class LauncherTest {
    @TempDir Path dir;

    @Test
    void scriptRunsAndExitsZero() throws Exception {
        Files.writeString(dir.resolve("ok.dl"), "print(\"sum:\", 1 + 2)\n");
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "ok.dl");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("sum: 3\n", r.out(), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    @Test
    void deltaErrorExitsOneWithLocationCaretAndDeltaTrace() throws Exception {
        Files.writeString(dir.resolve("bad.dl"), "fn f(x) {\n    x + \"a\"\n}\nprint(\"before\")\nf(1)\n");
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "bad.dl");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("before\n", r.out(), "output before the error is kept: " + r);
        // file:line:col, the line quoted with a caret under the operation, then Delta frames only.
        assertTrue(r.err().startsWith("bad.dl:2:5: error: unsupported operand types for +: int and str"), r.toString());
        assertTrue(r.err().contains("  2 |     x + \"a\"\n    |     ^^^^^^^"), r.toString());
        assertTrue(r.err().contains("Delta stack trace (most recent call first):\n  at f (bad.dl:2:5)\n  at <module> (bad.dl:5:1)"), r.toString());
        assertTrue(!r.err().contains("at java.") && !r.err().contains("Exception"), "no Java frames: " + r);
    }

    @Test
    void syntaxErrorExitsOne() throws Exception {
        Files.writeString(dir.resolve("syntax.dl"), "let x = (1 +\nprint(x\n");
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "syntax.dl");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("syntax.dl:"), r.toString());
        assertTrue(r.err().contains("error:"), r.toString());
    }

    @Test
    void unknownOptionIsUsageErrorTwo() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "--no-such-option", "x.dl");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("dl: unknown option '--no-such-option'; run dl --help for the options\n", r.err(), r.toString());
    }

    @Test
    void evalWithoutCodeIsUsageErrorTwo() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "-e");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("dl: -e needs the code to run, as in: dl -e 'print(1 + 2)'\n", r.err(), r.toString());
    }

    @Test
    void missingFileIsUsageErrorTwo() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "nowhere.dl");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("dl: cannot read nowhere.dl: no such file"), r.toString());
    }

    @Test
    void helpDescribesUsageOptionsAndExitCodes() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("Usage: dl [options] [file.dl [arguments...]]"), r.toString());
        for (String expected : new String[]{"-e, --eval CODE", "--version", "--cpusampler", "--inspect", "--engine.NAME=VALUE", "args()",
                        "Exit status: 0 success, 1 a Delta error, 2 a usage error."}) {
            assertTrue(r.out().contains(expected), "--help lacks " + expected + ":\n" + r);
        }
    }

    @Test
    void versionPrintsTheLanguageVersion() throws Exception {
        String version;
        try (Engine engine = Engine.newBuilder("dl").option("engine.WarnInterpreterOnly", "false").build()) {
            version = engine.getLanguages().get("dl").getVersion();
        }
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "--version");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("Delta " + version + " (GraalVM Polyglot "), r.toString());
        assertEquals(1, r.out().lines().count(), "--version prints one line and runs nothing: " + r);
    }

    @Test
    void scriptSeesItsArguments() throws Exception {
        Files.writeString(dir.resolve("echo.dl"), "for a in args() { print(a) }\nprint(len(args()))\n");
        // Arguments after the script belong to it, even ones that look like options.
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "echo.dl", "one", "two words", "--flag");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("one\ntwo words\n--flag\n3\n", r.out(), r.toString());
    }

    @Test
    void scriptsMayReadFilesTheLauncherAllowsIo() throws Exception {
        // Unlike a sandboxed embedding (SandboxTest), a script the user runs may import the files beside it.
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/helpers.dl"), "fn greet(name) = \"hello, \" + name\n");
        Files.writeString(dir.resolve("app/main.dl"), "import \"helpers.dl\"\nprint(helpers.greet(\"dl\"))\n");
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "app/main.dl");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("hello, dl\n", r.out(), r.toString());
    }

    @Test
    void showVersionPrintsTheVersionThenRuns() throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(dir, null, "--show-version", "-e", "print(\"ran\")");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().matches("Delta \\S+ \\(GraalVM Polyglot .*\\)\nran\n"), r.toString());
    }

    @Test
    void evalRunsCodeAndReportsErrorsAsEval() throws Exception {
        LauncherProcess.Result ok = LauncherProcess.run(dir, null, "-e", "print(6 * 7)");
        assertEquals(0, ok.exitCode(), ok.toString());
        assertEquals("42\n", ok.out(), ok.toString());
        LauncherProcess.Result bad = LauncherProcess.run(dir, null, "-e", "print(1 // 0)");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.err().startsWith("<eval>:1:7: error: integer division by zero"), bad.toString());
    }
}
