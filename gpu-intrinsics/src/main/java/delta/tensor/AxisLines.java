package delta.tensor;

/**
 * A row-major tensor seen as lines along one axis, for the scans and sorts (host and CUDA) and the
 * CUDA index kernels: {@code pre} blocks (the axes before) of {@code n} steps (the axis) of
 * {@code post} elements (the axes after).
 * Element k of line (p, q) is at {@link #at}.
 */
public record AxisLines(int pre, int n, int post) {
    public static AxisLines of(Shape shape, int axis) {
        return new AxisLines(shape.sub(0, axis).size(), shape.dim(axis), shape.sub(axis + 1, shape.rank()).size());
    }

    public int at(int p, int k, int q) {
        return (p * n + k) * post + q;
    }
}
