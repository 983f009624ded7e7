/** The dl command. It reaches Delta only through the polyglot API. */
module delta.launcher {
    requires org.graalvm.polyglot;
    requires org.graalvm.launcher;
    requires org.jline;
    requires delta.parser;

    exports delta.launcher;
}
