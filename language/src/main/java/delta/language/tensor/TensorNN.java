package delta.language.tensor;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaTuple;
import delta.tensor.Backend;
import delta.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The convolutional-net layers on NCHW tensors: conv2d and max_pool2d, with the helpers their
 * rules call. Every helper that appears in a pullback has rules of its own, because hessian runs
 * forward mode over the reverse-mode code. conv2d and its two gradients are bilinear, so each
 * takes the symbolic zero 0.0 in either tensor argument to 0.0; the pooling helpers are linear in
 * their second tensor (the max positions depend on x only, and are constant almost everywhere).
 */
final class TensorNN {
    private TensorNN() {}

    /** The parameters of a pullback that have no adjoint: the trailing 0.0s. */
    // Both adjoints are deferred (docs/autodiff.md, "Adjoints nobody reads"): a network's first layer
    // never needs the images' adjoint.
    private static final String CONV_VJP = """
        (x, w, stride, padding) -> { let out = conv2d(x, w, stride, padding)
            (out, g -> { let gs = sum_to(g, out)
                (defer(() -> conv2d_input_grad(gs, w, shape(x), stride, padding)), defer(() -> conv2d_weight_grad(x, gs, shape(w), stride, padding)),
                 0.0, 0.0) }) }""";
    private static final String CONV_JVP = """
        (x, x_dot, w, w_dot, stride, stride_dot, padding, padding_dot) -> (conv2d(x, w, stride, padding),
            conv2d(x_dot, w, stride, padding) + conv2d(x, w_dot, stride, padding))""";
    // conv2d_input_grad(gy, w) is the transpose of h -> conv2d(h, w); its adjoints follow from <h, A^T gy> = <A h, gy>.
    private static final String INPUT_GRAD_VJP = """
        (gy, w, x_shape, stride, padding) -> { let out = conv2d_input_grad(gy, w, x_shape, stride, padding)
            (out, g -> { let gs = sum_to(g, out)
                (conv2d(gs, w, stride, padding), conv2d_weight_grad(gs, gy, shape(w), stride, padding), 0.0, 0.0, 0.0) }) }""";
    private static final String INPUT_GRAD_JVP = """
        (gy, gy_dot, w, w_dot, x_shape, x_shape_dot, stride, stride_dot, padding, padding_dot) -> (
            conv2d_input_grad(gy, w, x_shape, stride, padding),
            conv2d_input_grad(gy_dot, w, x_shape, stride, padding) + conv2d_input_grad(gy, w_dot, x_shape, stride, padding))""";
    private static final String WEIGHT_GRAD_VJP = """
        (x, gy, w_shape, stride, padding) -> { let out = conv2d_weight_grad(x, gy, w_shape, stride, padding)
            (out, g -> { let gs = sum_to(g, out)
                (conv2d_input_grad(gy, gs, shape(x), stride, padding), conv2d(x, gs, stride, padding), 0.0, 0.0, 0.0) }) }""";
    private static final String WEIGHT_GRAD_JVP = """
        (x, x_dot, gy, gy_dot, w_shape, w_shape_dot, stride, stride_dot, padding, padding_dot) -> (
            conv2d_weight_grad(x, gy, w_shape, stride, padding),
            conv2d_weight_grad(x_dot, gy, w_shape, stride, padding) + conv2d_weight_grad(x, gy_dot, w_shape, stride, padding))""";

    private static final String POOL_VJP = """
        (x, kernel, stride, padding) -> { let out = max_pool2d(x, kernel, stride, padding)
            (out, g -> (max_pool2d_grad(x, sum_to(g, out), kernel, stride, padding), 0.0, 0.0, 0.0)) }""";
    private static final String POOL_JVP = """
        (x, x_dot, kernel, kernel_dot, stride, stride_dot, padding, padding_dot) -> (max_pool2d(x, kernel, stride, padding),
            max_pool2d_tangent(x, x_dot, kernel, stride, padding))""";
    // max_pool2d_grad(x, .) and max_pool2d_tangent(x, .) are each other's transposes (J^T and J).
    private static final String POOL_LINEAR_VJP = """
        (x, v, kernel, stride, padding) -> { let out = %1$s(x, v, kernel, stride, padding)
            (out, g -> (0.0, %2$s(x, sum_to(g, out), kernel, stride, padding), 0.0, 0.0, 0.0)) }""";
    private static final String POOL_LINEAR_JVP = """
        (x, x_dot, v, v_dot, kernel, kernel_dot, stride, stride_dot, padding, padding_dot) -> (
            %1$s(x, v, kernel, stride, padding), %1$s(x, v_dot, kernel, stride, padding))""";

    static List<Builtin> all() {
        return List.of(
            TensorBuiltin.of("conv2d", 2, 4, "conv2d(x, w[, stride[, padding]])",
                "2-D cross-correlation (PyTorch's conv2d) of x [N, C, H, W] with w [O, C, KH, KW]; stride (1) and padding (0) are an int or a pair",
                (site, args) -> bilinear(args[0], args[1], () -> {
                    Tensor x = TensorArgs.tensor(site, args, 0);
                    Tensor w = TensorArgs.tensor(site, args, 1);
                    int[] s = pair(site, args, 2, 1);
                    int[] p = pair(site, args, 3, 0);
                    return TensorSupport.backend(x).conv2d(x, w, s[0], s[1], p[0], p[1]);
                })).withRules(CONV_VJP, CONV_JVP),
            TensorBuiltin.of("conv2d_input_grad", 3, 5, "conv2d_input_grad(gy, w, x_shape[, stride[, padding]])",
                "the gradient of conv2d(x, w, stride, padding) with respect to x, given the output's gradient gy",
                (site, args) -> bilinear(args[0], args[1], () -> {
                    Tensor gy = TensorArgs.tensor(site, args, 0);
                    int[] s = pair(site, args, 3, 1);
                    int[] p = pair(site, args, 4, 0);
                    return TensorSupport.backend(gy).conv2dInputGrad(gy, TensorArgs.tensor(site, args, 1), TensorArgs.shape(site, args, 2), s[0], s[1], p[0], p[1]);
                })).withRules(INPUT_GRAD_VJP, INPUT_GRAD_JVP),
            TensorBuiltin.of("conv2d_weight_grad", 3, 5, "conv2d_weight_grad(x, gy, w_shape[, stride[, padding]])",
                "the gradient of conv2d(x, w, stride, padding) with respect to w, given the output's gradient gy",
                (site, args) -> bilinear(args[0], args[1], () -> {
                    Tensor x = TensorArgs.tensor(site, args, 0);
                    int[] s = pair(site, args, 3, 1);
                    int[] p = pair(site, args, 4, 0);
                    return TensorSupport.backend(x).conv2dWeightGrad(x, TensorArgs.tensor(site, args, 1), TensorArgs.shape(site, args, 2), s[0], s[1], p[0], p[1]);
                })).withRules(WEIGHT_GRAD_VJP, WEIGHT_GRAD_JVP),
            TensorBuiltin.of("max_pool2d", 2, 4, "max_pool2d(x, kernel[, stride[, padding]])",
                "the largest element of each kernel window of x [N, C, H, W]; stride defaults to kernel, padding (0) counts as -inf; each an int or a pair",
                (site, args) -> {
                    Window win = Window.read(site, args, 1);
                    Tensor x = TensorArgs.tensor(site, args, 0);
                    return TensorSupport.backend(x).maxPool2d(x, win.kh, win.kw, win.sh, win.sw, win.ph, win.pw);
                }).withRules(POOL_VJP, POOL_JVP),
            TensorBuiltin.of("max_pool2d_grad", 3, 5, "max_pool2d_grad(x, gy, kernel[, stride[, padding]])",
                "the gradient of max_pool2d(x, ...) with respect to x: each window's gy goes to the window's (first) largest element",
                (site, args) -> linearInSecond(args, () -> {
                    Window win = Window.read(site, args, 2);
                    Tensor x = TensorArgs.tensor(site, args, 0);
                    Tensor gy = TensorArgs.tensorOrNumber(site, args, 1, x);
                    return TensorSupport.backend(x).maxPool2dGrad(x, gy, win.kh, win.kw, win.sh, win.sw, win.ph, win.pw);
                })).withRules(POOL_LINEAR_VJP.formatted("max_pool2d_grad", "max_pool2d_tangent"), POOL_LINEAR_JVP.formatted("max_pool2d_grad")),
            TensorBuiltin.of("max_pool2d_tangent", 3, 5, "max_pool2d_tangent(x, v, kernel[, stride[, padding]])",
                "v read where max_pool2d(x, ...) reads its maxima: the forward-mode derivative of max_pool2d in direction v",
                (site, args) -> linearInSecond(args, () -> {
                    Window win = Window.read(site, args, 2);
                    Tensor x = TensorArgs.tensor(site, args, 0);
                    return PoolTangent.of(TensorSupport.backend(x), x, TensorArgs.tensorOrNumber(site, args, 1, x), win);
                })).withRules(POOL_LINEAR_VJP.formatted("max_pool2d_tangent", "max_pool2d_grad"), POOL_LINEAR_JVP.formatted("max_pool2d_tangent")));
    }

    /** A product of two arguments: the symbolic zero in either makes the result 0.0. */
    private static Object bilinear(Object a, Object b, java.util.function.Supplier<Tensor> body) {
        return TensorArgs.isSymbolicZero(a) || TensorArgs.isSymbolicZero(b) ? (Object) 0.0 : body.get();
    }

    private static Object linearInSecond(Object[] args, java.util.function.Supplier<Tensor> body) {
        return TensorArgs.isSymbolicZero(args[1]) ? (Object) 0.0 : body.get();
    }

    /** An int for both spatial axes, or a pair (list or tuple) [h, w]; none or absent for the default. */
    static int[] pair(BuiltinRootNode site, Object[] args, int index, int otherwise) {
        if (!TensorArgs.given(args, index)) {
            return new int[]{otherwise, otherwise};
        }
        if (args[index] instanceof Long) {
            int v = TensorArgs.integer(site, args, index);
            return new int[]{v, v};
        }
        if (args[index] instanceof DeltaList || args[index] instanceof DeltaTuple) {
            int[] v = TensorArgs.ints(site, args, index, "an int or a pair of ints");
            if (v.length == 2) {
                return v;
            }
        }
        throw TensorArgs.wrongType(site, args, index, "an int or a pair of ints");
    }

    /** A pooling window: kernel, stride (the kernel's by default) and padding, per spatial axis. */
    record Window(int kh, int kw, int sh, int sw, int ph, int pw) {
        static Window read(BuiltinRootNode site, Object[] args, int kernelIndex) {
            int[] k = pair(site, args, kernelIndex, 0);
            int[] s = TensorArgs.given(args, kernelIndex + 1) ? pair(site, args, kernelIndex + 1, 0) : k;
            int[] p = pair(site, args, kernelIndex + 2, 0);
            return new Window(k[0], k[1], s[0], s[1], p[0], p[1]);
        }
    }

    /**
     * J v for max pooling, from backend operations only: the windows of x become a new last axis
     * (one strided view per kernel offset, stacked), argmax picks each window's first maximum (the
     * position max_pool2d_grad sends gradients to), and gather reads v's windows there.
     */
    static final class PoolTangent {
        private PoolTangent() {}

        static Tensor of(Backend b, Tensor x, Tensor v, Window win) {
            Tensor out = b.maxPool2d(x, win.kh, win.kw, win.sh, win.sw, win.ph, win.pw); // checks the shapes; gives the output's
            int oh = out.shape().dim(2);
            int ow = out.shape().dim(3);
            Tensor xp = pad(b, x, win, Double.NEGATIVE_INFINITY);
            Tensor vp = pad(b, b.contiguous(v.broadcastTo(x.shape())), win, 0.0);
            List<Tensor> xs = new ArrayList<>();
            List<Tensor> vs = new ArrayList<>();
            for (int di = 0; di < win.kh; di++) {
                for (int dj = 0; dj < win.kw; dj++) {
                    xs.add(window(xp, di, dj, win, oh, ow));
                    vs.add(window(vp, di, dj, win, oh, ow));
                }
            }
            Tensor picked = b.argmax(b.stack(xs, 4), 4, true);
            return b.reshape(b.gather(b.stack(vs, 4), 4, picked), out.shape().dims());
        }

        private static Tensor window(Tensor t, int di, int dj, Window win, int oh, int ow) {
            return t.slice(2, di, di + win.sh * (oh - 1) + 1, win.sh).slice(3, dj, dj + win.sw * (ow - 1) + 1, win.sw);
        }

        private static Tensor pad(Backend b, Tensor t, Window win, double fill) {
            Tensor out = t;
            if (win.ph > 0) {
                Tensor edge = b.full(out.shape().with(2, win.ph), out.dtype(), fill);
                out = b.concat(List.of(edge, out, edge), 2);
            }
            if (win.pw > 0) {
                Tensor edge = b.full(out.shape().with(3, win.pw), out.dtype(), fill);
                out = b.concat(List.of(edge, out, edge), 3);
            }
            return out;
        }
    }
}
