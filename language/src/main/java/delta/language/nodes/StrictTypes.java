package delta.language.nodes;

import com.oracle.truffle.api.dsl.TypeSystem;

/**
 * The primitive types without int-to-float widening: for nodes that store values, where an int must
 * stay an int ({@code x = 2} after {@code x = 1.5} makes x the int 2, not 2.0).
 */
@TypeSystem({long.class, double.class, boolean.class})
public abstract class StrictTypes {
}
