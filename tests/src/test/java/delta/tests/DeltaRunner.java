package delta.tests;

import delta.launcher.ErrorReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Runs Delta files through the polyglot API the way the dl launcher does, and returns what a user
 * would see: standard output, then the error report if the run failed.
 */
final class DeltaRunner {
    /** One engine for the whole suite: contexts start faster, and each still gets fresh state. */
    private static final Engine ENGINE = Engine.newBuilder("dl").option("engine.WarnInterpreterOnly", "false").build();

    private DeltaRunner() {}

    static Path root() {
        return Path.of(System.getProperty("delta.root", "..")).toAbsolutePath().normalize();
    }

    static String run(Path file) throws IOException {
        return run(Source.newBuilder("dl", file.toFile()).build());
    }

    static String run(Source source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder result = new StringBuilder();
        try (Context context = Context.newBuilder("dl").engine(ENGINE).out(out).err(out)
                        .allowIO(org.graalvm.polyglot.io.IOAccess.ALL).build()) {
            try {
                context.eval(source);
            } catch (PolyglotException e) {
                result.append(out.toString(StandardCharsets.UTF_8));
                out.reset();
                return result.append(ErrorReport.format(e)).append('\n').toString();
            }
        }
        return result.append(out.toString(StandardCharsets.UTF_8)).toString();
    }

    /** Whether the suite should rewrite expected files instead of checking them (-Ddelta.updateGolden=true). */
    static boolean updating() {
        return Boolean.getBoolean("delta.updateGolden");
    }

    static void writeExpected(Path expected, String actual) throws IOException {
        Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
}
