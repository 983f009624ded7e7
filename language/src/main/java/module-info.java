/** The Delta Truffle language: lowering of syntax trees to Truffle nodes, values, builtins, interop. */
module delta.language {
    requires transitive delta.parser;
    requires delta.ad;
    requires delta.tensor;
    requires org.graalvm.truffle;
    requires org.graalvm.polyglot;

    exports delta.language.runtime to delta.stdlib;
    uses delta.language.runtime.StdlibSource;

    provides com.oracle.truffle.api.provider.TruffleLanguageProvider with delta.language.DeltaLanguageProvider;
}
