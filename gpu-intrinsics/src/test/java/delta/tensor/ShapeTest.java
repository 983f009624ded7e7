package delta.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeTest {
    @Test
    void basics() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(3, s.rank());
        assertEquals(24, s.size());
        assertEquals(4, s.dim(-1));
        assertArrayEquals(new int[] {12, 4, 1}, s.strides());
        assertEquals("[2, 3, 4]", s.toString());
        assertEquals(Shape.of(2, 3, 4), s);
        assertEquals(Shape.of(2, 3, 4).hashCode(), s.hashCode());
        assertEquals(1, Shape.SCALAR.size());
        assertEquals("[]", Shape.SCALAR.toString());
        assertEquals(0, Shape.of(3, 0).size());
        assertEquals(Shape.of(2, 5, 3, 4), s.insert(1, 5));
        assertEquals(Shape.of(2, 4), s.remove(1));
        assertEquals(Shape.of(3, 4), s.sub(1, 3));
        assertEquals(Shape.of(2, 3, 4, 7), s.concat(Shape.of(7)));
    }

    @Test
    void broadcastFollowsNumpy() {
        assertEquals(Shape.of(3, 2, 4), Shape.broadcast(Shape.of(3, 1, 4), Shape.of(2, 1)));
        assertEquals(Shape.of(5, 4), Shape.broadcast(Shape.of(5, 4), Shape.of(4)));
        assertEquals(Shape.of(5, 4), Shape.broadcast(Shape.of(5, 1), Shape.of(1, 4)));
        assertEquals(Shape.of(2, 3), Shape.broadcast(Shape.SCALAR, Shape.of(2, 3)));
        assertEquals(Shape.of(0, 3), Shape.broadcast(Shape.of(0, 1), Shape.of(3)));
        assertTrue(Shape.of(3, 1).broadcastsTo(Shape.of(2, 3, 4)));
        assertFalse(Shape.of(3, 2).broadcastsTo(Shape.of(3, 4)));
    }

    @Test
    void broadcastErrorNamesBothShapes() {
        TensorError e = assertThrows(TensorError.class, () -> Shape.broadcast("add", Shape.of(3, 4), Shape.of(5)));
        assertEquals("add: shapes [3, 4] and [5] cannot be broadcast together (axis -1: 4 vs 5)", e.getMessage());
        assertEquals("add", e.op());
    }

    @Test
    void reshapeInfersOneDimension() {
        assertEquals(Shape.of(4, 6), Shape.of(2, 3, 4).reshape("reshape", 4, -1));
        assertEquals(Shape.of(24), Shape.of(2, 3, 4).reshape("reshape", -1));
        TensorError e = assertThrows(TensorError.class, () -> Shape.of(2, 3).reshape("reshape", 4, -1));
        assertEquals("reshape: cannot reshape [2, 3] (6 elements) to [4, -1]", e.getMessage());
        e = assertThrows(TensorError.class, () -> Shape.of(2, 3).reshape("reshape", 5));
        assertEquals("reshape: cannot reshape [2, 3] (6 elements) to [5] (5 elements)", e.getMessage());
        assertThrows(TensorError.class, () -> Shape.of(2, 3).reshape("reshape", -1, -1));
    }

    @Test
    void axesAreChecked() {
        assertEquals(2, Shape.of(2, 3, 4).axis("sum", -1));
        TensorError e = assertThrows(TensorError.class, () -> Shape.of(2, 3).axis("sum", 2));
        assertEquals("sum: axis 2 is out of range for shape [2, 3] (rank 2)", e.getMessage());
        assertThrows(TensorError.class, () -> Shape.of(-1));
    }

    @Test
    void dtypePromotion() {
        assertEquals(DType.F64, DType.promote(DType.F32, DType.F64));
        assertEquals(DType.F32, DType.promote(DType.F32, DType.BOOL));
        assertEquals(DType.F32, DType.promote(DType.I64, DType.F32));
        assertEquals(DType.F64, DType.promote(DType.I64, DType.I64));
        assertEquals(DType.F32, DType.of("f32"));
        assertEquals("cuda:1", Device.parse("cuda:1").toString());
        assertEquals(Device.CPU, Device.parse("cpu"));
    }
}
