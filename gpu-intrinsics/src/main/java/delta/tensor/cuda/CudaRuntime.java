package delta.tensor.cuda;

import delta.tensor.Device;
import delta.tensor.TensorError;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/**
 * One CUDA device as the backend uses it: its primary context (made current on whichever thread
 * calls), the kernels compiled with NVRTC (each once, cached by name), a cuBLAS handle and a pool
 * of device memory. All work goes to the default stream, so operations run in the order they
 * are issued and a block returned to the pool is only reused by work issued after it.
 */
final class CudaRuntime {
    private static final Map<Integer, CudaRuntime> RUNTIMES = new HashMap<>();
    private static boolean initialized;

    final int index;
    final Device device;
    final String name;
    final int ccMajor, ccMinor, multiprocessors;
    private final CUcontext context = new CUcontext();
    private final cublasHandle cublas = new cublasHandle();
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);
    final DevicePool pool = new DevicePool(this);

    /** For {@link Cuda}: initializes the driver, NVRTC and cuBLAS on device 0; returns {device count, description}. */
    public static synchronized Object[] probe() {
        init();
        int[] count = new int[1];
        check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) {
            throw new TensorError("cuda", "no CUDA device found");
        }
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < count[0]; i++) {
            CudaRuntime r = get(i);
            d.append(i == 0 ? "" : ", ").append(r.device).append(' ').append(r.name).append(" (sm_").append(r.ccMajor).append(r.ccMinor).append(')');
        }
        return new Object[] {count[0], d.toString()};
    }

    private static void init() {
        if (!initialized) {
            check(JCudaDriver.cuInit(0), "cuInit");
            int[] major = new int[1], minor = new int[1];
            checkNvrtc(JNvrtc.nvrtcVersion(major, minor), "nvrtcVersion");
            initialized = true;
        }
    }

    static synchronized CudaRuntime get(int index) {
        init();
        return RUNTIMES.computeIfAbsent(index, CudaRuntime::new);
    }

    private CudaRuntime(int index) {
        this.index = index;
        this.device = Device.cuda(index);
        CUdevice dev = new CUdevice();
        check(JCudaDriver.cuDeviceGet(dev, index), "cuDeviceGet");
        byte[] nameBytes = new byte[256];
        check(JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, dev), "cuDeviceGetName");
        int len = 0;
        while (len < nameBytes.length && nameBytes[len] != 0) {
            len++;
        }
        this.name = new String(nameBytes, 0, len, java.nio.charset.StandardCharsets.UTF_8);
        this.ccMajor = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        this.ccMinor = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        this.multiprocessors = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, dev), "cuDevicePrimaryCtxRetain");
        makeCurrent();
        int r = JCublas2.cublasCreate(cublas);
        if (r != 0) {
            throw new TensorError("cuda", "cublasCreate failed on " + device + " (cuBLAS status " + r + ")");
        }
    }

    private static int attribute(CUdevice dev, int attribute) {
        int[] v = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(v, attribute, dev), "cuDeviceGetAttribute");
        return v[0];
    }

    /** Makes this device's context current on the calling thread (once per thread). */
    void makeCurrent() {
        if (!current.get()) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            current.set(true);
        }
    }

    cublasHandle cublas() {
        return cublas;
    }

    static void check(int result, String what) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new TensorError("cuda", what + " failed: " + CUresult.stringFor(result));
        }
    }

    static void checkNvrtc(int result, String what) {
        if (result != nvrtcResult.NVRTC_SUCCESS) {
            throw new TensorError("cuda", what + " failed: " + nvrtcResult.stringFor(result));
        }
    }

    static void checkCublas(int result, String what) {
        if (result != 0) {
            throw new TensorError("cuda", what + " failed: " + jcuda.jcublas.cublasStatus.stringFor(result));
        }
    }

    /** The compiled entry point of {@code kernel}: compiled with NVRTC on first use, then cached. */
    CUfunction function(KernelSource.Kernel kernel) {
        CUfunction f = functions.get(kernel.name());
        if (f == null) {
            synchronized (this) {
                f = functions.get(kernel.name());
                if (f == null) {
                    f = compile(kernel);
                    functions.put(kernel.name(), f);
                }
            }
        }
        return f;
    }

    private CUfunction compile(KernelSource.Kernel kernel) {
        nvrtcProgram program = new nvrtcProgram();
        checkNvrtc(JNvrtc.nvrtcCreateProgram(program, kernel.source(), kernel.name() + ".cu", 0, null, null), "nvrtcCreateProgram");
        try {
            String[] options = {"--gpu-architecture=compute_" + ccMajor + ccMinor, "-std=c++14"};
            int r = JNvrtc.nvrtcCompileProgram(program, options.length, options);
            if (r != nvrtcResult.NVRTC_SUCCESS) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(program, log);
                throw new TensorError("cuda", "NVRTC could not compile kernel " + kernel.name() + ": " + log[0]);
            }
            String[] ptx = new String[1];
            checkNvrtc(JNvrtc.nvrtcGetPTX(program, ptx), "nvrtcGetPTX");
            makeCurrent();
            CUmodule module = new CUmodule();
            check(JCudaDriver.cuModuleLoadData(module, ptx[0]), "cuModuleLoadData(" + kernel.name() + ")");
            CUfunction f = new CUfunction();
            check(JCudaDriver.cuModuleGetFunction(f, module, kernel.name()), "cuModuleGetFunction(" + kernel.name() + ")");
            return f;
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    /** Launches {@code kernel} over {@code n} elements (grid-stride loops), with {@code params} pointing at each argument. */
    void launchElements(KernelSource.Kernel kernel, long n, Pointer... params) {
        if (n == 0) {
            return;
        }
        int threads = 256;
        long blocks = Math.min((n + threads - 1) / threads, 32L * Math.max(1, multiprocessors) * 8);
        launch(kernel, (int) blocks, threads, params);
    }

    /** Launches one block per output (capped; the kernels loop). */
    void launchRows(KernelSource.Kernel kernel, long rows, Pointer... params) {
        if (rows == 0) {
            return;
        }
        launch(kernel, (int) Math.min(rows, 65535L), KernelSource.REDUCE_THREADS, params);
    }

    private void launch(KernelSource.Kernel kernel, int blocks, int threads, Pointer... params) {
        makeCurrent();
        CUfunction f = function(kernel);
        check(JCudaDriver.cuLaunchKernel(f, blocks, 1, 1, threads, 1, 1, 0, null, Pointer.to(params), null),
                "launching " + kernel.name());
    }

    static String mib(long bytes) {
        return bytes < (1 << 20) ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
