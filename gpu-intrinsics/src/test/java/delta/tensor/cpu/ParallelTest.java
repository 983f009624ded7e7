package delta.tensor.cpu;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParallelTest {
    @Test
    void everyChunkRunsExactlyOnce() {
        for (int n : new int[] {0, 1, 2, 3, 17, 1000}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(1, n));
            Parallel.run(n, i -> seen.incrementAndGet(i));
            for (int i = 0; i < n; i++) {
                assertEquals(1, seen.get(i));
            }
        }
    }

    @Test
    void rangesCoverWithoutOverlap() {
        AtomicIntegerArray seen = new AtomicIntegerArray(1001);
        Parallel.forRange(1001, 7, (from, to) -> {
            for (int i = from; i < to; i++) {
                seen.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 1001; i++) {
            assertEquals(1, seen.get(i));
        }
    }

    @Test
    void nestedCallsRunInlineAndFailuresPropagate() {
        AtomicIntegerArray seen = new AtomicIntegerArray(16);
        Parallel.run(4, i -> Parallel.run(4, j -> seen.incrementAndGet(i * 4 + j)));
        for (int i = 0; i < 16; i++) {
            assertEquals(1, seen.get(i));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run(8, i -> {
            if (i == 5) {
                throw new IllegalStateException("chunk 5");
            }
        }));
        assertEquals("chunk 5", e.getMessage());
    }
}
