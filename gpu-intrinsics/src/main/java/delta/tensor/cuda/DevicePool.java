package delta.tensor.cuda;

import delta.tensor.DType;
import delta.tensor.TensorError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Device memory of one CUDA device. A tensor's block comes back when the tensor becomes
 * unreachable (a Cleaner, after the JVM collected it) and waits in a list by rounded size for the
 * next allocation of that size.
 *
 * <p>New blocks are cut from chunks rather than asked of the driver one by one: cuMemAlloc took
 * 70-130 us for each 64 MiB on an H100 and 280 us for 1280 MiB at once, and a program that makes
 * a large result per step (a product read back each time) waited that long between kernels. A
 * chunk is at least 32 MiB and twice the previous one, up to 1 GiB; a block larger than that gets
 * a chunk of its own. The rest of a chunk that cannot hold the next block is left unused.
 * Chunks go back to the driver only when every block cut from them is free: when memory runs
 * out ({@link #trim}), after which the JVM is asked to collect garbage and the allocation is
 * tried again; if it still fails it is a Delta error naming the size.
 */
final class DevicePool {
    static final long MIN_CHUNK = 32L << 20, MAX_CHUNK = 1L << 30;

    /** A device allocation handed to a tensor: where, how large (rounded), and the chunk it was cut from. */
    static final class Block {
        final CUdeviceptr ptr;
        final long bytes;
        final Chunk chunk;

        Block(CUdeviceptr ptr, long bytes, Chunk chunk) {
            this.ptr = ptr;
            this.bytes = bytes;
            this.chunk = chunk;
        }
    }

    /** One cuMemAlloc: blocks are cut from its start onwards. */
    static final class Chunk {
        final CUdeviceptr base;
        final long bytes;
        long used;
        int blocks;

        Chunk(CUdeviceptr base, long bytes) {
            this.base = base;
            this.bytes = bytes;
        }
    }

    private final CudaRuntime runtime;
    private final Map<Long, ArrayDeque<Block>> free = new HashMap<>();
    private final List<Chunk> chunks = new ArrayList<>();
    private Chunk current;
    private long nextChunk = MIN_CHUNK;
    private long cachedBytes;
    private long liveBytes;

    DevicePool(CudaRuntime runtime) {
        this.runtime = runtime;
    }

    static long round(long bytes) {
        long b = Math.max(bytes, 1);
        if (b <= (1 << 20)) {
            return (b + 511) & ~511L;
        }
        return (b + (1 << 20) - 1) & ~((1L << 20) - 1);
    }

    Block allocate(long bytes, DType dtype, long elements) {
        long size = round(bytes);
        synchronized (this) {
            ArrayDeque<Block> list = free.get(size);
            if (list != null && !list.isEmpty()) {
                cachedBytes -= size;
                liveBytes += size;
                return list.pop();
            }
            Block b = cut(size);
            if (b != null) {
                return b;
            }
        }
        runtime.makeCurrent();
        Chunk c = newChunk(size);
        if (c == null) {
            trim();
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            trim();
            c = newChunk(size);
        }
        if (c == null) {
            long[] freeMem = new long[1], total = new long[1];
            JCudaDriver.cuMemGetInfo(freeMem, total);
            throw new TensorError("cuda", "out of memory on " + runtime.device + ": cannot allocate " + CudaRuntime.mib(bytes) + " for a "
                    + dtype + " tensor of " + elements + " elements (" + CudaRuntime.mib(freeMem[0]) + " free of "
                    + CudaRuntime.mib(total[0]) + ", " + CudaRuntime.mib(liveBytes()) + " held by live tensors)");
        }
        synchronized (this) {
            chunks.add(c);
            current = c;
            return cut(size);
        }
    }

    /** A block of {@code size} from the current chunk, or null when it has no room. */
    private Block cut(long size) {
        Chunk c = current;
        if (c == null || c.bytes - c.used < size) {
            return null;
        }
        Block b = new Block(c.used == 0 ? c.base : c.base.withByteOffset(c.used), size, c);
        c.used += size;
        c.blocks++;
        liveBytes += size;
        return b;
    }

    /** A new chunk for a block of {@code size}: the next chunk size if the device has it, else just the block; null when out of memory. */
    private Chunk newChunk(long size) {
        long want;
        synchronized (this) {
            want = Math.max(size, nextChunk);
        }
        for (long bytes : want > size ? new long[] {want, size} : new long[] {size}) {
            CUdeviceptr ptr = new CUdeviceptr();
            int r = JCudaDriver.cuMemAlloc(ptr, bytes);
            if (r == CUresult.CUDA_SUCCESS) {
                synchronized (this) {
                    if (bytes == want && want == nextChunk) {
                        nextChunk = Math.min(nextChunk * 2, MAX_CHUNK);
                    }
                }
                return new Chunk(ptr, bytes);
            }
            if (r != CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
                CudaRuntime.check(r, "cuMemAlloc(" + bytes + " bytes)");
            }
        }
        return null;
    }

    synchronized void release(Block b) {
        liveBytes -= b.bytes;
        cachedBytes += b.bytes;
        free.computeIfAbsent(b.bytes, k -> new ArrayDeque<>()).push(b);
    }

    /** Gives back to the driver every chunk whose blocks are all free (the memory of live tensors stays). */
    void trim() {
        List<Chunk> unused = new ArrayList<>();
        synchronized (this) {
            Map<Chunk, Integer> freeBlocks = new IdentityHashMap<>();
            for (ArrayDeque<Block> list : free.values()) {
                for (Block b : list) {
                    freeBlocks.merge(b.chunk, 1, Integer::sum);
                }
            }
            for (Chunk c : chunks) {
                if (freeBlocks.getOrDefault(c, 0) == c.blocks) {
                    unused.add(c);
                }
            }
            java.util.Set<Chunk> gone = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            gone.addAll(unused);
            for (ArrayDeque<Block> list : free.values()) {
                list.removeIf(b -> {
                    if (gone.contains(b.chunk)) {
                        cachedBytes -= b.bytes;
                        return true;
                    }
                    return false;
                });
            }
            chunks.removeAll(unused);
            if (gone.contains(current)) {
                current = null;
            }
            nextChunk = MIN_CHUNK;
        }
        runtime.makeCurrent();
        for (Chunk c : unused) {
            JCudaDriver.cuMemFree(c.base);
        }
    }

    synchronized long liveBytes() {
        return liveBytes;
    }

    synchronized long cachedBytes() {
        return cachedBytes;
    }
}
