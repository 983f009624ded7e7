package delta.language.nodes;

import com.oracle.truffle.api.dsl.ImplicitCast;
import com.oracle.truffle.api.dsl.TypeSystem;

/**
 * The primitive types the specializations know: an int operand widens to float where a float
 * specialization applies, as in Python's mixed arithmetic.
 */
@TypeSystem({long.class, double.class, boolean.class})
public abstract class DeltaTypes {
    @ImplicitCast
    public static double castDouble(long value) {
        return value;
    }
}
