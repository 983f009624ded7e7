package delta.tensor.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.tensor.BinaryOp;
import delta.tensor.DType;
import delta.tensor.ReduceOp;
import delta.tensor.Shape;
import delta.tensor.UnaryOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA kernels' sources and layouts, checked without a GPU: every kernel is well-formed,
 * carries the operation's expression, and (where the CUDA toolkit's nvcc is installed, as it is
 * on this project's machines) all of them compile to PTX together.
 */
class KernelSourceTest {
    @TempDir Path dir;

    @Test
    void everyKernelIsWellFormedAndNamedOnce() {
        List<KernelSource.Kernel> all = KernelSource.all();
        Set<String> names = new HashSet<>();
        for (KernelSource.Kernel k : all) {
            assertTrue(names.add(k.name()), "duplicate kernel name " + k.name());
            assertTrue(k.name().matches("dl_[a-z0-9_]+"), k.name());
            assertTrue(k.source().contains("extern \"C\" __global__ void " + k.name() + "("), k.source());
            assertEquals(count(k.source(), '{'), count(k.source(), '}'), "braces in " + k.name());
            assertEquals(count(k.source(), '('), count(k.source(), ')'), "parentheses in " + k.name());
            assertTrue(!k.source().contains("#include"), "NVRTC has no system headers: " + k.name());
        }
        assertTrue(all.size() > 200, "kernels: " + all.size());
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    @Test
    void elementwiseKernelsCarryTheirExpressionAndTypes() {
        assertTrue(KernelSource.unary(UnaryOp.EXP, DType.F32).source().contains("expf(x)"));
        assertTrue(KernelSource.unary(UnaryOp.EXP, DType.F64).source().contains("exp(x)"));
        assertTrue(KernelSource.unary(UnaryOp.TANH, DType.F32).source().contains("tanhf(x)"));
        assertTrue(KernelSource.unary(UnaryOp.SIGMOID, DType.F64).source().contains("1.0 / (1.0 + exp(-x))"));
        assertTrue(KernelSource.unary(UnaryOp.NOT, DType.BOOL).source().contains("unsigned char* __restrict__ out"));
        String add = KernelSource.binary(BinaryOp.ADD, DType.F32, DType.F64).source();
        assertTrue(add.contains("double* __restrict__ out, const float* __restrict__ a, const double* __restrict__ b"), add);
        assertTrue(add.contains("x + y"), add);
        String pow = KernelSource.binary(BinaryOp.POW, DType.F32, DType.F32).source();
        assertTrue(pow.contains("y == 2.0f ? x * x : powf(x, y)"), pow);
        String lt = KernelSource.binary(BinaryOp.LT, DType.I64, DType.F32).source();
        assertTrue(lt.contains("unsigned char* __restrict__ out") && lt.contains("(unsigned char) ((x < y) != 0)"), lt);
        assertTrue(KernelSource.binary(BinaryOp.MAXIMUM, DType.F64, DType.F64).source().contains("dl_max(x, y)"));
        String conv = KernelSource.copy(DType.F64, DType.I64).source();
        assertTrue(conv.contains("out[dl_pos(L, i, 0)] = (long long) (a[dl_pos(L, i, 1)])"), conv);
    }

    @Test
    void reductionKernelsAccumulateInDouble() {
        String sum = KernelSource.reduce(ReduceOp.SUM, DType.F32).source();
        assertTrue(sum.contains("double acc = 0.0;") && sum.contains("float* __restrict__ out"), sum);
        assertTrue(KernelSource.reduce(ReduceOp.MEAN, DType.F64).source().contains("acc / (double) m"));
        assertTrue(KernelSource.reduce(ReduceOp.MAX, DType.F64).source().contains("dl_max(acc, v)"));
        assertTrue(KernelSource.reduce(ReduceOp.LOGSUMEXP, DType.F64).source().contains("shift + log(acc)"));
        assertTrue(KernelSource.reduce(ReduceOp.SUM, DType.BOOL).source().contains("double* __restrict__ out"), "a mask sums to f64");
        assertTrue(KernelSource.softmax(true, DType.F32).source().contains("v - log(sum)"));
        assertTrue(KernelSource.argReduce(true, DType.F32).source().contains("long long* __restrict__ out"));
    }

    @Test
    void layoutsMergeContiguousAxesAndKeepBroadcasts() {
        // Contiguous [2, 3, 4] with a broadcast scalar: one axis of 24.
        int[] lay = Layout.of(Shape.of(2, 3, 4), new int[] {12, 4, 1}, new int[] {0, 0, 0});
        assertEquals(1, lay[0]);
        assertEquals(24, lay[1]);
        // A transposed [3, 2] view cannot merge.
        int[] t = Layout.of(Shape.of(3, 2), new int[] {2, 1}, new int[] {1, 3});
        assertEquals(2, t[0]);
        for (int i = 0; i < 6; i++) {
            assertEquals(i, Layout.position(t, i, 0));
            assertEquals((i / 2) + (i % 2) * 3, Layout.position(t, i, 1));
        }
        // Axes of size 1 are dropped; a scalar has rank 0 and position 0.
        assertEquals(0, Layout.of(Shape.of(1, 1), new int[] {5, 7})[0]);
        assertEquals(0, Layout.position(Layout.of(Shape.SCALAR, new int[0]), 0, 0));
        // A reversed view keeps its negative stride.
        int[] r = Layout.of(Shape.of(4), new int[] {-1});
        assertEquals(-3, Layout.position(r, 3, 0));
    }

    /** All kernels in one translation unit (the shared prelude once), compiled to PTX by nvcc. */
    @Test
    void allKernelsCompileWithNvcc() throws Exception {
        Path nvcc = findNvcc();
        Assumptions.assumeTrue(nvcc != null, "skipped: nvcc (the CUDA toolkit) is not installed here, so the kernel sources are not compiled");
        StringBuilder unit = new StringBuilder(KernelSource.PRELUDE);
        for (KernelSource.Kernel k : KernelSource.all()) {
            assertTrue(k.source().startsWith(KernelSource.PRELUDE), k.name());
            unit.append(k.source().substring(KernelSource.PRELUDE.length()));
        }
        Path cu = dir.resolve("kernels.cu");
        Files.writeString(cu, unit);
        Process p = new ProcessBuilder(nvcc.toString(), "--ptx", "-arch=compute_75", "-std=c++14", "-o", dir.resolve("kernels.ptx").toString(),
                cu.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc timed out");
        assertEquals(0, p.exitValue(), "nvcc failed:\n" + out);
        String ptx = Files.readString(dir.resolve("kernels.ptx"));
        for (KernelSource.Kernel k : KernelSource.all()) {
            assertTrue(ptx.contains(".entry " + k.name() + "("), "PTX lacks " + k.name());
        }
    }

    static Path findNvcc() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, "nvcc");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path p = Path.of("/usr/local/cuda/bin/nvcc");
        return Files.isExecutable(p) ? p : null;
    }
}
