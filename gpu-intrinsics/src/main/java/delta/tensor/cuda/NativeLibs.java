package delta.tensor.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts JCuda's native libraries where JCuda looks for them. JCuda extracts each library from its
 * natives jar with {@code LibUtils.class.getResourceAsStream}, which on the module path only
 * searches JCuda's own module, not {@code jcuda.natives} where the libraries are, so it would
 * never find them. JCuda first checks for an already extracted copy in {@code java.io.tmpdir}
 * though: this class extracts them there (atomically, once), reading them through the class
 * loader, which sees resources outside packages in every module. No JCuda class is touched.
 */
final class NativeLibs {
    static final String JCUDA_VERSION = "12.6.0";

    private NativeLibs() {
    }

    /** The file name JCuda gives library {@code name} on this platform, or null off linux-x86_64. */
    static String fileName(String name) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return null;
        }
        return "lib" + name + "-" + JCUDA_VERSION + "-linux-x86_64.so";
    }

    /** Extracts the libraries (JCudaDriver, JNvrtc, JCublas2, ...) that are not extracted yet; quietly does nothing for one it cannot find. */
    static void prepare(String... names) {
        for (String name : names) {
            String file = fileName(name);
            if (file == null) {
                return;
            }
            Path target = Path.of(System.getProperty("java.io.tmpdir"), file);
            if (Files.isRegularFile(target)) {
                continue;
            }
            try (InputStream in = open("lib/" + file)) {
                if (in == null) {
                    continue;
                }
                Path tmp = Files.createTempFile(target.getParent(), file, ".part");
                try {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                // JCuda then reports the library as missing, and the probe says so.
            }
        }
    }

    private static InputStream open(String resource) throws IOException {
        ClassLoader loader = NativeLibs.class.getClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
        if (in != null) {
            return in;
        }
        for (String module : new String[] {"jcuda.natives", "jcublas.natives"}) {
            java.util.Optional<Module> m = ModuleLayer.boot().findModule(module);
            if (m.isPresent()) {
                in = m.get().getResourceAsStream(resource);
                if (in != null) {
                    return in;
                }
            }
        }
        return null;
    }
}
