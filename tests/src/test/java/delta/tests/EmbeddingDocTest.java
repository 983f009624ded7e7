package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps docs/embedding.md true. Its Java blocks are the "doc:begin"/"doc:end" regions of
 * EmbeddingExamplesTest, which runs them; its JavaScript blocks run here, and the text block after
 * each is the output they must print.
 */
class EmbeddingDocTest {
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```\\n");

    private static String doc() throws IOException {
        return Files.readString(DeltaRunner.root().resolve("docs/embedding.md"), StandardCharsets.UTF_8);
    }

    private record Block(String language, String text) {}

    private static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(doc());
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        return blocks;
    }

    /** The doc:begin/doc:end regions of EmbeddingExamplesTest, without the test's indentation. */
    private static List<String> exampleRegions() throws IOException {
        String source = Files.readString(DeltaRunner.root().resolve("tests/src/test/java/delta/tests/EmbeddingExamplesTest.java"));
        List<String> regions = new ArrayList<>();
        Matcher m = Pattern.compile("(?ms)^ *// doc:begin\\n(.*?)^ *// doc:end\\n").matcher(source);
        while (m.find()) {
            regions.add(dedent(m.group(1)));
        }
        return regions;
    }

    static String dedent(String text) {
        int indent = text.lines().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return text.lines().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void javaBlocksAreExactlyTheTestedExamples() throws IOException {
        List<String> documented = blocks().stream().filter(b -> b.language().equals("java")).map(Block::text).toList();
        List<String> tested = exampleRegions();
        assertFalse(tested.isEmpty(), "no doc:begin regions in EmbeddingExamplesTest");
        for (String block : documented) {
            assertTrue(tested.contains(block), "docs/embedding.md has a Java block that EmbeddingExamplesTest does not run:\n" + block);
        }
        for (String region : tested) {
            assertTrue(documented.contains(region), "EmbeddingExamplesTest has an example missing from docs/embedding.md:\n" + region);
        }
    }

    @TestFactory
    Stream<DynamicTest> javaScriptBlocksPrintTheOutputShownAfterThem() throws IOException {
        List<Block> blocks = blocks();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i + 1 < blocks.size(); i++) {
            if (blocks.get(i).language().equals("js")) {
                assertEquals("text", blocks.get(i + 1).language(), "a js block in docs/embedding.md must be followed by its output, a text block");
                String code = blocks.get(i).text();
                String expected = blocks.get(i + 1).text();
                tests.add(DynamicTest.dynamicTest("js block " + tests.size(), () -> {
                    ByteArrayOutputStream output = new ByteArrayOutputStream();
                    try (Context context = Context.newBuilder("js", "dl").allowPolyglotAccess(PolyglotAccess.ALL).out(output).err(output)
                                    .option("engine.WarnInterpreterOnly", "false").build()) {
                        context.eval("js", code);
                    }
                    assertEquals(expected, output.toString(StandardCharsets.UTF_8), code);
                }));
            }
        }
        assertFalse(tests.isEmpty(), "docs/embedding.md shows no JavaScript");
        return tests.stream();
    }
}
