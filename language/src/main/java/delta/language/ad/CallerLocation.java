package delta.language.ad;

import com.oracle.truffle.api.nodes.EncapsulatingNodeReference;
import com.oracle.truffle.api.nodes.Node;
import java.util.function.Supplier;

/**
 * Runs the Java body of a callable value (a {@code grad(f)}, a {@code hessian(f)}) with the node
 * that called it as the place its Delta calls are made from. They go through an uncached call
 * node, and Truffle takes the location of such a call from the current encapsulating node: with
 * none set, the frame of the function that called {@code grad(f)(x)} had no location, and an
 * error in f's derivative code listed that function in the Delta stack trace as "(builtin)"
 * instead of the line of the call.
 */
final class CallerLocation {
    private CallerLocation() {
    }

    static <T> T around(Node site, Supplier<T> body) {
        // An uncached library passes a node that is not in any tree; whoever called it has set
        // the encapsulating node already.
        if (site == null || site.getRootNode() == null) {
            return body.get();
        }
        EncapsulatingNodeReference current = EncapsulatingNodeReference.getCurrent();
        Node previous = current.set(site);
        try {
            return body.get();
        } finally {
            current.set(previous);
        }
    }
}
