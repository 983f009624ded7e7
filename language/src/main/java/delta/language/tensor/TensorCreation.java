package delta.language.tensor;

import static delta.language.tensor.TensorArgs.dtype;
import static delta.language.tensor.TensorArgs.given;
import static delta.language.tensor.TensorArgs.number;
import static delta.language.tensor.TensorArgs.shape;
import static delta.language.tensor.TensorArgs.tensor;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.tensor.Backend;
import delta.tensor.DType;
import delta.tensor.Device;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import java.util.List;
import java.util.Random;

/** Builtins that make tensors: from nested lists, filled, ranges, identity, seeded random. */
final class TensorCreation {
    private TensorCreation() {}

    static List<Builtin> all() {
        List<Builtin> all = new java.util.ArrayList<>(List.of(
            // The adjoint of a tensor made from nested lists of numbers is the same nesting of numbers.
            TensorBuiltin.of("tensor", 1, 2, "tensor(values[, dtype])",
                "a tensor from nested lists of numbers (or a tensor, or a Java or JavaScript array); dtype \"f64\" (default) or \"f32\"",
                (site, args) -> TensorFromValues.make(site, args[0], dtype(site, args, 1, null)))
                .withRules("(x, dtype) -> { let out = tensor(x, dtype)\n (out, g -> (if type(x) == \"tensor\" { sum_to(g, out) } else { tolist(sum_to(g, out)) }, 0.0)) }",
                    "(x, x_dot, dtype, dtype_dot) -> (tensor(x, dtype), tensor(x_dot, dtype))"),
            TensorBuiltin.of("astype", 2, 2, "astype(t, dtype)", "a copy of t converted to dtype (\"f64\", \"f32\", \"i64\" or \"bool\")",
                (site, args) -> args[0] instanceof Double || args[0] instanceof Long ? args[0]
                    : TensorSupport.backend(tensor(site, args, 0)).astype(tensor(site, args, 0), dtype(site, args, 1, DType.F64)))
                .withRules("(x, dtype) -> { let out = astype(x, dtype)\n (out, g -> (astype(sum_to(g, out), dtype_of(x)), 0.0)) }",
                    "(x, x_dot, dtype, dtype_dot) -> (astype(x, dtype), astype(x_dot, dtype))"),
            // Moving between devices: the gradient goes back to where x was.
            TensorBuiltin.of("to", 2, 2, "to(t, device)", "t on device (\"cpu\", \"cuda\" or \"cuda:N\"): t itself when it is there, else a copy",
                (site, args) -> to(site, args))
                .withRules("(x, device) -> (to(x, device), g -> (to(g, x.device), 0.0))",
                    "(x, x_dot, device, device_dot) -> (to(x, device), to(x_dot, device))")));
        // Everything else makes tensors from shapes and constants: no derivative by nature.
        constants().stream().map(Builtin::nonDifferentiable).forEach(all::add);
        return all;
    }

    private static List<Builtin> constants() {
        return List.of(
            TensorBuiltin.of("zeros", 1, 2, "zeros(shape[, dtype])", "a tensor of zeros", (site, args) -> backend().zeros(shape(site, args, 0), dtype(site, args, 1, DType.F64))),
            TensorBuiltin.of("ones", 1, 2, "ones(shape[, dtype])", "a tensor of ones", (site, args) -> backend().full(shape(site, args, 0), dtype(site, args, 1, DType.F64), 1)),
            TensorBuiltin.of("full", 2, 3, "full(shape, value[, dtype])", "a tensor filled with value",
                (site, args) -> backend().full(shape(site, args, 0), dtype(site, args, 2, DType.F64), number(site, args, 1))),
            TensorBuiltin.of("zeros_like", 1, 1, "zeros_like(t)", "zeros with t's shape and dtype", (site, args) -> like(site, args, 0)),
            TensorBuiltin.of("ones_like", 1, 1, "ones_like(t)", "ones with t's shape and dtype", (site, args) -> like(site, args, 1)),
            TensorBuiltin.of("full_like", 2, 2, "full_like(t, value)", "value everywhere, with t's shape and dtype", (site, args) -> like(site, args, number(site, args, 1))),
            TensorBuiltin.of("rand_like", 1, 1, "rand_like(t)", "uniform [0, 1) numbers with t's shape and dtype (seeded)",
                (site, args) -> random(site, tensor(site, args, 0).shape(), tensor(site, args, 0).dtype(), false)),
            TensorBuiltin.of("randn_like", 1, 1, "randn_like(t)", "standard normal numbers with t's shape and dtype (seeded)",
                (site, args) -> random(site, tensor(site, args, 0).shape(), tensor(site, args, 0).dtype(), true)),
            TensorBuiltin.of("arange", 1, 4, "arange(stop) or arange(start, stop[, step[, dtype]])",
                "evenly spaced values from start (0) up to but not including stop; f64",
                (site, args) -> arange(site, args)),
            TensorBuiltin.of("linspace", 3, 4, "linspace(start, stop, n[, dtype])", "n evenly spaced values from start to stop, both included",
                (site, args) -> linspace(site, args)),
            TensorBuiltin.of("eye", 1, 2, "eye(n[, dtype])", "the n x n identity matrix", (site, args) -> eye(site, args)),
            TensorBuiltin.of("dtype_of", 1, 1, "dtype_of(t)", "t's dtype as a str (\"f64\" for a number); also t.dtype",
                (site, args) -> args[0] instanceof DeltaTensor t ? t.tensor().dtype().label() : "f64"),
            TensorBuiltin.of("set_print_precision", 1, 1, "set_print_precision(digits)", "how many digits after the point tensors print with (4)",
                (site, args) -> {
                    int digits = TensorArgs.integer(site, args, 0);
                    if (digits < 0 || digits > 17) {
                        throw TensorArgs.error(site, "precision must be from 0 to 17, got " + digits);
                    }
                    TensorFormat.setPrecision(digits);
                    return delta.language.runtime.DeltaNone.INSTANCE;
                }));
    }

    private static Tensor to(BuiltinRootNode site, Object[] args) {
        if (!(args[1] instanceof String name) && !(args[1] instanceof com.oracle.truffle.api.strings.TruffleString)) {
            throw TensorArgs.error(site, "device must be a str (\"cpu\", \"cuda\" or \"cuda:N\"), got " + delta.language.runtime.Values.describe(args[1]));
        }
        Device device;
        try {
            device = Device.parse(args[1].toString());
        } catch (IllegalArgumentException e) {
            throw TensorArgs.error(site, e.getMessage());
        }
        Tensor t = args[0] instanceof Double || args[0] instanceof Long ? backend().scalar(((Number) args[0]).doubleValue(), DType.F64) : tensor(site, args, 0);
        try {
            return TensorSupport.to(t, device);
        } catch (delta.tensor.TensorError e) {
            throw TensorArgs.error(site, e.getMessage().substring(e.op().length() + 2));
        }
    }

    private static Backend backend() {
        return TensorSupport.defaultBackend();
    }

    private static Tensor like(BuiltinRootNode site, Object[] args, double value) {
        Tensor t = tensor(site, args, 0);
        return TensorSupport.backend(t).full(t.shape(), t.dtype(), value);
    }

    /** Random tensors draw from the context's seeded generator, so seed(n) makes them reproducible too. */
    static Tensor random(BuiltinRootNode site, Shape shape, DType dtype, boolean normal) {
        Random random = site.context().random();
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = normal ? random.nextGaussian() : random.nextDouble();
        }
        return backend().fromArray(values, shape, dtype.isFloating() ? dtype : DType.F64);
    }

    private static Tensor arange(BuiltinRootNode site, Object[] args) {
        double start = 0;
        double stop;
        double step = 1;
        if (args.length == 1) {
            stop = number(site, args, 0);
        } else {
            start = number(site, args, 0);
            stop = number(site, args, 1);
            if (given(args, 2)) {
                step = number(site, args, 2);
            }
        }
        if (step == 0) {
            throw TensorArgs.error(site, "step must not be zero");
        }
        return backend().arange(start, stop, step, dtype(site, args, 3, DType.F64));
    }

    private static Tensor linspace(BuiltinRootNode site, Object[] args) {
        double start = number(site, args, 0);
        double stop = number(site, args, 1);
        int n = TensorArgs.integer(site, args, 2);
        if (n < 0) {
            throw TensorArgs.error(site, "n must not be negative, got " + n);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = n == 1 ? start : start + (stop - start) * i / (n - 1);
        }
        return backend().fromArray(values, Shape.of(n), dtype(site, args, 3, DType.F64));
    }

    private static Tensor eye(BuiltinRootNode site, Object[] args) {
        int n = TensorArgs.integer(site, args, 0);
        if (n < 0) {
            throw TensorArgs.error(site, "n must not be negative, got " + n);
        }
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1;
        }
        return backend().fromArray(values, Shape.of(n, n), dtype(site, args, 1, DType.F64));
    }
}
