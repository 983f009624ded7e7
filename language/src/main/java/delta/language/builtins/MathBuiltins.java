package delta.language.builtins;

import static delta.language.builtins.Arguments.number;

import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;
import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorReductions;
import delta.language.tensor.TensorSupport;
import delta.tensor.UnaryOp;
import java.util.List;

/** sin, cos, tan, exp, log, log1p, expm1, sqrt, tanh, sigmoid, relu, sign, abs, isnan, isinf, isfinite, floor, ceil, round, min, max. */
final class MathBuiltins {
    private MathBuiltins() {}

    static List<Builtin> all() {
        return List.of(
            unary("sin", "sine of x (radians)", Math::sin, UnaryOp.SIN).differentiable("cos(x)"),
            unary("cos", "cosine of x (radians)", Math::cos, UnaryOp.COS).differentiable("-sin(x)"),
            unary("tan", "tangent of x (radians)", Math::tan, null).differentiable("1.0 / (cos(x) * cos(x))"),
            unary("exp", "e raised to x", Math::exp, UnaryOp.EXP).differentiable("exp(x)"),
            unary("log", "natural logarithm of x; nan for x < 0, -inf at 0", Math::log, UnaryOp.LOG).differentiable("1.0 / x"),
            unary("log1p", "log(1 + x), accurate for x near 0", Math::log1p, UnaryOp.LOG1P).differentiable("1.0 / (1.0 + x)"),
            unary("expm1", "exp(x) - 1, accurate for x near 0", Math::expm1, UnaryOp.EXPM1).differentiable("expm1(x) + 1.0"),
            unary("sqrt", "square root of x; nan for x < 0", Math::sqrt, UnaryOp.SQRT).differentiable("0.5 / sqrt(x)"),
            unary("tanh", "hyperbolic tangent of x", Math::tanh, UnaryOp.TANH).differentiable("1.0 - tanh(x) * tanh(x)"),
            unary("sigmoid", "the logistic function 1 / (1 + exp(-x))", UnaryOp::sigmoid, UnaryOp.SIGMOID)
                .differentiable("sigmoid(x) * (1.0 - sigmoid(x))"),
            unary("relu", "max(x, 0)", x -> Math.max(x, 0.0), UnaryOp.RELU).differentiable("where(x > 0, 1.0, 0.0)"),
            unary("sign", "-1, 0 or 1 by the sign of x (0 for 0 and nan for nan)", Math::signum, UnaryOp.SIGN).differentiable("0.0"),
            new Builtin("abs", 1, 1, "abs(x)", "absolute value; an int stays an int", (site, args) -> {
                if (args[0] instanceof DeltaTensor t) {
                    return TensorSupport.unary(UnaryOp.ABS, t, site);
                }
                if (args[0] instanceof Long l) {
                    if (l == Long.MIN_VALUE) {
                        throw Arguments.error(site, "integer overflow");
                    }
                    return Math.abs(l);
                }
                return Math.abs(number(site, args, 0));
            }).differentiable("sign(x)"),
            test("isnan", "whether x is nan", Double::isNaN, UnaryOp.ISNAN),
            test("isinf", "whether x is inf or -inf", Double::isInfinite, UnaryOp.ISINF),
            test("isfinite", "whether x is neither nan nor infinite", Double::isFinite, UnaryOp.ISFINITE),
            integral("floor", "the largest int <= x", Math::floor, UnaryOp.FLOOR),
            integral("ceil", "the smallest int >= x", Math::ceil, UnaryOp.CEIL),
            new Builtin("round", 1, 2, "round(x[, digits])",
                "x rounded half to even, as in Python: round(x) is an int (round(2.5) is 2), round(x, digits) keeps that many "
                    + "decimals (round(3.14159, 2) is 3.14; digits < 0 rounds to tens, hundreds...), an int for an int; "
                    + "element-wise on a tensor, as NumPy's round (a float tensor: rint(x * 10^digits) / 10^digits)",
                (site, args) -> args[0] instanceof DeltaTensor t ? roundTensor(site, t, args) : round(site, args)).nonDifferentiable(),
            new Builtin("min", 1, -1, "min(a, b, ...) or min(list)", "the smallest of its arguments, or of a list's elements",
                (site, args) -> extreme(site, args, true)).differentiable("where(x <= y, 1.0, 0.0)", "where(x <= y, 0.0, 1.0)")
                .withRules(TensorReductions.EXTREME_VJP.formatted("min", "<="), TensorReductions.EXTREME_JVP.formatted("min", "<=")),
            new Builtin("max", 1, -1, "max(a, b, ...) or max(list)", "the largest of its arguments, or of a list's elements",
                (site, args) -> extreme(site, args, false)).differentiable("where(x >= y, 1.0, 0.0)", "where(x >= y, 0.0, 1.0)")
                .withRules(TensorReductions.EXTREME_VJP.formatted("max", ">="), TensorReductions.EXTREME_JVP.formatted("max", ">=")));
    }

    /** A math function of numbers that also applies element-wise to a tensor ({@code tensorOp}, or through sin/cos for tan). */
    private static Builtin unary(String name, String doc, java.util.function.DoubleUnaryOperator f, UnaryOp tensorOp) {
        return new Builtin(name, 1, 1, name + "(x)", doc + "; element-wise on a tensor", (site, args) -> {
            if (args[0] instanceof DeltaTensor t) {
                return tensorOp != null ? TensorSupport.unary(tensorOp, t, site) : TensorSupport.tan(t, site);
            }
            return f.applyAsDouble(number(site, args, 0));
        });
    }

    /** A test of a number (a bool), element-wise on a tensor (a bool tensor, as NumPy's isnan and kin). */
    private static Builtin test(String name, String doc, java.util.function.DoublePredicate f, UnaryOp tensorOp) {
        return new Builtin(name, 1, 1, name + "(x)", doc + "; element-wise on a tensor (a bool tensor)", (site, args) -> {
            if (args[0] instanceof DeltaTensor t) {
                return TensorSupport.unary(tensorOp, t, site);
            }
            return f.test(number(site, args, 0));
        }).nonDifferentiable();
    }

    /**
     * floor and ceil: an int for a number (Python's), a tensor of the same floating type for a tensor
     * (NumPy's). Piecewise constant: no derivative rule (the AD treats them as constants).
     */
    private static Builtin integral(String name, String doc, java.util.function.DoubleUnaryOperator f, UnaryOp tensorOp) {
        return new Builtin(name, 1, 1, name + "(x)", doc + "; element-wise on a tensor (a float tensor)", (site, args) -> {
            if (args[0] instanceof DeltaTensor t) {
                return TensorSupport.unary(tensorOp, t, site);
            }
            return toInt(site, f.applyAsDouble(number(site, args, 0)), args[0]);
        });
    }

    /** round of a tensor: halves to even, at {@code digits} decimals as NumPy computes it (scaled by a power of ten). */
    private static Object roundTensor(BuiltinRootNode site, DeltaTensor t, Object[] args) {
        if (args.length == 1) {
            return TensorSupport.unary(UnaryOp.ROUND, t, site);
        }
        double scale = Math.pow(10, Arguments.integer(site, args, 1));
        DeltaTensor scaled = TensorSupport.binary(delta.tensor.BinaryOp.MUL, t, scale, site);
        return TensorSupport.binary(delta.tensor.BinaryOp.DIV, TensorSupport.unary(UnaryOp.ROUND, scaled, scaled, site), scale, site);
    }

    private static Object toInt(BuiltinRootNode site, double rounded, Object original) {
        if (original instanceof Long) {
            return original;
        }
        if (Double.isNaN(rounded) || Math.abs(rounded) >= 0x1p63) {
            throw Arguments.error(site, "cannot convert " + Values.display(original) + " to an int");
        }
        return (long) rounded;
    }

    /**
     * Rounds the exact binary value (BigDecimal), so that round(2.675, 2) is 2.67 as in Python:
     * 2.675 is stored as 2.67499999... Has no derivative rule: it is piecewise constant.
     */
    @com.oracle.truffle.api.CompilerDirectives.TruffleBoundary
    private static Object round(BuiltinRootNode site, Object[] args) {
        double x = number(site, args, 0);
        if (args.length == 1) {
            return args[0] instanceof Long ? args[0] : toInt(site, Math.rint(x), args[0]);
        }
        long digits = Arguments.integer(site, args, 1);
        if (args[0] instanceof Long l) {
            if (digits >= 0) {
                return l;
            }
            java.math.BigDecimal r = new java.math.BigDecimal(l).setScale((int) Math.max(digits, -20), java.math.RoundingMode.HALF_EVEN);
            return r.longValue();
        }
        if (Double.isNaN(x) || Double.isInfinite(x) || digits > 350) {
            return x;
        }
        double r = new java.math.BigDecimal(x).setScale((int) Math.max(digits, -350), java.math.RoundingMode.HALF_EVEN).doubleValue();
        return r == 0 ? Math.copySign(0.0, x) : r;
    }

    private static Object extreme(BuiltinRootNode site, Object[] args, boolean smallest) {
        if (args.length == 1 && args[0] instanceof DeltaTensor || args.length == 2 && (args[0] instanceof DeltaTensor || args[1] instanceof DeltaTensor)) {
            return TensorReductions.extreme(site, args, smallest);
        }
        Object[] items = args;
        if (args.length == 1) {
            if (args[0] instanceof DeltaList list) {
                items = list.toArray();
            } else if (args[0] instanceof DeltaTuple tuple) {
                items = tuple.items();
            }
        }
        if (items.length == 0) {
            throw Arguments.error(site, "needs at least one value");
        }
        Object best = null;
        double bestValue = 0;
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof Long) && !(items[i] instanceof Double)) {
                throw DeltaError.at(site, site.getName() + "() expects numbers, got " + Values.describe(items[i]));
            }
            double value = ((Number) items[i]).doubleValue();
            if (best == null || (smallest ? value < bestValue : value > bestValue) || Double.isNaN(value)) {
                best = items[i];
                bestValue = value;
            }
        }
        return best;
    }
}
