package delta.language.runtime;

/**
 * Where {@code import nn} finds the source of a standard-library module. The stdlib module provides
 * it as a service, so the language does not depend on the library written in it.
 */
public interface StdlibSource {
    /** The source text of the module, or null when there is no such module. */
    String read(String moduleName);
}
