import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;

/**
 * The baseline of bench/cuda_matmul: one bare cuBLAS sgemm of two n x n matrices (the inputs of
 * W3) through JCuda, 10 untimed, then 30 timed each read back ("each <seconds per product>"), then 30
 * queued with one read back at the end ("queued <seconds per product>").
 * Run from the class path (java -cp jcuda jars CublasSgemm.java n), where JCuda finds its natives.
 */
public class CublasSgemm {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        JCudaDriver.setExceptionsEnabled(true);
        JCublas2.setExceptionsEnabled(true);
        JCudaDriver.cuInit(0);
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, 0);
        CUcontext ctx = new CUcontext();
        JCudaDriver.cuDevicePrimaryCtxRetain(ctx, dev);
        JCudaDriver.cuCtxSetCurrent(ctx);
        float[] a = new float[n * n], b = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) ((double) i / ((double) n * n));
            b[i] = 1 - a[i];
        }
        long bytes = (long) n * n * Sizeof.FLOAT;
        CUdeviceptr da = new CUdeviceptr(), db = new CUdeviceptr(), dc = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(da, bytes);
        JCudaDriver.cuMemAlloc(db, bytes);
        JCudaDriver.cuMemAlloc(dc, bytes);
        JCudaDriver.cuMemcpyHtoD(da, Pointer.to(a), bytes);
        JCudaDriver.cuMemcpyHtoD(db, Pointer.to(b), bytes);
        cublasHandle h = new cublasHandle();
        JCublas2.cublasCreate(h);
        Pointer one = Pointer.to(new float[] {1}), zero = Pointer.to(new float[] {0});
        Runnable gemm = () -> JCublas2.cublasSgemm(h, cublasOperation.CUBLAS_OP_N, cublasOperation.CUBLAS_OP_N, n, n, n, one, db, n, da, n, zero, dc, n);
        for (int i = 0; i < 10; i++) {
            gemm.run();
        }
        JCudaDriver.cuCtxSynchronize();
        int reps = 30;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            gemm.run();
            float[] first = new float[1];
            JCudaDriver.cuMemcpyDtoH(Pointer.to(first), dc, Sizeof.FLOAT); // as Delta's item() does
        }
        double t = (System.nanoTime() - t0) / 1e9 / reps;
        System.out.println("each " + t);
        t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            gemm.run();
        }
        float[] first = new float[1];
        JCudaDriver.cuMemcpyDtoH(Pointer.to(first), dc, Sizeof.FLOAT);
        t = (System.nanoTime() - t0) / 1e9 / reps;
        System.out.println("queued " + t);
        JCublas2.cublasDestroy(h);
    }
}
