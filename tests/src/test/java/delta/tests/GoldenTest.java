package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each {@code golden/X.dl} runs and its output (stdout, then the error report for an
 * error case) must equal {@code golden/X.out}. Examples are checked the same way against
 * {@code examples/X.out} in the test resources.
 */
class GoldenTest {
    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        return cases(DeltaRunner.root().resolve("tests/src/test/resources/golden"), DeltaRunner.root().resolve("tests/src/test/resources/golden"));
    }

    @TestFactory
    Stream<DynamicTest> examples() throws IOException {
        return cases(DeltaRunner.root().resolve("examples"), DeltaRunner.root().resolve("tests/src/test/resources/examples"));
    }

    private static Stream<DynamicTest> cases(Path sources, Path expectations) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(sources)) {
            files = listing.filter(p -> p.toString().endsWith(".dl")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .dl files in " + sources);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Path expected = expectations.resolve(file.getFileName().toString().replaceFirst("\\.dl$", ".out"));
            String actual = DeltaRunner.run(file);
            if (DeltaRunner.updating()) {
                DeltaRunner.writeExpected(expected, actual);
                return;
            }
            assertTrue(Files.exists(expected), "missing expected output " + expected + "; actual output was:\n" + actual);
            assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, file.toString());
        }));
    }
}
