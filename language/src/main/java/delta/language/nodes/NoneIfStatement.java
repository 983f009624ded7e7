package delta.language.nodes;

import delta.language.runtime.DeltaNone;

/**
 * Statement nodes (let, assignment, loops) return Java null, which is cheaper than returning none
 * from every loop iteration; where such a value becomes visible to the program it turns into none.
 */
public final class NoneIfStatement {
    private NoneIfStatement() {}

    public static Object of(Object value) {
        return value == null ? DeltaNone.INSTANCE : value;
    }
}
