package delta.language.ad;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaFunction;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;
import delta.language.tensor.DeltaTensor;

/**
 * gradcheck(f, x...): compares reverse-mode derivatives with central differences, the check of the
 * teaching notes: (f(x + e) - f(x - e)) / 2e for each float argument and each element of each f64
 * tensor argument, e = 1e-6 relative to x.
 */
final class Gradcheck {
    private Gradcheck() {}

    @TruffleBoundary
    static Object run(BuiltinRootNode site, Object[] args) {
        if (!(args[0] instanceof DeltaFunction f)) {
            throw DeltaError.at(site, "gradcheck() expects a function, got " + Values.typeName(args[0]));
        }
        Object[] point = java.util.Arrays.copyOfRange(args, 1, args.length);
        boolean anyFloat = false;
        for (Object argument : point) {
            anyFloat |= argument instanceof Double || isFloatTensor(argument);
        }
        if (!anyFloat) {
            throw DeltaError.at(site, "gradcheck() checks the numeric float (and f64 tensor) arguments of f, and none was given (write 2.0, not 2)");
        }
        DeltaTuple pair = (DeltaTuple) DerivedFunction.call(AdCache.vjp(f, site), point);
        DeltaTuple analytic = LazyAdjoint.forceAll((DeltaTuple) DerivedFunction.call(pair.get(1), new Object[]{1.0}));
        double worst = 0;
        // Ints (counts, indices) are left alone: only float arguments are perturbed and checked.
        for (int i = 0; i < point.length; i++) {
            if (point[i] instanceof Double x) {
                if (!(analytic.get(i) instanceof Number derivative)) {
                    throw DeltaError.at(site, "gradcheck(): the derivative for argument " + (i + 1) + " is not a number");
                }
                worst = Math.max(worst, error(derivative.doubleValue(), central(f, site, point, i, x, null, 0)));
            } else if (isFloatTensor(point[i])) {
                // Every element of a tensor argument is perturbed in turn.
                DeltaTensor t = (DeltaTensor) point[i];
                double[] exact = TensorDirections.values((DeltaTensor) Gradients.complete(t, analytic.get(i)));
                double[] xs = TensorDirections.values(t);
                for (int k = 0; k < xs.length; k++) {
                    worst = Math.max(worst, error(exact[k], central(f, site, point, i, xs[k], t, k)));
                }
            }
        }
        return worst;
    }

    private static boolean isFloatTensor(Object value) {
        return value instanceof DeltaTensor t && t.tensor().dtype() == delta.tensor.DType.F64;
    }

    private static double error(double exact, double numeric) {
        return Math.abs(exact - numeric) / Math.max(1e-8, Math.max(Math.abs(exact), Math.abs(numeric)));
    }

    /** (f(x + e) - f(x - e)) / 2e for argument {@code index}, or for element {@code k} of it when it is a tensor. */
    private static double central(DeltaFunction f, BuiltinRootNode site, Object[] point, int index, double x, DeltaTensor tensor, int k) {
        double e = 1e-6 * Math.max(1.0, Math.abs(x));
        Object up = tensor == null ? (Object) (x + e) : TensorDirections.shifted(tensor, k, e);
        Object down = tensor == null ? (Object) (x - e) : TensorDirections.shifted(tensor, k, -e);
        return (value(f, site, point, index, up) - value(f, site, point, index, down)) / (2 * e);
    }

    private static double value(DeltaFunction f, BuiltinRootNode site, Object[] point, int index, Object x) {
        Object[] shifted = point.clone();
        shifted[index] = x;
        Object result = DerivedFunction.call(f, shifted);
        if (result instanceof DeltaTensor t && t.tensor().size() == 1) {
            return TensorDirections.values(t)[0];
        }
        if (!(result instanceof Number n)) {
            throw DeltaError.at(site, "gradcheck() needs a function that returns a number, got " + Values.typeName(result));
        }
        return n.doubleValue();
    }
}
