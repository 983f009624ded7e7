package delta.tensor.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.tensor.Backend;
import delta.tensor.Backends;
import delta.tensor.BinaryOp;
import delta.tensor.CpuBackend;
import delta.tensor.DType;
import delta.tensor.Device;
import delta.tensor.ReduceOp;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;
import delta.tensor.UnaryOp;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CUDA backend held to the CPU backend: every operation runs on both from the same inputs
 * (f32 and f64, contiguous, transposed, sliced and broadcast views) and the results must agree
 * (f32 to 1e-5 relative, f64 to 1e-12; shapes and dtypes exactly). Skipped, with the reason
 * printed, where there is no CUDA device.
 */
class CudaBackendTest {
    static final CpuBackend CPU = CpuBackend.INSTANCE;
    static Backend gpu;

    @BeforeAll
    static void device() {
        Cuda.Status s = Cuda.status();
        if (!s.available()) {
            System.out.println("CudaBackendTest skipped: " + s.reason());
        }
        if (s.available()) {
            gpu = Backends.forDevice(Device.cuda(0));
            System.out.println("CudaBackendTest on " + s.description());
        }
    }

    /** Per test, so that each shows as skipped (with the reason) rather than the class vanishing from the counts. */
    @BeforeEach
    void needsDevice() {
        Assumptions.assumeTrue(gpu != null, () -> "no CUDA device: " + Cuda.status().reason());
    }

    static Tensor random(Shape s, DType t, long seed) {
        Random r = new Random(seed);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return CPU.fromArray(v, s, t);
    }

    static Tensor up(Tensor cpu) {
        return Backends.transfer(cpu, Device.cuda(0));
    }

    /**
     * The views each operand of a square matrix is tried as, all of its shape: itself, its
     * transpose, every other row of a matrix twice as tall, and one row broadcast.
     */
    static List<Tensor> views(Tensor base) {
        Tensor tall = CPU.concat(List.of(base, CPU.neg(base)), 0);
        return List.of(base, base.mT().mT(), base.transpose(0, 1), tall.slice(0, null, null, 2), base.select(0, 0).broadcastTo(base.shape()));
    }

    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertEquals(Device.cuda(0), actual.device(), what + ": device");
        double[] e = CPU.toDoubleArray(expected), a = gpu.toDoubleArray(actual);
        double tol = expected.dtype() == DType.F32 ? 1e-5 : 1e-12;
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i])) {
                assertTrue(Double.isNaN(a[i]), what + "[" + i + "]: expected NaN, got " + a[i]);
            } else if (Double.isInfinite(e[i])) {
                assertEquals(e[i], a[i], what + "[" + i + "]");
            } else {
                assertEquals(e[i], a[i], tol * Math.max(1, Math.abs(e[i])), what + "[" + i + "]");
            }
        }
    }

    @Test
    void copiesRoundTripEveryDtype() {
        for (DType t : DType.values()) {
            Tensor c = random(Shape.of(3, 5), t, 1);
            Tensor g = up(c);
            assertEquals(Device.cuda(0), g.device());
            assertArrayEquals(CPU.toDoubleArray(c), gpu.toDoubleArray(g), t.toString());
            assertArrayEquals(CPU.toLongArray(c), gpu.toLongArray(g), t.toString());
            assertEquals(CPU.getDouble(c, 2, 3), gpu.getDouble(g, 2, 3));
            assertEquals(CPU.getFlat(c.mT(), 7), gpu.getFlat(g.mT(), 7));
            assertClose(CPU.contiguous(c.mT()), gpu.contiguous(g.mT()), "contiguous " + t);
            for (DType u : DType.values()) {
                assertClose(CPU.astype(c.mT(), u), gpu.astype(g.mT(), u), "astype " + t + " -> " + u);
            }
        }
        assertClose(CPU.zeros(Shape.of(4), DType.F32), gpu.zeros(Shape.of(4), DType.F32), "zeros");
        assertClose(CPU.full(Shape.of(2, 2), DType.I64, 7), gpu.full(Shape.of(2, 2), DType.I64, 7), "full");
        assertClose(CPU.arange(0, 5, 0.5, DType.F32), gpu.arange(0, 5, 0.5, DType.F32), "arange");
    }

    @Test
    void elementwiseMatchesCpu() {
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            Tensor a = random(Shape.of(6, 6), t, 2), b = random(Shape.of(6, 6), t, 3);
            for (Tensor av : views(a)) {
                for (UnaryOp op : UnaryOp.values()) {
                    assertClose(CPU.unary(op, av), gpu.unary(op, up(av)), op + " " + t);
                }
                for (Tensor bv : views(b)) {
                    for (BinaryOp op : BinaryOp.values()) {
                        assertClose(CPU.binary(op, av, bv), gpu.binary(op, up(av), up(bv)), op + " " + t);
                    }
                }
                assertClose(CPU.clip(av, -0.5, 0.5), gpu.clip(up(av), -0.5, 0.5), "clip " + t);
            }
            // Broadcasting [6, 1] with [6], mixed dtypes, and where.
            Tensor col = random(Shape.of(6, 1), DType.F64, 4), row = random(Shape.of(6), t, 5);
            assertClose(CPU.add(col, row), gpu.add(up(col), up(row)), "broadcast add");
            Tensor mask = CPU.binary(BinaryOp.GT, a, b);
            assertClose(CPU.where(mask, a, row), gpu.where(up(mask), up(a), up(row)), "where");
            assertClose(CPU.pow(a, CPU.scalar(2, t)), gpu.pow(up(a), gpu.scalar(2, t)), "pow 2");
        }
        assertThrows(TensorError.class, () -> gpu.add(gpu.zeros(Shape.of(2), DType.F32), gpu.zeros(Shape.of(3), DType.F32)));
        TensorError e = assertThrows(TensorError.class, () -> gpu.add(gpu.zeros(Shape.of(2), DType.F32), CPU.zeros(Shape.of(2), DType.F32)));
        assertTrue(e.getMessage().contains("cuda:0") && e.getMessage().contains("cpu"), e.getMessage());
    }

    @Test
    void reductionsMatchCpu() {
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            Tensor a = random(Shape.of(4, 5, 300), t, 6);
            for (Tensor av : List.of(a, a.transpose(0, 2), a.slice(2, null, null, 3))) {
                for (ReduceOp op : ReduceOp.values()) {
                    for (int[] axes : new int[][] {null, {0}, {-1}, {0, 2}, {1}}) {
                        for (boolean keep : new boolean[] {false, true}) {
                            assertClose(CPU.reduce(op, av, axes, keep), gpu.reduce(op, up(av), axes, keep), op + " " + t);
                        }
                    }
                }
                for (Integer axis : new Integer[] {null, 0, 1, -1}) {
                    assertClose(CPU.argmax(av, axis, false), gpu.argmax(up(av), axis, false), "argmax");
                    assertClose(CPU.argmin(av, axis, true), gpu.argmin(up(av), axis, true), "argmin");
                }
                for (int axis = 0; axis < 3; axis++) {
                    assertClose(CPU.softmax(av, axis), gpu.softmax(up(av), axis), "softmax " + t);
                    assertClose(CPU.logSoftmax(av, axis), gpu.logSoftmax(up(av), axis), "log_softmax " + t);
                }
            }
            assertClose(CPU.sumTo(a, Shape.of(5, 1)), gpu.sumTo(up(a), Shape.of(5, 1)), "sum_to");
            Tensor withNaN = CPU.fromArray(new double[] {1, Double.NaN, 3, Double.NEGATIVE_INFINITY}, Shape.of(4), t);
            assertClose(CPU.reduce(ReduceOp.MAX, withNaN, null, false), gpu.reduce(ReduceOp.MAX, up(withNaN), null, false), "NaN max");
            assertClose(CPU.argmax(withNaN, 0, false), gpu.argmax(up(withNaN), 0, false), "NaN argmax");
        }
        assertClose(CPU.sum(CPU.fromArray(new boolean[] {true, false, true}, Shape.of(3))),
                gpu.sum(gpu.fromArray(new boolean[] {true, false, true}, Shape.of(3))), "mask count");
        assertThrows(TensorError.class, () -> gpu.reduce(ReduceOp.MAX, gpu.zeros(Shape.of(0), DType.F32), null, false));
    }

    @Test
    void matmulMatchesCpu() {
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            BiFunction<int[], int[], Void> check = (sa, sb) -> {
                Tensor a = random(Shape.of(sa), t, 7), b = random(Shape.of(sb), t, 8);
                assertClose(CPU.matmul(a, b), gpu.matmul(up(a), up(b)), "matmul " + Shape.of(sa) + " @ " + Shape.of(sb) + " " + t);
                return null;
            };
            check.apply(new int[] {5}, new int[] {5});
            check.apply(new int[] {3, 5}, new int[] {5});
            check.apply(new int[] {5}, new int[] {5, 4});
            check.apply(new int[] {33, 65}, new int[] {65, 17});
            check.apply(new int[] {2, 3, 33, 65}, new int[] {65, 17});
            check.apply(new int[] {3, 1, 4, 6}, new int[] {2, 6, 5});
            Tensor a = random(Shape.of(40, 30), t, 9), b = random(Shape.of(20, 40), t, 10);
            assertClose(CPU.matmul(a.mT(), b.mT()), gpu.matmul(up(a).mT(), up(b).mT()), "transposed operands");
            assertClose(CPU.matmul(a.mT().slice(0, null, null, 2), b.mT().slice(1, null, null, 2)),
                    gpu.matmul(up(a).mT().slice(0, null, null, 2), up(b).mT().slice(1, null, null, 2)), "strided operands");
        }
        Tensor mixed = CPU.matmul(random(Shape.of(3, 4), DType.F32, 1), random(Shape.of(4, 2), DType.F64, 2));
        assertClose(mixed, gpu.matmul(up(random(Shape.of(3, 4), DType.F32, 1)), up(random(Shape.of(4, 2), DType.F64, 2))), "mixed dtypes");
        TensorError e = assertThrows(TensorError.class, () -> gpu.matmul(gpu.zeros(Shape.of(3, 4), DType.F32), gpu.zeros(Shape.of(5, 2), DType.F32)));
        assertEquals("matmul: shapes [3, 4] and [5, 2] do not align (4 != 5)", e.getMessage());
    }

    @Test
    void convolutionsAndPoolingMatchCpu() {
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            Tensor x = random(Shape.of(2, 3, 9, 8), t, 11), w = random(Shape.of(4, 3, 3, 2), t, 12);
            for (int[] sp : new int[][] {{1, 1, 0, 0}, {2, 1, 1, 0}, {2, 3, 1, 1}}) {
                Tensor y = CPU.conv2d(x, w, sp[0], sp[1], sp[2], sp[3]);
                assertClose(y, gpu.conv2d(up(x), up(w), sp[0], sp[1], sp[2], sp[3]), "conv2d " + t);
                Tensor gy = random(y.shape(), t, 13);
                assertClose(CPU.conv2dInputGrad(gy, w, x.shape(), sp[0], sp[1], sp[2], sp[3]),
                        gpu.conv2dInputGrad(up(gy), up(w), x.shape(), sp[0], sp[1], sp[2], sp[3]), "conv2d input grad " + t);
                assertClose(CPU.conv2dWeightGrad(x, gy, w.shape(), sp[0], sp[1], sp[2], sp[3]),
                        gpu.conv2dWeightGrad(up(x), up(gy), w.shape(), sp[0], sp[1], sp[2], sp[3]), "conv2d weight grad " + t);
            }
            Tensor p = CPU.maxPool2d(x, 2, 2, 2, 2, 0, 0);
            assertClose(p, gpu.maxPool2d(up(x), 2, 2, 2, 2, 0, 0), "max_pool2d");
            Tensor gp = random(p.shape(), t, 14);
            assertClose(CPU.maxPool2dGrad(x, gp, 2, 2, 2, 2, 0, 0), gpu.maxPool2dGrad(up(x), up(gp), 2, 2, 2, 2, 0, 0), "max_pool2d_grad");
        }
    }

    @Test
    void indexingAndJoiningMatchCpu() {
        Tensor x = random(Shape.of(4, 5), DType.F32, 15);
        Tensor idx = CPU.fromArray(new long[] {3, 0, 0, 2}, Shape.of(4));
        assertClose(CPU.indexSelect(x, 0, idx), gpu.indexSelect(up(x), 0, up(idx)), "index_select");
        assertClose(CPU.indexAdd(x.shape(), 0, idx, x), gpu.indexAdd(x.shape(), 0, up(idx), up(x)), "index_add");
        Tensor gi = CPU.fromArray(new long[] {0, 4, 1, 1, 2, 3, 0, 0}, Shape.of(4, 2));
        assertClose(CPU.gather(x, 1, gi), gpu.gather(up(x), 1, up(gi)), "gather");
        assertClose(CPU.scatterAdd(x.shape(), 1, gi, CPU.gather(x, 1, gi)), gpu.scatterAdd(x.shape(), 1, up(gi), gpu.gather(up(x), 1, up(gi))), "scatter_add");
        assertClose(CPU.oneHot(idx, 5, DType.F32), gpu.oneHot(up(idx), 5, DType.F32), "one_hot");
        Tensor y = random(Shape.of(4, 3), DType.F64, 16);
        assertClose(CPU.concat(List.of(x, y), 1), gpu.concat(List.of(up(x), up(y)), 1), "concat");
        assertClose(CPU.stack(List.of(x, x.mT().mT()), 1), gpu.stack(List.of(up(x), up(x).mT().mT()), 1), "stack");
    }

    /** gather, scatter_add, index_select, index_add, one_hot and pooling run on the device: every index dtype, views, negative indices, NaN. */
    @Test
    void indexKernelsMatchCpu() {
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            Tensor x = random(Shape.of(3, 4, 5), t, 21);
            for (DType it : new DType[] {DType.I64, DType.F64, DType.F32}) {
                String what = " x " + t + " indices " + it;
                // index_select / index_add along the middle axis, 2-d indices with negative and repeated ones
                Tensor k = CPU.astype(CPU.fromArray(new long[] {-1, 0, 2, -4, 3, 3}, Shape.of(2, 3)), it);
                assertClose(CPU.indexSelect(x, 1, k), gpu.indexSelect(up(x), 1, up(k)), "index_select" + what);
                assertClose(CPU.indexSelect(x.transpose(0, 2), 1, k), gpu.indexSelect(up(x).transpose(0, 2), 1, up(k)), "index_select of a view" + what);
                Tensor src = random(Shape.of(3, 2, 3, 5), t, 22);
                assertClose(CPU.indexAdd(x.shape(), 1, k, src), gpu.indexAdd(x.shape(), 1, up(k), up(src)), "index_add" + what);
                // gather / scatter_add along the last axis, through a transposed index view
                Tensor gi = CPU.astype(CPU.fromArray(new long[] {0, 4, 1, 1, 2, 3, 0, 0, 4, 4, 3, 2}, Shape.of(2, 2, 3)), it);
                Tensor giT = gi.transpose(0, 1);
                assertClose(CPU.gather(x, 2, giT), gpu.gather(up(x), 2, up(gi).transpose(0, 1)), "gather" + what);
                Tensor gs = random(giT.shape(), t, 23);
                assertClose(CPU.scatterAdd(x.shape(), 2, giT, gs), gpu.scatterAdd(x.shape(), 2, up(gi).transpose(0, 1), up(gs)), "scatter_add" + what);
                Tensor rows = CPU.astype(CPU.fromArray(new long[] {2, 0, 1, 1, 0, 2}, Shape.of(1, 2, 3)), it);
                assertClose(CPU.gather(x, 0, rows), gpu.gather(up(x), 0, up(rows)), "gather along axis 0" + what);
                for (DType out : DType.values()) {
                    Tensor classes = CPU.astype(CPU.fromArray(new long[] {4, 0, 2, 2, 1, 3}, Shape.of(3, 2)), it);
                    assertClose(CPU.oneHot(classes.mT(), 5, out), gpu.oneHot(up(classes).mT(), 5, out), "one_hot" + what + " -> " + out);
                }
            }
            // pooling: padding, overlapping windows, a NaN, ties (the gradient goes to the first maximum)
            double[] v = CPU.toDoubleArray(random(Shape.of(2, 2, 7, 6), DType.F64, 24));
            v[9] = Double.NaN;
            for (int i = 40; i < 52; i++) {
                v[i] = 0.5;
            }
            Tensor img = CPU.fromArray(v, Shape.of(2, 2, 7, 6), t);
            for (int[] g : new int[][] {{2, 2, 2, 2, 0, 0}, {3, 3, 1, 1, 1, 1}, {3, 2, 2, 1, 1, 0}}) {
                Tensor y = CPU.maxPool2d(img, g[0], g[1], g[2], g[3], g[4], g[5]);
                assertClose(y, gpu.maxPool2d(up(img), g[0], g[1], g[2], g[3], g[4], g[5]), "max_pool2d " + t);
                Tensor gy = random(y.shape(), DType.F64, 25);
                assertClose(CPU.maxPool2dGrad(img, gy, g[0], g[1], g[2], g[3], g[4], g[5]),
                        gpu.maxPool2dGrad(up(img), up(gy), g[0], g[1], g[2], g[3], g[4], g[5]), "max_pool2d_grad " + t);
            }
        }
    }

    /** cumsum, prod (and its gradient) and argsort on the device, against the CPU's host loops: axes, views, zeros, ties, nan, -0.0. */
    @Test
    void scansAndSortsMatchCpu() {
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            Tensor x = random(Shape.of(3, 7, 5), t, 31);
            for (Tensor v : List.of(x, x.transpose(0, 2), x.slice(1, null, null, 2))) {
                for (int axis = 0; axis < 3; axis++) {
                    for (boolean reverse : new boolean[] {false, true}) {
                        assertClose(CPU.cumsum(v, axis, reverse), gpu.cumsum(up(v), axis, reverse), "cumsum " + t + " axis " + axis);
                    }
                    for (boolean keep : new boolean[] {false, true}) {
                        assertClose(CPU.product(v, axis, keep, false), gpu.product(up(v), axis, keep, false), "prod " + t + " axis " + axis);
                    }
                    assertClose(CPU.product(v, axis, false, true), gpu.product(up(v), axis, false, true), "prod_others " + t + " axis " + axis);
                    assertClose(CPU.argsort(v, axis), gpu.argsort(up(v), axis), "argsort " + t + " axis " + axis);
                }
                assertClose(CPU.product(v, null, true, false), gpu.product(up(v), null, true, false), "prod of all, kept " + t);
                assertClose(CPU.product(v, null, false, true), gpu.product(up(v), null, false, true), "prod_others of all " + t);
            }
            // zeros in the products; ties, nan, -0.0 and infinities in the sort; a line of 300 (padded to 512)
            double[] z = {2, 0, 3, -1, 0, 4};
            Tensor zeros = CPU.fromArray(z, Shape.of(6), t);
            assertClose(CPU.product(zeros, 0, false, true), gpu.product(up(zeros), 0, false, true), "prod_others with zeros " + t);
            double[] w = {3, Double.NaN, -0.0, 1, 0.0, 1, Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY, -2, 1};
            Tensor ties = CPU.fromArray(w, Shape.of(w.length), t);
            assertClose(CPU.argsort(ties, 0), gpu.argsort(up(ties), 0), "argsort with ties and nan " + t);
            Tensor line = CPU.binary(BinaryOp.FLOOR_DIVIDE, random(Shape.of(2, 300), t, 32), CPU.scalar(0.25, t));
            assertClose(CPU.argsort(line, 1), gpu.argsort(up(line), 1), "argsort of 300 with repeats " + t);
        }
        Tensor ints = CPU.fromArray(new long[] {5, -3, 5, 0, 2}, Shape.of(5));
        assertClose(CPU.argsort(ints, 0), gpu.argsort(up(ints), 0), "argsort of i64");
        assertClose(CPU.cumsum(ints, 0, false), gpu.cumsum(up(ints), 0, false), "cumsum of i64");
        assertClose(CPU.argsort(CPU.zeros(Shape.of(0, 3), DType.F32), 0), gpu.argsort(gpu.zeros(Shape.of(0, 3), DType.F32), 0), "argsort of nothing");
    }

    /** Indices the device cannot trust give the CPU backend's error, or (a view of good ones) the right result. */
    @Test
    void badIndicesAreReportedAsOnTheCpu() {
        Tensor x = random(Shape.of(4, 5), DType.F64, 26);
        for (Tensor bad : List.of(CPU.fromArray(new long[] {1, 7}, Shape.of(2)), CPU.fromArray(new long[] {-6, 0}, Shape.of(2)),
                CPU.fromArray(new double[] {1.5, 0}, Shape.of(2), DType.F64))) {
            String cpu = assertThrows(TensorError.class, () -> CPU.indexSelect(x, 1, bad)).getMessage();
            assertEquals(cpu, assertThrows(TensorError.class, () -> gpu.indexSelect(up(x), 1, up(bad))).getMessage());
            String cpuOneHot = assertThrows(TensorError.class, () -> CPU.oneHot(bad, 5, DType.F32)).getMessage();
            assertEquals(cpuOneHot, assertThrows(TensorError.class, () -> gpu.oneHot(up(bad), 5, DType.F32)).getMessage());
        }
        Tensor negative = CPU.fromArray(new long[] {0, -1, 2, 1}, Shape.of(4, 1));
        String cpu = assertThrows(TensorError.class, () -> CPU.gather(x, 1, negative)).getMessage();
        assertEquals(cpu, assertThrows(TensorError.class, () -> gpu.gather(up(x), 1, up(negative))).getMessage());
        // The storage holds 9, out of range, but the view [0:2] does not: computed, not refused.
        Tensor mixed = up(CPU.fromArray(new long[] {3, 1, 9}, Shape.of(3)));
        assertClose(CPU.indexSelect(x, 1, CPU.fromArray(new long[] {3, 1}, Shape.of(2))), gpu.indexSelect(up(x), 1, mixed.slice(0, 0, 2, 1)), "good view of a bad storage");
        // Indices checked once, then overwritten in place: checked again.
        Tensor k = gpu.copy(up(CPU.fromArray(new long[] {0, 1}, Shape.of(2))));
        assertClose(CPU.indexSelect(x, 1, CPU.fromArray(new long[] {0, 1}, Shape.of(2))), gpu.indexSelect(up(x), 1, k), "checked indices");
        gpu.writeInto(k, up(CPU.fromArray(new long[] {0, 5}, Shape.of(2))), false);
        String after = assertThrows(TensorError.class, () -> CPU.indexSelect(x, 1, CPU.fromArray(new long[] {0, 5}, Shape.of(2)))).getMessage();
        assertEquals(after, assertThrows(TensorError.class, () -> gpu.indexSelect(up(x), 1, k)).getMessage());
    }

    @Test
    void writeIntoMatchesCpu() {
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            Tensor base = random(Shape.of(5, 6), t, 17), src = random(Shape.of(3, 3), DType.F64, 18);
            for (boolean accumulate : new boolean[] {false, true}) {
                // Through the view [4:1:-1, ::-2] (reversed and stepped) of a fresh copy, from f64.
                Tensor c = CPU.copy(base), g = gpu.copy(up(base));
                CPU.writeInto(c.slice(0, 4, 1, -1).slice(1, null, null, -2), src, accumulate);
                gpu.writeInto(g.slice(0, 4, 1, -1).slice(1, null, null, -2), up(src), accumulate);
                assertClose(c, g, "write_into " + t + (accumulate ? " accumulating" : ""));
            }
        }
    }

    @Test
    void memoryIsPooledAndReturned() throws Exception {
        CudaBackend b = (CudaBackend) gpu;
        for (int i = 0; i < 50; i++) {
            gpu.zeros(Shape.of(1 << 20), DType.F32);
        }
        for (int i = 0; i < 20 && b.memory()[0] > (64L << 20); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(b.memory()[0] <= (64L << 20), "live bytes after GC: " + b.memory()[0]);
        TensorError oom = assertThrows(TensorError.class, () -> {
            java.util.List<Tensor> keep = new java.util.ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                keep.add(gpu.zeros(Shape.of(Integer.MAX_VALUE / 8), DType.F64));
            }
        });
        assertTrue(oom.getMessage().contains("out of memory") && oom.getMessage().contains("MiB"), oom.getMessage());
        // The tensors of the failed loop are garbage: their chunks go back to the driver and the device has room again.
        Tensor big = gpu.full(Shape.of(Integer.MAX_VALUE / 8), DType.F64, 2.0);
        assertEquals(2.0, gpu.getFlat(big, Integer.MAX_VALUE / 8 - 1));
        // Blocks cut from one chunk do not overlap: neighbours keep their own values.
        java.util.List<Tensor> small = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            small.add(gpu.full(Shape.of(1000 + i), DType.F32, i));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(i, gpu.getFlat(small.get(i), 0));
            assertEquals(i, gpu.getFlat(small.get(i), 999 + i));
        }
    }
}
