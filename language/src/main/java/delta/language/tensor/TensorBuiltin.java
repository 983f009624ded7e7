package delta.language.tensor;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.tensor.TensorError;

/**
 * Makes tensor builtins: the body runs behind a Truffle boundary (a tensor kernel is never worth
 * inlining into compiled Delta code), and a backend {@link TensorError} becomes a Delta error at
 * the call site, its message naming the operation and the shapes.
 */
public final class TensorBuiltin {
    private TensorBuiltin() {}

    public static Builtin of(String name, int minArity, int maxArity, String signature, String doc, Builtin.Body body) {
        return new Builtin(name, minArity, maxArity, signature, doc, (site, args) -> run(body, site, args));
    }

    @TruffleBoundary
    private static Object run(Builtin.Body body, BuiltinRootNode site, Object[] args) {
        try {
            return wrap(body.call(site, args));
        } catch (TensorError e) {
            throw TensorSupport.error(site, e);
        }
    }

    private static Object wrap(Object result) {
        return result instanceof delta.tensor.Tensor t ? new DeltaTensor(t) : result;
    }
}
