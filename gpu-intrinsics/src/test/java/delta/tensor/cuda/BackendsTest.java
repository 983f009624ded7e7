package delta.tensor.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import delta.tensor.Backends;
import delta.tensor.CpuBackend;
import delta.tensor.DType;
import delta.tensor.Device;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import delta.tensor.TensorError;
import org.junit.jupiter.api.Test;

/** Backend selection: runs everywhere, with or without a GPU. */
class BackendsTest {
    @Test
    void cpuIsAlwaysThere() {
        assertSame(CpuBackend.INSTANCE, Backends.forDevice(Device.CPU));
        Tensor t = CpuBackend.INSTANCE.fromArray(new double[] {1, 2}, Shape.of(2), DType.F64);
        assertSame(CpuBackend.INSTANCE, Backends.of(t));
        assertSame(t, Backends.transfer(t, Device.CPU));
    }

    @Test
    void cudaIsEitherUsableOrExplained() {
        Cuda.Status s = Cuda.status();
        if (s.available()) {
            assertTrue(s.deviceCount() > 0, s.toString());
            assertEquals(Device.cuda(0), Backends.forDevice(Device.cuda(0)).device());
            TensorError e = assertThrows(TensorError.class, () -> Backends.forDevice(Device.cuda(s.deviceCount())));
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        } else {
            System.out.println("CUDA is not available here: " + s.reason());
            assertTrue(s.reason() != null && !s.reason().isBlank());
            assertTrue(!s.reason().contains("\n"), "one line: " + s.reason());
            TensorError e = assertThrows(TensorError.class, () -> Backends.forDevice(Device.cuda(0)));
            assertEquals("cuda: cuda:0 is not available: " + s.reason(), e.getMessage());
            Tensor t = CpuBackend.INSTANCE.zeros(Shape.of(2), DType.F32);
            assertThrows(TensorError.class, () -> Backends.transfer(t, Device.cuda(0)));
            assertEquals(s.reason(), Backends.cudaUnavailableReason());
        }
    }

    @Test
    void reasonsAreOneLine() {
        String ule = "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\nOperating system name: Linux\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory";
        assertEquals("no CUDA driver (libcuda.so.1 not found)", Cuda.reason(new UnsatisfiedLinkError(ule)));
        assertEquals("NVRTC 12 (libnvrtc.so.12, CUDA 12 runtime libraries) not found; with CUDA 13 alone, build gpu-intrinsics/cuda-compat",
                Cuda.reason(new UnsatisfiedLinkError("x: libnvrtc.so.12: cannot open shared object file")));
        assertEquals("cuBLAS 12 (libcublas.so.12, CUDA 12 runtime libraries) not found; with CUDA 13 alone, build gpu-intrinsics/cuda-compat",
                Cuda.reason(new UnsatisfiedLinkError("x: libcublas.so.12: cannot open shared object file")));
        assertEquals("libcublas.so.13 not found", Cuda.reason(new UnsatisfiedLinkError("libcublas.so.13: cannot open shared object file\nmore")));
        assertEquals("no CUDA device found (CUDA_ERROR_NO_DEVICE)", Cuda.reason(new RuntimeException("cuda: cuInit failed: CUDA_ERROR_NO_DEVICE")));
    }
}
