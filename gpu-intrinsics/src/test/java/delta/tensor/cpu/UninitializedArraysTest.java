package delta.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import delta.tensor.DType;
import org.junit.jupiter.api.Test;

/**
 * Unzeroed allocation is used exactly when java.base exports jdk.internal.misc to this module:
 * the pom runs the tests with the export and again (plain-java) without, the silent fallback.
 */
class UninitializedArraysTest {
    @Test
    void usedExactlyWhenTheExportIsThere() {
        boolean exported = Object.class.getModule().isExported("jdk.internal.misc", UninitializedArrays.class.getModule());
        assertEquals(exported, UninitializedArrays.AVAILABLE, "module " + UninitializedArrays.class.getModule());
        System.out.println("UninitializedArraysTest: unzeroed allocation " + (exported ? "on" : "off (no export)")
                + "; module " + UninitializedArrays.class.getModule());
    }

    @Test
    void everyDtypeGetsStorageOfItsLength() {
        for (DType t : DType.values()) {
            for (int n : new int[] {0, 1, 1000}) {
                CpuStorage s = CpuStorage.uninitialized(t, n);
                assertEquals(t, s.dtype());
                assertEquals(n, s.length());
                assertEquals(n, java.lang.reflect.Array.getLength(s.data()));
            }
        }
    }
}
