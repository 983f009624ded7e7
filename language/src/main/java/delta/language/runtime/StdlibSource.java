package delta.language.runtime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where {@code import nn} finds the source of a standard-library module, and where the library's
 * bundled data files (such as the digits data set) are read from. The stdlib module provides it as
 * a service, so the language does not depend on the library written in it.
 */
public interface StdlibSource {
    /** The source text of the module, or null when there is no such module. */
    String read(String moduleName);

    /**
     * A data file bundled with the library (a resource under {@code delta/stdlib/data/}), or null
     * when there is none of that name. The caller closes the stream.
     */
    default InputStream openData(String fileName) throws IOException {
        return null;
    }
}
