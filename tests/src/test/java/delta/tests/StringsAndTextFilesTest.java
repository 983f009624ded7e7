package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The str functions (split on a str beside the tensor split) and read_text / write_text. */
class StringsAndTextFilesTest {
    @TempDir
    Path dir;

    private static String run(String program) {
        return DeltaRunner.run(Source.newBuilder("dl", program, "s.dl").buildLiteral());
    }

    @Test
    void strFunctions() {
        assertEquals("[\"a\", \"b\", \"\", \"c\"] [\"x\"] [\"\", \"\"]\n", run("print(split(\"a,b,,c\", \",\"), split(\"x\", \",\"), split(\"--\", \"--\"))"));
        assertEquals("hi|abc|ÉTÉ|a+b+c\n", run("print(strip(\" \\thi \\n\") + \"|\" + lower(\"AbC\") + \"|\" + upper(\"été\") + \"|\" + replace(\"a-b-c\", \"-\", \"+\"))"));
        assertEquals("true false true 2 -1 0\n", run("print(startswith(\"hello\", \"he\"), startswith(\"he\", \"hello\"), endswith(\"hello\", \"\"), find(\"h😀llo\", \"l\"), find(\"abc\", \"z\"), find(\"abc\", \"\"))"));
        // The tensor split is unchanged.
        assertEquals("[[1.0], [2.0, 3.0]]\n", run("print(map(tolist, split(tensor([1.0, 2.0, 3.0]), [1, 2])))"));
    }

    @Test
    void strFunctionErrors() {
        assertTrue(run("split(\"a\", \"\")").contains("s.dl:1:1: error: split(): the separator is empty"));
        assertTrue(run("upper(3)").contains("upper() expects a str as argument 1, got int 3"), run("upper(3)"));
    }

    @Test
    void textRoundTripsAndReplacesWhole() throws Exception {
        Path file = dir.resolve("notes.txt");
        String path = file.toString().replace("\\", "/");
        String out = run("write_text(\"" + path + "\", f\"loss {0.25:.3f}\\nπ ≈ {3.14159:.2f}\\n\")\n"
                        + "let t = read_text(\"" + path + "\")\nprint(split(strip(t), \"\\n\"), len(t))");
        assertEquals("[\"loss 0.250\", \"π ≈ 3.14\"] 20\n", out);
        assertEquals("loss 0.250\nπ ≈ 3.14\n", Files.readString(file, StandardCharsets.UTF_8));
        // A failed write (not a str) leaves the file as it was and no temporary file behind.
        out = run("write_text(\"" + path + "\", 42)");
        assertTrue(out.contains("write_text(): writes a str, got int 42; use str(x) or an f-string to make one"), out);
        assertEquals("loss 0.250\nπ ≈ 3.14\n", Files.readString(file, StandardCharsets.UTF_8));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "only notes.txt in " + dir);
        }
    }

    @Test
    void textFileErrors() throws Exception {
        Path binary = dir.resolve("b.bin");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        String out = run("read_text(\"" + binary.toString().replace("\\", "/") + "\")");
        assertTrue(out.contains("cannot read") && out.contains("it is not UTF-8 text"), out);
        out = run("read_text(\"" + dir.resolve("missing.txt").toString().replace("\\", "/") + "\")");
        assertTrue(out.contains("no such file"), out);
        out = run("write_text(\"" + dir.resolve("no/such/folder.txt").toString().replace("\\", "/") + "\", \"x\")");
        assertTrue(out.contains("no such folder"), out);
    }

    @Test
    void withoutFileAccessTheyFailWithAReason() {
        try (Context context = Context.newBuilder("dl").option("engine.WarnInterpreterOnly", "false").build()) {
            PolyglotException e = org.junit.jupiter.api.Assertions.assertThrows(PolyglotException.class,
                            () -> context.eval("dl", "write_text(\"x.txt\", \"a\")"));
            assertTrue(e.getMessage().contains("cannot write \"x.txt\""), e.getMessage());
        }
    }
}
