package delta.tensor;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Views share storage and read the elements the index arithmetic says they should. */
class TensorViewTest {
    private final Backend b = Nd.B;
    private final Random r = new Random(7);

    private Tensor iota(int... shape) {
        return b.arange(0, Nd.size(shape), 1, DType.F64).view(Shape.of(shape));
    }

    @Test
    void transposeAndPermute() {
        Tensor t = iota(2, 3, 4);
        Tensor p = t.permute(2, 0, 1);
        Nd.assertShape(p, 4, 2, 3);
        assertSame(t.storage(), p.storage());
        Nd.forEach(new int[] {4, 2, 3}, i -> assertEquals(b.getDouble(t, i[1], i[2], i[0]), b.getDouble(p, i)));
        Tensor tt = t.transpose(0, -1);
        Nd.forEach(new int[] {4, 3, 2}, i -> assertEquals(b.getDouble(t, i[2], i[1], i[0]), b.getDouble(tt, i)));
        assertFalse(tt.isContiguous());
        Nd.assertShape(t.mT(), 2, 4, 3);
        assertThrows(TensorError.class, () -> t.permute(0, 0, 1));
        assertThrows(TensorError.class, () -> iota(3).mT());
    }

    @Test
    void sliceLikePython() {
        Tensor t = iota(10);
        assertEquals("[2.0, 3.0, 4.0]", java.util.Arrays.toString(b.toDoubleArray(t.slice(0, 2, 5, 1))));
        assertEquals("[9.0, 7.0, 5.0, 3.0, 1.0]", java.util.Arrays.toString(b.toDoubleArray(t.slice(0, null, null, -2))));
        assertEquals("[7.0, 8.0, 9.0]", java.util.Arrays.toString(b.toDoubleArray(t.slice(0, -3, null, 1))));
        assertEquals(0, t.slice(0, 5, 2, 1).size());
        assertEquals("[0.0, 1.0]", java.util.Arrays.toString(b.toDoubleArray(t.slice(0, -100, 2, 1))));
        Tensor m = iota(3, 4);
        Tensor col = m.select(1, 2);
        assertEquals("[2.0, 6.0, 10.0]", java.util.Arrays.toString(b.toDoubleArray(col)));
        assertEquals("[8.0, 9.0, 10.0, 11.0]", java.util.Arrays.toString(b.toDoubleArray(m.select(0, -1))));
        TensorError e = assertThrows(TensorError.class, () -> m.select(0, 3));
        assertEquals("index: index 3 is out of bounds for axis 0 with size 3 (shape [3, 4])", e.getMessage());
        assertThrows(TensorError.class, () -> t.slice(0, 0, 1, 0));
        assertEquals("[5.0, 6.0]", java.util.Arrays.toString(b.toDoubleArray(t.narrow(0, 5, 2))));
    }

    @Test
    void broadcastToUsesStrideZero() {
        Tensor v = iota(3);
        Tensor bv = v.broadcastTo(Shape.of(2, 3));
        assertEquals(0, bv.stride(0));
        assertEquals("[0.0, 1.0, 2.0, 0.0, 1.0, 2.0]", java.util.Arrays.toString(b.toDoubleArray(bv)));
        Tensor c = iota(3, 1).broadcastTo(Shape.of(2, 3, 4));
        Nd.forEach(new int[] {2, 3, 4}, i -> assertEquals(i[1], b.getDouble(c, i)));
        TensorError e = assertThrows(TensorError.class, () -> iota(3, 4).broadcastTo(Shape.of(5, 4, 2)));
        assertEquals("broadcast_to: cannot broadcast shape [3, 4] to [5, 4, 2]", e.getMessage());
    }

    @Test
    void expandAndSqueeze() {
        Tensor t = iota(2, 3);
        Nd.assertShape(t.expandDims(0), 1, 2, 3);
        Nd.assertShape(t.expandDims(-1), 2, 3, 1);
        Nd.assertShape(t.expandDims(1), 2, 1, 3);
        Nd.assertShape(t.expandDims(1).squeeze(1), 2, 3);
        Nd.assertShape(iota(1, 2, 1).squeeze(), 2);
        assertThrows(TensorError.class, () -> t.squeeze(0));
        assertEquals(b.getDouble(t, 1, 2), b.getDouble(t.expandDims(1), 1, 0, 2));
    }

    @Test
    void reshapeIsAViewWhenStridesAllow() {
        Tensor t = iota(2, 3, 4);
        Tensor v = b.reshape(t, 6, 4);
        assertSame(t.storage(), v.storage());
        // A slice along the first axis stays contiguous inside: [1, 3, 4] -> [12] is a view.
        Tensor s = t.slice(0, 1, 2, 1);
        assertSame(t.storage(), b.reshape(s, 12).storage());
        // Splitting and merging axes of a transposed tensor where the strides chain.
        Tensor p = iota(4, 6).mT();                           // [6, 4], strides [1, 6]
        Tensor split = p.tryView(Shape.of(2, 3, 4));            // the first axis splits: still a view
        assertNotNull(split);
        Nd.forEach(new int[] {2, 3, 4}, i -> assertEquals(b.getDouble(p, i[0] * 3 + i[1], i[2]), b.getDouble(split, i)));
        assertNull(p.tryView(Shape.of(24)));                   // merging across the transposition is not
        Tensor copy = b.reshape(p, 24);
        assertNotSame(p.storage(), copy.storage());
        Nd.forEach(new int[] {24}, i -> assertEquals(b.getDouble(p, i[0] / 4, i[0] % 4), b.getDouble(copy, i)));
        assertThrows(TensorError.class, () -> p.view(Shape.of(24)));
        Tensor withOnes = b.reshape(iota(3, 4).slice(1, 0, 2, 1), 3, 1, 2, 1);
        Nd.assertShape(withOnes, 3, 1, 2, 1);
        assertEquals(5.0, b.getDouble(withOnes, 1, 0, 1, 0));
    }

    @Test
    void randomViewChainsReadTheRightElements() {
        for (int trial = 0; trial < 200; trial++) {
            int[] shape = Nd.randomShape(r, 1 + r.nextInt(4), 5);
            Nd x = Nd.random(r, shape);
            Tensor t = x.tensor(DType.F64);
            Nd ref = x;
            for (int step = 0; step < 4; step++) {
                int rank = ref.shape.length;
                int ax = r.nextInt(rank);
                Nd cur = ref;
                switch (r.nextInt(3)) {
                    case 0 -> {
                        int ax2 = r.nextInt(rank);
                        t = t.transpose(ax, ax2);
                        int[] s = cur.shape.clone();
                        s[ax] = cur.shape[ax2];
                        s[ax2] = cur.shape[ax];
                        Nd n = new Nd(s);
                        Nd.forEach(s, i -> {
                            int[] j = i.clone();
                            j[ax] = i[ax2];
                            j[ax2] = i[ax];
                            n.set(cur.get(j), i);
                        });
                        ref = n;
                    }
                    case 1 -> {
                        int d = cur.shape[ax];
                        int start = r.nextInt(d);
                        int step2 = 1 + r.nextInt(2);
                        t = t.slice(ax, start, d, step2);
                        int[] s = cur.shape.clone();
                        s[ax] = (d - start + step2 - 1) / step2;
                        Nd n = new Nd(s);
                        Nd.forEach(s, i -> {
                            int[] j = i.clone();
                            j[ax] = start + i[ax] * step2;
                            n.set(cur.get(j), i);
                        });
                        ref = n;
                    }
                    default -> {
                        int[] s = cur.shape.clone();
                        int[] rev = new int[rank];
                        for (int k = 0; k < rank; k++) {
                            rev[k] = rank - 1 - k;
                        }
                        t = t.permute(rev);
                        int[] s2 = new int[rank];
                        for (int k = 0; k < rank; k++) {
                            s2[k] = s[rank - 1 - k];
                        }
                        Nd n = new Nd(s2);
                        Nd.forEach(s2, i -> {
                            int[] j = new int[rank];
                            for (int k = 0; k < rank; k++) {
                                j[k] = i[rank - 1 - k];
                            }
                            n.set(cur.get(j), i);
                        });
                        ref = n;
                    }
                }
            }
            Nd.assertClose(ref, t, 0, 0);
            Nd.assertClose(ref, b.copy(t), 0, 0);
            Nd.assertClose(ref, b.reshape(b.reshape(t, -1), ref.shape), 0, 0);
            assertTrue(b.contiguous(t).isContiguous());
        }
    }
}
