package delta.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Creation, copies to and from Java arrays, dtype conversion. */
class CopyTest {
    private final Backend b = Nd.B;

    @Test
    void creation() {
        assertArrayEquals(new double[] {0, 0, 0}, b.toDoubleArray(b.zeros(Shape.of(3), DType.F64)));
        assertArrayEquals(new float[] {2.5f, 2.5f}, b.toFloatArray(b.full(Shape.of(2), DType.F32, 2.5)));
        assertArrayEquals(new long[] {2, 2}, b.toLongArray(b.full(Shape.of(2), DType.I64, 2.9)));
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5}, b.toDoubleArray(b.arange(0, 2, 0.5, DType.F64)));
        assertArrayEquals(new double[] {3, 2, 1}, b.toDoubleArray(b.arange(3, 0, -1, DType.F32)));
        assertEquals(0, b.arange(3, 0, 1, DType.F64).size());
        assertThrows(TensorError.class, () -> b.arange(0, 1, 0, DType.F64));
        assertEquals(7.0, b.item(b.scalar(7, DType.F64)));
        assertEquals(0, b.scalar(7, DType.F64).rank());
    }

    @Test
    void arraysRoundTripAndCopy() {
        double[] d = {1, 2, 3, 4, 5, 6};
        Tensor t = b.fromArray(d, Shape.of(2, 3), DType.F64);
        d[0] = 100; // the tensor owns a copy
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, b.toDoubleArray(t));
        double[] out = b.toDoubleArray(t);
        out[1] = 100; // and hands out copies
        assertEquals(2.0, b.getDouble(t, 0, 1));
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, b.toDoubleArray(t.mT()));
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, b.toFloatArray(t.mT()));
        assertArrayEquals(new long[] {1, 4, 2, 5, 3, 6}, b.toLongArray(t.mT()));
        Tensor tt = t.mT();
        for (int i = 0; i < 6; i++) {
            assertEquals(b.toDoubleArray(tt)[i], b.getFlat(tt, i));
        }
        assertThrows(TensorError.class, () -> b.getFlat(tt, 6));
        TensorError e = assertThrows(TensorError.class, () -> b.fromArray(new double[5], Shape.of(2, 3), DType.F64));
        assertEquals("from_array: 5 values do not fill shape [2, 3] (6 elements)", e.getMessage());
        e = assertThrows(TensorError.class, () -> b.getDouble(t, 2, 0));
        assertEquals("index: index 2 is out of bounds for axis 0 with size 2 (shape [2, 3])", e.getMessage());
        e = assertThrows(TensorError.class, () -> b.item(t));
        assertEquals("item: only a one-element tensor converts to a number, got shape [2, 3]", e.getMessage());
        Tensor c = b.copy(t);
        assertNotSame(t.storage(), c.storage());
        assertSame(t, b.contiguous(t));
        assertNotSame(t.storage(), b.contiguous(t.mT()).storage());
    }

    @Test
    void astypeConverts() {
        Tensor t = b.fromArray(new double[] {-1.7, 0, 2.5, Double.NaN}, Shape.of(4), DType.F64);
        assertSame(t, b.astype(t, DType.F64));
        assertArrayEquals(new long[] {-1, 0, 2, 0}, b.toLongArray(b.astype(t, DType.I64)));
        Tensor bool = b.astype(t, DType.BOOL);
        assertEquals(DType.BOOL, bool.dtype());
        assertArrayEquals(new double[] {1, 0, 1, 1}, b.toDoubleArray(bool));
        assertArrayEquals(new float[] {-1.7f, 0f, 2.5f, Float.NaN}, b.toFloatArray(b.astype(t, DType.F32)));
        Tensor back = b.astype(b.astype(t.slice(0, null, null, -1), DType.F32), DType.F64);
        assertArrayEquals(new double[] {Double.NaN, 2.5, 0, (float) -1.7}, b.toDoubleArray(back));
        assertArrayEquals(new double[] {1, 0}, b.toDoubleArray(b.fromArray(new boolean[] {true, false}, Shape.of(2))));
    }

    @Test
    void tensorsOfAnotherDeviceAreRefused() {
        Storage foreign = new Storage() {
            @Override
            public Device device() {
                return Device.cuda(0);
            }

            @Override
            public DType dtype() {
                return DType.F32;
            }

            @Override
            public int length() {
                return 4;
            }
        };
        Tensor g = Tensor.contiguous(foreign, Shape.of(4));
        TensorError e = assertThrows(TensorError.class, () -> b.add(b.zeros(Shape.of(4), DType.F32), g));
        assertEquals("add: expected a tensor on cpu, got one on cuda:0", e.getMessage());
        assertEquals("tensor(shape=[4], dtype=f32, device=cuda:0)", g.toString());
    }
}
