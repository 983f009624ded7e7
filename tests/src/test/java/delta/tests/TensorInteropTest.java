package delta.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.junit.jupiter.api.Test;

/**
 * Tensors seen from Java and JavaScript (grCUDA-style): a read-only array of rows, a read-only
 * buffer of the elements in row-major order, and tensor(x) made from Java arrays, JavaScript
 * arrays and typed arrays.
 */
class TensorInteropTest {
    private static final HostAccess ARRAYS = HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true).allowListAccess(true).build();

    private static Context js() {
        return Context.newBuilder("js", "dl").allowPolyglotAccess(PolyglotAccess.ALL).option("engine.WarnInterpreterOnly", "false").build();
    }

    // ---- from Java ----

    @Test
    void rowsAreViewsAndElementsAreNumbers() {
        try (Context context = Context.create("dl")) {
            Value t = context.eval("dl", "tensor([[1.5, 2], [3, 4]])");
            assertTrue(t.hasArrayElements());
            assertEquals(2, t.getArraySize());
            assertEquals(3.0, t.getArrayElement(1).getArrayElement(0).asDouble());
            Value row = t.getArrayElement(1);
            assertEquals("tensor([3.0000, 4.0000], shape=[2], dtype=f64)", row.toString());
            assertEquals("tensor", row.getMetaObject().getMetaSimpleName());
            Value cube = context.eval("dl", "reshape(arange(24), [2, 3, 4])");
            assertEquals(23.0, cube.getArrayElement(1).getArrayElement(2).getArrayElement(3).asDouble());
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> t.getArrayElement(2));
        }
    }

    @Test
    void elementsKeepTheirDtype() {
        try (Context context = Context.create("dl")) {
            Value indices = context.eval("dl", "argmax(tensor([[1, 5], [7, 2]]), 1)");
            assertTrue(indices.getArrayElement(0).fitsInLong());
            assertEquals(1L, indices.getArrayElement(0).asLong());
            Value mask = context.eval("dl", "tensor([1, -1]) > 0");
            assertTrue(mask.getArrayElement(0).isBoolean());
            assertFalse(mask.getArrayElement(1).asBoolean());
            Value single = context.eval("dl", "tensor([1.5, 2.25], \"f32\")");
            assertArrayEquals(new float[] {1.5f, 2.25f}, single.as(float[].class));
        }
    }

    @Test
    void copiesOutToJavaArrays() {
        try (Context context = Context.create("dl")) {
            assertArrayEquals(new double[] {0, 1, 2}, context.eval("dl", "arange(3)").as(double[].class));
            double[][] matrix = context.eval("dl", "tensor([[1.5, 2], [3, 4]])").as(double[][].class);
            assertArrayEquals(new double[] {1.5, 2}, matrix[0]);
            assertArrayEquals(new double[] {3, 4}, matrix[1]);
            // A transposed view copies out in its own order.
            double[][] transposed = context.eval("dl", "transpose(tensor([[1, 2, 3], [4, 5, 6]]))").as(double[][].class);
            assertArrayEquals(new double[] {3, 6}, transposed[2]);
            @SuppressWarnings("unchecked")
            List<Object> list = context.eval("dl", "tensor([1.5, 2])").as(List.class);
            assertEquals(List.of(1.5, 2.0), list);
        }
    }

    @Test
    void elementsAreReadOnly() {
        try (Context context = Context.create("dl")) {
            Value t = context.eval("dl", "tensor([1.5, 2])");
            assertThrows(UnsupportedOperationException.class, () -> t.setArrayElement(0, 5.0));
            assertFalse(t.isBufferWritable());
            assertThrows(UnsupportedOperationException.class, () -> t.writeBufferDouble(ByteOrder.nativeOrder(), 0, 5.0));
            assertEquals(1.5, t.getArrayElement(0).asDouble());
        }
    }

    @Test
    void bufferIsTheElementsInRowMajorOrder() {
        try (Context context = Context.create("dl")) {
            Value t = context.eval("dl", "tensor([[1.5, 2], [3, 4]])");
            assertTrue(t.hasBufferElements());
            assertEquals(32, t.getBufferSize());
            assertEquals(3.0, t.readBufferDouble(ByteOrder.nativeOrder(), 16));
            assertEquals(3.0, t.readBufferDouble(ByteOrder.LITTLE_ENDIAN, 16), "x86 and aarch64 are little-endian");
            assertEquals(Double.doubleToLongBits(2.0), t.readBufferLong(ByteOrder.LITTLE_ENDIAN, 8));
            assertEquals(Long.reverseBytes(Double.doubleToLongBits(2.0)), t.readBufferLong(ByteOrder.BIG_ENDIAN, 8));
            // Unaligned reads assemble the bytes they span.
            assertEquals((byte) (Double.doubleToLongBits(1.5) >>> 48), t.readBufferByte(6));
            byte[] bytes = new byte[8];
            t.readBuffer(24, bytes, 0, 8);
            assertEquals(4.0, java.nio.ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getDouble());
            assertThrows(IndexOutOfBoundsException.class, () -> t.readBufferDouble(ByteOrder.nativeOrder(), 32));
            // A non-contiguous view reads in its own row-major order.
            Value transposed = context.eval("dl", "transpose(tensor([[1, 2, 3], [4, 5, 6]]))");
            double[] flat = new double[6];
            for (int i = 0; i < 6; i++) {
                flat[i] = transposed.readBufferDouble(ByteOrder.nativeOrder(), 8L * i);
            }
            assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, flat);
            // Every dtype has its element size: f32 4 bytes, i64 8, bool 1; a 0-d tensor is one element.
            Value single = context.eval("dl", "tensor([1.5, -2], \"f32\")");
            assertEquals(8, single.getBufferSize());
            assertEquals(-2.0f, single.readBufferFloat(ByteOrder.nativeOrder(), 4));
            assertEquals(Float.floatToIntBits(1.5f), single.readBufferInt(ByteOrder.LITTLE_ENDIAN, 0));
            Value indices = context.eval("dl", "argmax(tensor([[1, 5], [7, 2]]), 1)");
            assertEquals(1L, indices.readBufferLong(ByteOrder.nativeOrder(), 0));
            Value mask = context.eval("dl", "tensor([1, -1, 2]) > 0");
            assertEquals(3, mask.getBufferSize());
            assertEquals(0, mask.readBufferByte(1));
            Value scalar = context.eval("dl", "tensor(7.5)");
            assertFalse(scalar.hasArrayElements());
            assertEquals(7.5, scalar.readBufferDouble(ByteOrder.nativeOrder(), 0));
        }
    }

    @Test
    void displayAndMetaObject() {
        try (Context context = Context.create("dl")) {
            Value t = context.eval("dl", "tensor([1, 2])");
            assertEquals("tensor([1.0000, 2.0000], shape=[2], dtype=f64)", t.toString());
            Value meta = t.getMetaObject();
            assertTrue(meta.isMetaObject());
            assertEquals("tensor", meta.getMetaQualifiedName());
            assertTrue(meta.isMetaInstance(t));
            assertFalse(meta.isMetaInstance(context.eval("dl", "[1, 2]")));
        }
    }

    @Test
    void tensorFromJavaArraysWithArrayAccess() {
        try (Context context = Context.newBuilder("dl").allowHostAccess(ARRAYS).build()) {
            Value tensor = context.eval("dl", "(x) -> tensor(x)");
            Value dtype = context.eval("dl", "(x) -> dtype_of(tensor(x))");
            assertEquals("tensor([1.0000, 2.5000], shape=[2], dtype=f64)", tensor.execute(new double[] {1, 2.5}).toString());
            assertEquals("f32", dtype.execute((Object) new float[] {1, 2}).asString());
            assertEquals("f64", dtype.execute((Object) new int[] {1, 2}).asString());
            assertEquals("f64", dtype.execute((Object) new long[] {1, 2}).asString());
            assertEquals("bool", dtype.execute((Object) new boolean[] {true, false}).asString());
            assertEquals("f32", dtype.execute((Object) new Float[] {1f, 2f}).asString());
            Value matrix = tensor.execute((Object) new double[][] {{1, 2}, {3, 4}});
            assertEquals("[2, 2]", context.eval("dl", "(t) -> str(shape(t))").execute(matrix).asString());
            assertEquals(4.0, matrix.getArrayElement(1).getArrayElement(1).asDouble());
            assertEquals(3.5, tensor.execute(List.of(1, 2.5)).getArrayElement(1).asDouble() + 1);
            assertEquals(2.0, tensor.execute(ProxyArray.fromArray(1.0, 2.0)).getArrayElement(1).asDouble());
            PolyglotException ragged = assertThrows(PolyglotException.class, () -> tensor.execute((Object) new double[][] {{1, 2}, {3}}));
            assertEquals("tensor(): ragged nesting: lists at depth 1 have lengths 2 and 1", ragged.getMessage());
            // The f32 dtype asked for wins over the elements' type.
            assertEquals("f32", context.eval("dl", "(x) -> dtype_of(tensor(x, \"f32\"))").execute(new double[] {1}).asString());
        }
    }

    @Test
    void javaArraysNeedArrayAccessAndTheErrorSaysSo() {
        try (Context context = Context.create("dl")) {
            Value tensor = context.eval("dl", "(x) -> tensor(x)");
            PolyglotException hidden = assertThrows(PolyglotException.class, () -> tensor.execute(new double[] {1, 2}));
            assertTrue(hidden.getMessage().startsWith("tensor(): expected numbers, got foreign"), hidden.getMessage());
            assertTrue(hidden.getMessage().contains("allowArrayAccess(true)"), hidden.getMessage());
            // A ProxyArray is the embedder's own interop object: it needs no host access.
            assertEquals(2, tensor.execute(ProxyArray.fromArray(1, 2)).getArraySize());
        }
        try (Context context = Context.newBuilder("dl").allowAllAccess(true).build()) {
            assertEquals(4.0, context.eval("dl", "(x) -> item(sum(tensor(x)))").execute((Object) new double[][] {{1, 1}, {1, 1}}).asDouble());
        }
    }

    @Test
    void sandboxedContextsTakeJavaArraysWhenArrayAccessIsGranted() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("dl").sandbox(SandboxPolicy.CONSTRAINED).out(output).err(output).build()) {
            Value tensor = context.eval("dl", "(x) -> tensor(x)");
            assertThrows(PolyglotException.class, () -> tensor.execute(new double[] {1, 2}));
            Value t = context.eval("dl", "tensor([[1, 2], [3, 4]])");
            assertEquals(3.0, t.getArrayElement(1).getArrayElement(0).asDouble(), "tensors go out of the sandbox as arrays");
        }
        HostAccess constrainedArrays = HostAccess.newBuilder(HostAccess.CONSTRAINED).allowArrayAccess(true).build();
        try (Context context = Context.newBuilder("dl").sandbox(SandboxPolicy.CONSTRAINED).allowHostAccess(constrainedArrays).out(output).err(output)
                        .build()) {
            assertEquals(3.0, context.eval("dl", "(x) -> item(sum(tensor(x)))").execute(new double[] {1, 2}).asDouble());
        }
    }

    // ---- from JavaScript ----

    @Test
    void javaScriptIndexesRowsAndElements() {
        try (Context context = js()) {
            Value result = context.eval("js", """
                            const t = Polyglot.eval('dl', 'tensor([[1.5, 2], [3, 4]])');
                            [t.length, t[1][0], t[0].length, Array.isArray(t), Array.from(t, row => Array.from(row).join(' ')).join('; ')]
                            """);
            assertEquals(2, result.getArrayElement(0).asInt());
            assertEquals(3, result.getArrayElement(1).asInt());
            assertEquals(2, result.getArrayElement(2).asInt());
            assertTrue(result.getArrayElement(3).asBoolean(), "GraalJS treats foreign arrays as arrays");
            assertEquals("1.5 2; 3 4", result.getArrayElement(4).asString());
        }
    }

    @Test
    void float64ArrayIsAViewOfTheTensorNotACopy() {
        try (Context context = js()) {
            Value result = context.eval("js", """
                            'use strict';
                            const t = Polyglot.eval('dl', 'tensor([[1.5, 2], [3, 4]])');
                            const a = new Float64Array(t);
                            let write;
                            try { a[0] = 9; write = 'written'; } catch (e) { write = e.message; }
                            [a.length, a.join(' '), a.buffer.byteLength, new Uint8Array(t).length, write, a[0]]
                            """);
            assertEquals(4, result.getArrayElement(0).asInt());
            assertEquals("1.5 2 3 4", result.getArrayElement(1).asString(), "row-major elements of the 2-D tensor");
            assertEquals(32, result.getArrayElement(2).asInt(), "its buffer is the tensor's 32 bytes");
            assertEquals(32, result.getArrayElement(3).asInt(), "a Uint8Array of the tensor sees bytes: the buffer, not the rows");
            // A copy would be writable; the view is backed by the tensor's read-only interop buffer.
            assertEquals("Read-only buffer", result.getArrayElement(4).asString());
            assertEquals(1.5, result.getArrayElement(5).asDouble());
        }
    }

    @Test
    void typedArraysMatchTheDtype() {
        try (Context context = js()) {
            Value result = context.eval("js", """
                            const single = Polyglot.eval('dl', 'tensor([1.5, -2], "f32")');
                            const mask = Polyglot.eval('dl', 'tensor([1, -1]) > 0');
                            const indices = Polyglot.eval('dl', 'argmax(tensor([[1, 5], [7, 2]]), 1)');
                            const transposed = Polyglot.eval('dl', 'transpose(tensor([[1, 2, 3], [4, 5, 6]]))');
                            [new Float32Array(single).join(' '), new Uint8Array(mask).join(' '), new BigInt64Array(indices).join(' '),
                             new Float64Array(transposed).join(' '), new DataView(single).getFloat32(4, true)]
                            """);
            assertEquals("1.5 -2", result.getArrayElement(0).asString());
            assertEquals("1 0", result.getArrayElement(1).asString());
            assertEquals("1 0", result.getArrayElement(2).asString());
            assertEquals("1 4 2 5 3 6", result.getArrayElement(3).asString());
            assertEquals(-2.0, result.getArrayElement(4).asDouble());
        }
    }

    @Test
    void tensorFromJavaScriptArraysAndTypedArrays() {
        try (Context context = js()) {
            Value result = context.eval("js", """
                            const describe = Polyglot.eval('dl', '(x) -> str(shape(tensor(x))) + " " + dtype_of(tensor(x)) + " " + str(sum(tensor(x)))');
                            const sub = new Float64Array([0, 7, 8, 0]).subarray(1, 3);
                            [describe([[1, 2], [3, 4.5]]), describe(new Float64Array([1, 2, 3])), describe(new Float32Array([1, 2, 3.5])),
                             describe([new Float32Array([1, 2]), new Float32Array([3, 4])]), describe(sub), describe(new Int32Array([1, 2])),
                             describe([true, false])]
                            """);
            assertEquals("[2, 2] f64 tensor(10.5000, shape=[], dtype=f64)", result.getArrayElement(0).asString());
            assertEquals("[3] f64 tensor(6.0000, shape=[], dtype=f64)", result.getArrayElement(1).asString());
            assertEquals("[3] f32 tensor(6.5000, shape=[], dtype=f32)", result.getArrayElement(2).asString());
            assertEquals("[2, 2] f32 tensor(10.0000, shape=[], dtype=f32)", result.getArrayElement(3).asString());
            assertEquals("[2] f64 tensor(15.0000, shape=[], dtype=f64)", result.getArrayElement(4).asString(), "a subarray is its own elements");
            assertEquals("[2] f64 tensor(3.0000, shape=[], dtype=f64)", result.getArrayElement(5).asString());
            assertTrue(result.getArrayElement(6).asString().startsWith("[2] bool"), result.getArrayElement(6).asString());
        }
    }

    @Test
    void aTensorRoundTripsThroughJavaScript() {
        try (Context context = js()) {
            Value result = context.eval("js", """
                            const double = Polyglot.eval('dl', '(x) -> tensor(x) * 2');
                            const t = double(new Float64Array([1, 2, 3]));
                            const again = double(t);
                            Array.from(new Float64Array(again)).join(' ')
                            """);
            assertEquals("4 8 12", result.asString());
        }
    }
}
