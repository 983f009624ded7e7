package delta.stdlib;

import delta.language.runtime.StdlibSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Serves the .dl files packaged under delta/stdlib/ in this module, and the data files under delta/stdlib/data/. */
public final class BundledStdlib implements StdlibSource {
    @Override
    public String read(String moduleName) {
        try (InputStream in = BundledStdlib.class.getResourceAsStream(moduleName + ".dl")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public InputStream openData(String fileName) throws IOException {
        // Plain file names only: no way out of the data folder.
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            return null;
        }
        return BundledStdlib.class.getResourceAsStream("data/" + fileName);
    }
}
