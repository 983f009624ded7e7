package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What dl's compiler directives (bin/compiler-directives.json) let C2 compile, read from the JVM's
 * own compilation log while two seconds of matrix products and element-wise operations run: the
 * tensor kernels and Delta's interpreter, never the Vector API's per-lane fallbacks (they run only
 * until a kernel is compiled, and compiling them delayed the kernels; docs/design.md, "Tensors"),
 * and nothing of the Graal compiler or Truffle that HotSpot itself would compile.
 */
class LauncherJitDirectivesTest {
    private static final String SCRIPT = """
            let a = astype(randn([128, 256]), "f32")
            let b = astype(randn([256, 128]), "f32")
            let t0 = clock()
            let s = 0.0
            while clock() - t0 < 2.0 { s = s + item(sum(exp(a @ b * 0.01) + a @ b)) }
            print(s != 0.0)
            """;

    /** A PrintCompilation line: time, id, flags, tier, Class::method. */
    private static final Pattern COMPILED = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*?([0-4])\\s+(\\S+)::(\\S+)");

    private static final Pattern FALLBACK = Pattern.compile(
            "(ldOp|stOp|uOp|bOp|tOp|uOpTemplate|bOpTemplate|tOpTemplate|bTest|rOp|rOpTemplate|vOp|rvOp|lambda\\$.*|apply|load|store)");

    @Test
    void c2CompilesKernelsAndTheInterpreterButNotTheVectorFallbacks(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("kernels.dl"), SCRIPT);
        LauncherProcess.Result result = LauncherProcess.run(dir, null,
                Map.of("DELTA_JAVA_OPTS", "-XX:+DisplayVMOutput -XX:+PrintCompilation"), script.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch("true"::equals), "the script's own output is missing");
        List<String[]> c2 = result.out().lines()
                .filter(line -> !line.contains("hosted JVMCI compilation") && !line.contains("made not entrant"))
                .map(COMPILED::matcher).filter(Matcher::find).filter(m -> m.group(1).equals("4"))
                .map(m -> new String[] {m.group(2), m.group(3)}).toList();
        assertTrue(c2.stream().anyMatch(m -> m[0].startsWith("delta.tensor.cpu.")), "no tensor kernel reached C2");
        List<String> wrong = c2.stream()
                .filter(m -> m[0].startsWith("jdk.internal.vm.vector.VectorSupport::") || m[0].equals("jdk.internal.vm.vector.VectorSupport")
                        || m[0].startsWith("jdk.incubator.vector.") && FALLBACK.matcher(m[1]).matches()
                        || m[0].startsWith("jdk.graal.") || m[0].startsWith("com.oracle.truffle."))
                .map(m -> m[0] + "::" + m[1]).toList();
        assertEquals(List.of(), wrong, "C2 compiled methods the directives exclude");
    }
}
