package delta.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

/** README.md's "A taste" block runs as written and prints what its comments say. */
class ReadmeTasteTest {
    @Test
    void theTasteRunsAndPrintsWhatItsCommentsSay() throws Exception {
        String readme = Files.readString(DeltaRunner.root().resolve("README.md"));
        Matcher block = Pattern.compile("## A taste\\n\\n```\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has a code block under '## A taste'");
        String out = DeltaRunner.run(Source.newBuilder("dl", block.group(1), "taste.dl").buildLiteral());
        assertTrue(!out.contains("error:"), out);
        for (String expected : new String[] {"6765\n", "15\n", "best 95.0% of 3: [0.87, 0.91, 0.95]\n", "-5.4667", "fn f_vjp(x)", "[4, 8]\n"}) {
            assertTrue(out.contains(expected), "expected '" + expected.strip() + "' in:\n" + out);
        }
    }
}
