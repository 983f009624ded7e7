package delta.language.ad;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaFunction;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;

/**
 * gradcheck(f, x...): compares reverse-mode derivatives with central differences, the check of the
 * teaching notes: (f(x + e) - f(x - e)) / 2e for each numeric argument, e = 1e-6 relative to x.
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
            anyFloat |= argument instanceof Double;
        }
        if (!anyFloat) {
            throw DeltaError.at(site, "gradcheck() checks the numeric float arguments of f, and none was given (write 2.0, not 2)");
        }
        DeltaTuple pair = (DeltaTuple) DerivedFunction.call(AdCache.vjp(f, site), point);
        DeltaTuple analytic = (DeltaTuple) DerivedFunction.call(pair.get(1), new Object[]{1.0});
        double worst = 0;
        // Ints (counts, indices) are left alone: only float arguments are perturbed and checked.
        for (int i = 0; i < point.length; i++) {
            if (!(point[i] instanceof Double)) {
                continue;
            }
            double x = (Double) point[i];
            double e = 1e-6 * Math.max(1.0, Math.abs(x));
            double numeric = (value(f, site, point, i, x + e) - value(f, site, point, i, x - e)) / (2 * e);
            if (!(analytic.get(i) instanceof Number derivative)) {
                throw DeltaError.at(site, "gradcheck(): the derivative for argument " + (i + 1) + " is not a number");
            }
            double exact = derivative.doubleValue();
            double error = Math.abs(exact - numeric) / Math.max(1e-8, Math.max(Math.abs(exact), Math.abs(numeric)));
            worst = Math.max(worst, error);
        }
        return worst;
    }

    private static double value(DeltaFunction f, BuiltinRootNode site, Object[] point, int index, double x) {
        Object[] shifted = point.clone();
        shifted[index] = x;
        Object result = DerivedFunction.call(f, shifted);
        if (!(result instanceof Number n)) {
            throw DeltaError.at(site, "gradcheck() needs a function that returns a number, got " + Values.typeName(result));
        }
        return n.doubleValue();
    }
}
