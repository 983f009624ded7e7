package delta.tensor.cpu;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Primitive arrays that the JVM need not zero, for results a kernel overwrites in full:
 * {@code new double[n]} zeroes memory that the kernel then writes again. The JDK's
 * {@code jdk.internal.misc.Unsafe.allocateUninitializedArray} skips that, but only where C2
 * compiles the allocation (an intrinsic; C1 and the interpreter zero) and only for the small
 * arrays C2 allocates inline: HotSpot's runtime allocates larger ones and zeroes them anyway
 * (perf: memset under OptoRuntime::new_array_C). Measured through ./dl: f64 add, exp and
 * a*b+c 5-15% faster at 10^4 elements; no change at 10^6 (nor, in plain Java, from 5*10^4).
 * Its package is exported only with {@code --add-exports java.base/jdk.internal.misc=delta.tensor}
 * ({@code =ALL-UNNAMED} when this module is on the class path). Whether it is reachable is
 * checked once, here; without the flag every array is a plain {@code new} and nothing else changes.
 */
final class UninitializedArrays {
    /** Unsafe.allocateUninitializedArray bound to the Unsafe instance, (Class, int) -> Object; null without the export. */
    private static final MethodHandle ALLOCATE = find();

    /** Whether arrays come unzeroed (in compiled code; the interpreter's fallback zeroes them anyway). */
    static final boolean AVAILABLE = ALLOCATE != null;

    private UninitializedArrays() {
    }

    private static MethodHandle find() {
        try {
            // Class.forName needs no export; the lookups below throw IllegalAccessException without it.
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Object unsafe = lookup.findStatic(unsafeClass, "getUnsafe", MethodType.methodType(unsafeClass)).invoke();
            MethodHandle allocate = lookup.findVirtual(unsafeClass, "allocateUninitializedArray",
                    MethodType.methodType(Object.class, Class.class, int.class)).bindTo(unsafe);
            return allocate.invoke(double.class, 1) instanceof double[] ? allocate : null;
        } catch (Throwable e) {
            // No export, or a JDK without the method: the silent fallback.
            return null;
        }
    }

    static double[] f64(int n) {
        return ALLOCATE == null ? new double[n] : (double[]) allocate(double.class, n);
    }

    static float[] f32(int n) {
        return ALLOCATE == null ? new float[n] : (float[]) allocate(float.class, n);
    }

    static long[] i64(int n) {
        return ALLOCATE == null ? new long[n] : (long[]) allocate(long.class, n);
    }

    static byte[] bytes(int n) {
        return ALLOCATE == null ? new byte[n] : (byte[]) allocate(byte.class, n);
    }

    private static Object allocate(Class<?> type, int n) {
        try {
            // invokeExact on a constant handle: C2 inlines it down to the allocation intrinsic.
            return (Object) ALLOCATE.invokeExact(type, n);
        } catch (RuntimeException | Error e) {
            throw e; // OutOfMemoryError above all: as from new
        } catch (Throwable e) {
            throw new IllegalStateException("allocateUninitializedArray failed for " + n + " elements of " + type, e);
        }
    }
}
