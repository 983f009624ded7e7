/** Delta's lexer, parser, syntax tree and diagnostics. Plain Java: no Truffle. */
module delta.parser {
    exports delta.parser;
    exports delta.parser.ast;
}
