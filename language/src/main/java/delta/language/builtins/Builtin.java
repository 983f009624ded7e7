package delta.language.builtins;

/**
 * One builtin function: its name, how many arguments it takes, its documentation (shown by the
 * REPL's :doc), its body, and its derivative rule. Bodies are plain lambdas: the root node holds
 * the body in a final field, so partial evaluation inlines it at every call site that inlines the
 * builtin.
 * <p>
 * {@code partials} is the derivative rule, beside the forward implementation: for each argument,
 * the partial derivative of the result, in Delta over the argument names x, y, z. It serves both
 * reverse mode (adjoint = result adjoint times partial) and forward mode (tangent = sum of
 * partials times argument tangents). Null means the builtin has no derivative: differentiated
 * code runs it and it contributes zero (print, len, floor...).
 */
public record Builtin(String name, int minArity, int maxArity, String signature, String doc, Body body, String[] partials,
                String vjp, String jvp, boolean constant) {
    /** A builtin without a derivative. */
    public Builtin(String name, int minArity, int maxArity, String signature, String doc, Body body) {
        this(name, minArity, maxArity, signature, doc, body, null, null, null, false);
    }

    /** The same builtin with a derivative rule. */
    public Builtin differentiable(String... partialDerivatives) {
        return new Builtin(name, minArity, maxArity, signature, doc, body, partialDerivatives, vjp, jvp, constant);
    }

    /**
     * The same builtin with general rules, for primitives whose derivative is not an element-wise
     * partial (matmul, reductions, shape operations) or for the argument counts its partials do
     * not cover. Both are Delta lambdas over the builtin's parameters, which read {@code none} when
     * a call leaves them out. {@code vjp}: {@code (x, y...) -> (value, g -> (x_bar, y_bar...))}, one
     * adjoint per parameter (0.0 for those that have none). {@code jvp}:
     * {@code (x, x_dot, y, y_dot...) -> (value, tangent)}.
     */
    public Builtin withRules(String vjpRule, String jvpRule) {
        return new Builtin(name, minArity, maxArity, signature, doc, body, partials, vjpRule, jvpRule, constant);
    }

    /**
     * The same builtin marked as having no derivative by nature (shapes, comparisons, argmax,
     * random numbers): differentiated code runs it and it contributes zero.
     */
    public Builtin nonDifferentiable() {
        return new Builtin(name, minArity, maxArity, signature, doc, body, partials, vjp, jvp, true);
    }

    @FunctionalInterface
    public interface Body {
        /**
         * @param site the builtin's root node, to raise errors from and to reach the context
         * @param args the arguments, without the calling convention's captured-frame slot
         */
        Object call(BuiltinRootNode site, Object[] args);
    }
}
