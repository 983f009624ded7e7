/** Delta's standard library: Delta sources offered to the language through a service. */
module delta.stdlib {
    requires delta.language;
    provides delta.language.runtime.StdlibSource with delta.stdlib.BundledStdlib;
}
