package delta.tensor.cpu;

/**
 * Whether the JDK Vector API can be used: the JVM must have been started with
 * {@code --add-modules jdk.incubator.vector} (so the module is in the boot layer and readable
 * by this one), and the system property {@code delta.tensor.vector} must not be {@code false}.
 * Classes that touch the Vector API ({@link GemmF32Vector}, {@link GemmF64Vector},
 * {@link VectorMath}, {@link VectorReduce}) are only ever loaded behind this check, so without the module nothing
 * fails and the incubator warning is never printed.
 */
public final class Simd {
    public static final boolean AVAILABLE = detect();

    private Simd() {
    }

    private static boolean detect() {
        if ("false".equals(System.getProperty("delta.tensor.vector"))) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector")
                .filter(m -> Simd.class.getModule().canRead(m))
                .isPresent();
    }
}
