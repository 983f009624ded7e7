package delta.tensor.cuda;

import delta.tensor.Backend;
import delta.tensor.Device;
import delta.tensor.TensorError;

/**
 * The entry to the CUDA backend that never loads JCuda by itself: {@link #status()} probes once
 * (JCuda on the module path, its native libraries, the CUDA driver, a device, NVRTC and cuBLAS)
 * and {@link #backend(int)} gives the backend of a device. Everything that touches JCuda is
 * reached from here only by reflection after the probe, so a JVM without JCuda or without a
 * driver never links a JCuda class and the CPU path never loads a CUDA library.
 */
public final class Cuda {
    private Cuda() {
    }

    /** What the probe found: available, or the reason not; the devices when available. */
    public record Status(boolean available, String reason, int deviceCount, String description) {
    }

    private static Status status;
    private static final java.util.Map<Integer, Backend> BACKENDS = new java.util.HashMap<>();

    /** Probes once per process (later calls return the first answer). */
    public static synchronized Status status() {
        if (status == null) {
            status = probe();
        }
        return status;
    }

    private static Status probe() {
        if (Boolean.getBoolean("delta.cuda.disable")) {
            return new Status(false, "CUDA is turned off (-Ddelta.cuda.disable=true)", 0, null);
        }
        ClassLoader loader = Cuda.class.getClassLoader();
        try {
            Class.forName("jcuda.driver.JCudaDriver", false, loader);
            Class.forName("jcuda.jcublas.JCublas2", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return new Status(false, "JCuda is not on the module path (org.jcuda:jcuda and org.jcuda:jcublas "
                    + NativeLibs.JCUDA_VERSION + ", resolved with --add-modules jcuda,jcublas)", 0, null);
        }
        NativeLibs.prepare("JCudaDriver", "JNvrtc", "JCublas2");
        try {
            Object[] r = (Object[]) Class.forName("delta.tensor.cuda.CudaRuntime", true, loader).getMethod("probe").invoke(null);
            return new Status(true, null, (Integer) r[0], (String) r[1]);
        } catch (java.lang.reflect.InvocationTargetException e) {
            return new Status(false, reason(e.getCause()), 0, null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new Status(false, reason(e), 0, null);
        }
    }

    /** A one-line reason from what the probe threw (JCuda's UnsatisfiedLinkError messages span many lines). */
    static String reason(Throwable e) {
        if (e instanceof ExceptionInInitializerError && e.getCause() != null) {
            e = e.getCause();
        }
        String m = String.valueOf(e.getMessage());
        java.util.regex.Matcher so = java.util.regex.Pattern.compile("(lib[A-Za-z0-9_]+\\.so[.0-9]*): cannot open shared object file").matcher(m);
        if (so.find()) {
            String lib = so.group(1);
            // JCuda 12.6 links CUDA 12's libraries; with CUDA 13's alone, cuda-compat's forward to them.
            String compat = "; with CUDA 13 alone, build gpu-intrinsics/cuda-compat";
            String what = lib.startsWith("libcuda.") ? "no CUDA driver (" + lib + " not found)"
                    : lib.equals("libnvrtc.so.12") ? "NVRTC 12 (" + lib + ", CUDA 12 runtime libraries) not found" + compat
                    : lib.equals("libcublas.so.12") ? "cuBLAS 12 (" + lib + ", CUDA 12 runtime libraries) not found" + compat
                    : lib + " not found";
            return what;
        }
        if (e instanceof UnsatisfiedLinkError) {
            String first = m.lines().findFirst().orElse(m);
            return "a CUDA library could not be loaded: " + first;
        }
        if (m.contains("CUDA_ERROR_NO_DEVICE")) {
            return "no CUDA device found (CUDA_ERROR_NO_DEVICE)";
        }
        if (m.contains("CUDA_ERROR_STUB_LIBRARY")) {
            return "no CUDA driver (only the toolkit's stub libcuda.so was found)";
        }
        return m.lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    /** The backend of {@code cuda:index}; a {@link TensorError} naming the reason when there is none. */
    public static synchronized Backend backend(int index) {
        Status s = status();
        if (!s.available()) {
            throw new TensorError("cuda", Device.cuda(index) + " is not available: " + s.reason());
        }
        if (index < 0 || index >= s.deviceCount()) {
            throw new TensorError("cuda", Device.cuda(index) + " does not exist (" + s.deviceCount() + " CUDA device"
                    + (s.deviceCount() == 1 ? "" : "s") + ": " + s.description() + ")");
        }
        return BACKENDS.computeIfAbsent(index, i -> {
            try {
                return (Backend) Class.forName("delta.tensor.cuda.CudaBackend").getMethod("create", int.class).invoke(null, i);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof TensorError t) {
                    throw t;
                }
                throw new TensorError("cuda", "cannot start " + Device.cuda(i) + ": " + reason(e.getCause()));
            } catch (ReflectiveOperationException e) {
                throw new TensorError("cuda", "cannot start " + Device.cuda(i) + ": " + e);
            }
        });
    }
}
