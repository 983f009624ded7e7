package delta.tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reference side of the tests: a plain row-major double array with a shape, read element
 * by element through logical indices, so expected values come from naive loops that share no
 * code with the kernels. Also random tensors (contiguous or as strided views) and comparisons.
 */
final class Nd {
    static final Backend B = CpuBackend.INSTANCE;

    final int[] shape;
    final double[] data;

    Nd(int[] shape, double[] data) {
        this.shape = shape.clone();
        this.data = data;
        if (data.length != size(shape)) {
            throw new IllegalArgumentException();
        }
    }

    Nd(int... shape) {
        this(shape, new double[size(shape)]);
    }

    /** The elements of {@code t} read one by one through {@link Backend#getDouble} (not through the kernels). */
    static Nd of(Tensor t) {
        Nd r = new Nd(t.shape().dims());
        int[] i = {0};
        forEach(r.shape, idx -> r.data[i[0]++] = B.getDouble(t, idx));
        return r;
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    int flat(int... idx) {
        int p = 0;
        for (int d = 0; d < shape.length; d++) {
            if (idx[d] < 0 || idx[d] >= shape[d]) {
                throw new IndexOutOfBoundsException(Arrays.toString(idx) + " in " + Arrays.toString(shape));
            }
            p = p * shape[d] + idx[d];
        }
        return p;
    }

    double get(int... idx) {
        return data[flat(idx)];
    }

    void set(double v, int... idx) {
        data[flat(idx)] = v;
    }

    /** The element at {@code idx} of the result shape, reading this array with NumPy broadcasting. */
    double getBroadcast(int[] idx) {
        int off = idx.length - shape.length;
        int[] j = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            j[d] = shape[d] == 1 ? 0 : idx[d + off];
        }
        return get(j);
    }

    Tensor tensor(DType dtype) {
        return B.fromArray(data, Shape.of(shape), dtype);
    }

    /** Visits every index of {@code shape} in row-major order (once, with an empty index, for a scalar). */
    static void forEach(int[] shape, Consumer<int[]> body) {
        int n = size(shape);
        int[] idx = new int[shape.length];
        for (int k = 0; k < n; k++) {
            body.accept(idx.clone());
            for (int d = shape.length - 1; d >= 0 && ++idx[d] == shape[d]; d--) {
                idx[d] = 0;
            }
        }
    }

    static Nd random(Random r, int... shape) {
        Nd x = new Nd(shape);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = Math.round(r.nextGaussian() * 1000) / 1000.0;
        }
        return x;
    }

    static int[] randomShape(Random r, int rank, int maxDim) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + r.nextInt(maxDim);
        }
        return s;
    }

    /**
     * A tensor with the values of {@code x} but a strided layout: stored transposed (reversed
     * axes) inside a bigger buffer, then viewed back, so that kernels must use the strides.
     */
    static Tensor strided(Nd x, DType dtype) {
        int rank = x.shape.length;
        if (rank == 0) {
            return x.tensor(dtype);
        }
        int[] rev = new int[rank];
        for (int i = 0; i < rank; i++) {
            rev[i] = x.shape[rank - 1 - i];
        }
        // Padded storage: each reversed dimension gets one extra slot, later sliced away.
        int[] padded = rev.clone();
        padded[rank - 1] += 1;
        Nd big = new Nd(padded);
        forEach(x.shape, idx -> {
            int[] j = new int[rank];
            for (int d = 0; d < rank; d++) {
                j[d] = idx[rank - 1 - d];
            }
            big.set(x.get(idx), j);
        });
        Tensor t = big.tensor(dtype).slice(rank - 1, 0, rev[rank - 1], 1);
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = rank - 1 - i;
        }
        Tensor v = t.permute(perm);
        assertArrayEquals(x.shape, v.shape().dims());
        return v;
    }

    /** Element-wise closeness: |a - e| <= atol + rtol |e|; NaNs must match NaNs. */
    static void assertClose(Nd expected, Tensor actual, double rtol, double atol) {
        assertArrayEquals(expected.shape, actual.shape().dims(), "shape");
        double[] a = B.toDoubleArray(actual);
        for (int i = 0; i < a.length; i++) {
            double e = expected.data[i];
            if (Double.isNaN(e) ? !Double.isNaN(a[i]) : !(Math.abs(a[i] - e) <= atol + rtol * Math.abs(e) || a[i] == e)) {
                fail("element " + i + " of " + Arrays.toString(expected.shape) + ": expected " + e + " but was " + a[i]);
            }
        }
    }

    /** Tolerances for results computed in {@code dtype}. */
    static void assertClose(Nd expected, Tensor actual, DType dtype) {
        if (dtype == DType.F32) {
            assertClose(expected, actual, 1e-5, 1e-5);
        } else {
            assertClose(expected, actual, 1e-12, 1e-12);
        }
    }

    static void assertShape(Tensor t, int... dims) {
        assertEquals(Shape.of(dims), t.shape());
    }
}
