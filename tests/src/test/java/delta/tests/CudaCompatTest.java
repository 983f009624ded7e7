package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gpu-intrinsics/cuda-compat/build.sh: the libraries it makes carry CUDA 12's version names and
 * every function JCuda asks for, and forward to CUDA 13's. Checked by calling through one: a
 * stand-in libnvrtc.so.13 answers nvrtcVersion, and a program that asks libnvrtc.so.12 for
 * nvrtcVersion@libnvrtc.so.12 (as JCuda's binding does) must get that answer. Needs gcc, nm and
 * readelf (skipped with the reason printed otherwise).
 */
class CudaCompatTest {
    @TempDir Path dir;

    private static String run(Path cwd, java.util.Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void forwardsCuda12NamesToCuda13Libraries() throws Exception {
        for (String tool : List.of("gcc", "nm", "readelf", "unzip")) {
            Assumptions.assumeTrue(onPath(tool), () -> {
                System.out.println("CudaCompatTest skipped: " + tool + " is not installed");
                return tool + " is not installed";
            });
        }
        Path out = dir.resolve("compat");
        String log = run(DeltaRunner.root(), java.util.Map.of(), "bash", "gpu-intrinsics/cuda-compat/build.sh", out.toString());
        assertTrue(log.contains("libnvrtc.so.12 (") && log.contains("libcublas.so.12 ("), log);

        for (String[] lib : new String[][] {{"libnvrtc.so.12", "libnvrtc.so.13", "nvrtcCompileProgram"}, {"libcublas.so.12", "libcublas.so.13", "cublasSgemm_v2"}}) {
            String dynamic = run(dir, java.util.Map.of(), "readelf", "-d", out.resolve(lib[0]).toString());
            assertTrue(dynamic.contains("Library soname: [" + lib[0] + "]") && dynamic.contains("Shared library: [" + lib[1] + "]"), dynamic);
            String symbols = run(dir, java.util.Map.of(), "nm", "-D", "--defined-only", out.resolve(lib[0]).toString());
            assertTrue(symbols.contains(" T " + lib[2] + "@@" + lib[0]), lib[2] + " not exported as version " + lib[0] + ":\n" + symbols);
        }

        Files.writeString(dir.resolve("stand_in.c"), "int nvrtcVersion(int *major, int *minor) { *major = 13; *minor = 7; return 0; }\n");
        run(dir, java.util.Map.of(), "gcc", "-shared", "-fPIC", "-o", "libnvrtc.so.13", "-Wl,-soname,libnvrtc.so.13", "stand_in.c");
        Files.writeString(dir.resolve("caller.c"), """
                #define _GNU_SOURCE
                #include <dlfcn.h>
                #include <stdio.h>
                int main(void) {
                    void *lib = dlopen("libnvrtc.so.12", RTLD_NOW);
                    if (!lib) { printf("%s\\n", dlerror()); return 1; }
                    int (*version)(int *, int *) = (int (*)(int *, int *)) dlvsym(lib, "nvrtcVersion", "libnvrtc.so.12");
                    int major = 0, minor = 0;
                    int status = version(&major, &minor);
                    printf("%d %d.%d\\n", status, major, minor);
                    return 0;
                }
                """);
        run(dir, java.util.Map.of(), "gcc", "-o", "caller", "caller.c", "-ldl");
        String answer = run(dir, java.util.Map.of("LD_LIBRARY_PATH", out + ":" + dir), "./caller");
        assertEquals("0 13.7\n", answer);
    }
}
