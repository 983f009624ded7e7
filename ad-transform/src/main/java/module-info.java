/** Source-to-source automatic differentiation over Delta syntax trees. Plain Java: no Truffle. */
module delta.ad {
    requires transitive delta.parser;

    exports delta.ad;
}
