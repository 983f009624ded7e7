package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL driven through a pipe (standard input not a terminal): it reads line by line, echoes
 * values, keeps bindings, continues incomplete input, and survives errors.
 */
class ReplPipeTest {
    @TempDir Path dir;

    private LauncherProcess.Result repl(String input) throws Exception {
        LauncherProcess.Result r = LauncherProcess.run(dir, input);
        assertEquals(0, r.exitCode(), "a REPL session ends with 0 even after errors: " + r);
        return r;
    }

    @Test
    void echoesValuesButNotNoneAndKeepsBindings() throws Exception {
        LauncherProcess.Result r = repl("let x = 40\nx + 2\nprint(\"printed\")\n\"text\"\n1e20\n[1, 2.5, \"a\"]\nx = x + 1\nx\n");
        // let and print give none (not echoed); strings echo quoted, floats as Delta prints them.
        assertEquals("42\nprinted\n\"text\"\n1e+20\n[1, 2.5, \"a\"]\n41\n", r.out(), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    @Test
    void multiLineBlocksContinueUntilClosed() throws Exception {
        LauncherProcess.Result r = repl("""
                        fn fib(n) {
                            if n < 2 {
                                n
                            } else {
                                fib(n - 1) + fib(n - 2)
                            }
                        }
                        let xs = [
                            fib(10),
                            fib(11)
                        ]
                        xs
                        """);
        assertEquals("[55, 89]\n", r.out(), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    @Test
    void errorIsReportedAsInScriptsAndSessionContinues() throws Exception {
        LauncherProcess.Result r = repl("let x = 1\nx + \"a\"\nundefined_name\nlet y = (1 +\n)\nx + 1\n");
        assertEquals("2\n", r.out(), "the inputs after the errors still run with x bound: " + r);
        assertTrue(r.err().contains("<repl-2>:1:1: error: unsupported operand types for +: int and str"), r.toString());
        assertTrue(r.err().contains("  1 | x + \"a\"\n    | ^^^^^^^\nDelta stack trace"), "the line, a caret, the trace: " + r);
        assertTrue(r.err().contains("<repl-3>:1:1: error: unknown name 'undefined_name'"), r.toString());
        assertTrue(r.err().contains("<repl-4>:2:1: error:"), "a syntax error in a two-line input names its second line: " + r);
    }

    @Test
    void loadRunsAFileWhoseDefinitionsStay() throws Exception {
        Files.writeString(dir.resolve("lib.dl"), "fn triple(x) = 3 * x\nlet loaded = \"yes\"\nprint(\"loading\")\n");
        LauncherProcess.Result r = repl(":load lib.dl\ntriple(5)\nloaded\n:load missing.dl\ntriple(1)\n");
        assertEquals("loading\n15\n\"yes\"\n3\n", r.out(), r.toString());
        assertTrue(r.err().contains("cannot read missing.dl: no such file"), r.toString());
    }

    @Test
    void timeShowsValueAndDuration() throws Exception {
        LauncherProcess.Result r = repl("fn sq(x) = x * x\n:time sq(12)\n:time print(\"side effect\")\n");
        assertTrue(r.out().matches("144\ntime: [0-9.]+ (µs|ms|s)\nside effect\ntime: [0-9.]+ (µs|ms|s)\n"), r.toString());
    }

    @Test
    void docShowsBuiltinAndCommentDocumentation() throws Exception {
        LauncherProcess.Result r = repl("# Doubles its argument.\n# Works on ints and floats.\nfn double(x) = 2 * x\n:doc double\n:doc len\nimport nn\n:doc nn.linear\n:doc double(1)\n");
        assertTrue(r.out().contains("double(x)\n    Doubles its argument.\n    Works on ints and floats.\n"), r.toString());
        assertTrue(r.out().contains("len(x)\n    the number of elements of a list"), r.toString());
        assertTrue(r.out().contains("linear(params, x)\n    A dense layer: x @ params.w + params.b"), r.toString());
        assertTrue(r.err().contains("double(1) is not a function"), r.toString());
    }

    @Test
    void helpUnknownCommandAndQuit() throws Exception {
        LauncherProcess.Result r = repl(":help\n:frobnicate\n:quit\nprint(\"after quit\")\n");
        for (String command : new String[]{":help", ":quit", ":load FILE", ":time EXPR", ":doc NAME", ":vars"}) {
            assertTrue(r.out().contains("  " + command), ":help lacks " + command + ": " + r);
        }
        assertTrue(r.err().contains("unknown command :frobnicate"), r.toString());
        assertTrue(!r.out().contains("after quit"), ":quit ends the session: " + r);
    }

    @Test
    void varsListsTheSessionsNames() throws Exception {
        LauncherProcess.Result r = repl("let a = 1\nfn f() = 2\nlet print = 3\n:vars\n");
        // Builtins are not listed unless the session redefined them.
        assertEquals("a = 1\nf = <function f>\nprint = 3\n", r.out(), r.toString());
    }

    @Test
    void inputLeftOpenAtEndOfInputIsReported() throws Exception {
        LauncherProcess.Result r = repl("print(1)\nfn broken() {\n");
        assertEquals("1\n", r.out(), r.toString());
        assertTrue(r.err().contains("<repl-2>:"), r.toString());
    }
}
