package delta.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import delta.tensor.Backends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every check of AdTensorTest again, with the tensors on the GPU (the context option dl.Device =
 * cuda): central differences, forward against reverse mode, f32 against f64, Hessians and
 * Jacobians, all through the CUDA backend's kernels. Skipped, with the reason printed, where
 * there is no CUDA device.
 */
class CudaAdTensorTest extends AdTensorTest {
    private static AdHarness onGpu;

    /** Hides AdTensorTest.start, so that this class makes no CPU context. */
    @BeforeAll
    static void start() {
        if (Backends.cudaAvailable()) {
            onGpu = new AdHarness(HARNESS, "cuda");
        } else {
            System.out.println("CudaAdTensorTest skipped: " + Backends.cudaUnavailableReason());
        }
    }

    /** Hides AdTensorTest.stop. */
    @AfterAll
    static void stop() {
        if (onGpu != null) {
            onGpu.close();
        }
    }

    @BeforeEach
    void needsDevice() {
        Assumptions.assumeTrue(onGpu != null, () -> "no CUDA device: " + Backends.cudaUnavailableReason());
    }

    @Override
    AdHarness delta() {
        return onGpu;
    }

    @Test
    void pointsAndGradientsLiveOnTheGpu() {
        assertEquals("cuda:0", delta().eval("point([3]).device").asString());
        assertEquals("cuda:0", delta().eval("grad(a -> sum(exp(a) * a))(point([3])).device").asString());
        assertEquals("cuda:0", delta().eval("let (y, g) = value_and_grad(a -> sum(a @ a))(point([2, 2])); g.device").asString());
    }
}
