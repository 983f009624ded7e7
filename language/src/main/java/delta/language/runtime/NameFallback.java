package delta.language.runtime;

import java.util.List;

/**
 * Names a module resolves after its own and the builtins: the prelude's functions, which are
 * written in Delta and loaded only when a program first uses one.
 */
public interface NameFallback {
    /** The value bound to {@code name}, or null when there is none; may load and run code. */
    Object resolve(String name);

    /** Every name {@link #resolve} knows, found without loading anything. */
    List<String> names();
}
