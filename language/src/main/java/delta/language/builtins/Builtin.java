package delta.language.builtins;

/**
 * One builtin function: its name, how many arguments it takes, its documentation (shown by the
 * REPL's :doc), and its body. Bodies are plain lambdas: the root node holds the body in a final
 * field, so partial evaluation inlines it at every call site that inlines the builtin.
 */
public record Builtin(String name, int minArity, int maxArity, String signature, String doc, Body body) {
    @FunctionalInterface
    public interface Body {
        /**
         * @param site the builtin's root node, to raise errors from and to reach the context
         * @param args the arguments, without the calling convention's captured-frame slot
         */
        Object call(BuiltinRootNode site, Object[] args);
    }
}
