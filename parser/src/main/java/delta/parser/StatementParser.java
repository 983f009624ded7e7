package delta.parser;

import static delta.parser.TokenKind.*;

import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import delta.parser.ast.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Programs, blocks and the statement forms; expressions are delegated to {@link ExpressionParser}. */
final class StatementParser {
    private final TokenStream ts;
    private final ExpressionParser expressions;

    StatementParser(TokenStream ts) {
        this.ts = ts;
        this.expressions = new ExpressionParser(ts, this);
    }

    ExpressionParser expressions() {
        return expressions;
    }

    Expr.Block parseProgram() {
        List<Expr> items = parseItems(null);
        return new Expr.Block(items, new Span(0, ts.source().text().length()));
    }

    /** A block where the grammar requires one: '{' is never a record here. */
    Expr.Block parseBlock(String context) {
        ts.skipNewlines();
        if (!ts.at(LBRACE)) {
            throw ts.expected("'{' " + context);
        }
        return parseBlock();
    }

    /** A block starting at the current '{'. */
    Expr.Block parseBlock() {
        Token open = ts.expect(LBRACE, "'{'");
        List<Expr> items = parseItems(open);
        Token close = ts.expectClose(open);
        return new Expr.Block(items, new Span(open.start(), close.end()));
    }

    /** Statements separated by newlines or ';', up to the '}' matching {@code open}, or to the end when it is null. */
    private List<Expr> parseItems(Token open) {
        List<Expr> items = new ArrayList<>();
        while (true) {
            while (ts.atAny(NEWLINE, SEMI)) {
                ts.advance();
            }
            if (atEnd(open)) {
                return List.copyOf(items);
            }
            rejectUnmatchedCloser(open);
            items.add(parseStatement());
            if (ts.atAny(NEWLINE, SEMI)) {
                continue;
            }
            if (atEnd(open)) {
                return List.copyOf(items);
            }
            rejectUnmatchedCloser(open);
            throw ts.expectedAfterExpression(open == null
                    ? "a newline or ';' after the statement"
                    : "a newline, ';' or '}' after the statement");
        }
    }

    private boolean atEnd(Token open) {
        if (open == null) {
            return ts.at(EOF);
        }
        if (ts.at(EOF)) {
            throw ts.unclosed(open);
        }
        return ts.at(RBRACE);
    }

    private void rejectUnmatchedCloser(Token open) {
        Token t = ts.peek();
        if (t.kind().isCloser() && !(open != null && t.is(RBRACE))) {
            throw ts.error("unmatched '" + t.text() + "'", t);
        }
    }

    Expr parseStatement() {
        ts.enter();
        try {
            Token t = ts.peek();
            return switch (t.kind()) {
                case LET -> parseLet();
                case FN -> ts.lookahead(1).is(NAME) ? parseFnDecl() : parseExpressionStatement();
                case IMPORT -> parseImport();
                case RETURN -> parseReturn();
                case BREAK -> new Expr.Break(ts.advance().span());
                case CONTINUE -> new Expr.Continue(ts.advance().span());
                case WHILE -> parseWhile();
                case FOR -> parseFor();
                default -> parseExpressionStatement();
            };
        } finally {
            ts.exit();
        }
    }

    private Expr.Let parseLet() {
        Token let = ts.advance();
        Pattern target = parsePattern("after 'let'");
        checkDistinct(target);
        ts.expect(ASSIGN, "'=' after the pattern in 'let'");
        ts.skipNewlines();
        Expr value = expressions.parseExpression();
        return new Expr.Let(target, value, new Span(let.start(), ts.spanOf(value).end()));
    }

    private Expr.FnDecl parseFnDecl() {
        Token fn = ts.advance();
        Token name = ts.advance();
        List<Expr.Param> params = expressions.parseParams();
        Expr body = expressions.parseFunctionBody();
        Span span = new Span(fn.start(), ts.spanOf(body).end());
        return new Expr.FnDecl(name.text(), new Expr.Lambda(name.text(), params, body, span), span);
    }

    private Expr.Import parseImport() {
        Token imp = ts.advance();
        Token what = ts.peek();
        String module = null;
        String path = null;
        String binding;
        if (what.is(NAME)) {
            module = what.text();
            binding = module;
        } else if (what.is(STRING)) {
            path = (String) what.value();
            if (path.isEmpty()) {
                throw ts.error("empty import path", what);
            }
            binding = bindingForPath(path);
        } else {
            throw ts.error("expected a module name or a quoted file path after 'import', found "
                    + TokenStream.describeWhereNameExpected(what), what);
        }
        ts.advance();
        int end = what.end();
        if (ts.match(AS)) {
            Token alias = ts.peek();
            if (!alias.is(NAME)) {
                throw ts.error("expected a name after 'as', found " + TokenStream.describeWhereNameExpected(alias), alias);
            }
            binding = ts.advance().text();
            end = alias.end();
        } else if (binding == null) {
            throw ts.error("cannot derive a name from the file name in " + what.text()
                    + "; write 'import " + what.text() + " as NAME'", what.span());
        }
        return new Expr.Import(module, path, binding, new Span(imp.start(), end));
    }

    /** The file name without directory and without ".dl", or null when that is not a usable name. */
    static String bindingForPath(String path) {
        String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        if (file.endsWith(".dl")) {
            file = file.substring(0, file.length() - 3);
        }
        return Lexer.isIdentifier(file) ? file : null;
    }

    private Expr.Return parseReturn() {
        Token ret = ts.advance();
        if (ts.atAny(NEWLINE, SEMI, RBRACE, EOF)) {
            return new Expr.Return(null, ret.span());
        }
        Expr value = expressions.parseExpression();
        return new Expr.Return(value, new Span(ret.start(), ts.spanOf(value).end()));
    }

    private Expr.While parseWhile() {
        Token loop = ts.advance();
        Expr condition = expressions.parseCondition();
        Expr.Block body = parseBlock("after the 'while' condition");
        return new Expr.While(condition, body, new Span(loop.start(), body.span().end()));
    }

    private Expr.For parseFor() {
        Token loop = ts.advance();
        Pattern target = parsePattern("after 'for'");
        checkDistinct(target);
        ts.expect(IN, "'in' after the loop variable");
        Expr iterable = expressions.parseCondition();
        Expr.Block body = parseBlock("after the 'for' iterable");
        return new Expr.For(target, iterable, body, new Span(loop.start(), body.span().end()));
    }

    private Expr parseExpressionStatement() {
        Expr target = expressions.parseExpression();
        Token op = ts.peek();
        boolean compound = op.kind() == PLUS_ASSIGN || op.kind() == MINUS_ASSIGN
                || op.kind() == STAR_ASSIGN || op.kind() == SLASH_ASSIGN;
        if (!compound && op.kind() != ASSIGN) {
            return target;
        }
        if (!(target instanceof Expr.Name || target instanceof Expr.Index || target instanceof Expr.FieldGet)) {
            throw ts.error("cannot assign to this expression", ts.spanOf(target));
        }
        ts.advance();
        ts.skipNewlines();
        Expr value = expressions.parseExpression();
        Span whole = ts.spanOf(target).to(ts.spanOf(value));
        if (compound) {
            // x += e is x = x + e: the target node is shared, which is fine in an immutable tree.
            value = new Expr.Binary(Precedence.binaryOp(op.kind()), target, value, whole, op.span());
        }
        return new Expr.Assign(target, value, whole);
    }

    // ---- patterns -----------------------------------------------------------------------

    /** A name or a parenthesised tuple of patterns; {@code (p)} is just {@code p}, {@code (p,)} a 1-tuple. */
    private Pattern parsePattern(String context) {
        ts.enter();
        try {
            Token t = ts.peek();
            if (t.is(NAME)) {
                ts.advance();
                return new Pattern.Bind(t.text(), t.span());
            }
            if (!t.is(LPAREN)) {
                throw ts.error("expected a name or a '(' tuple pattern " + context + ", found "
                        + TokenStream.describeWhereNameExpected(t), t);
            }
            Token open = ts.advance();
            List<Pattern> items = new ArrayList<>();
            boolean tuple = ts.at(RPAREN);
            while (!ts.at(RPAREN)) {
                items.add(parsePattern("in the tuple pattern"));
                if (!ts.match(COMMA)) {
                    break;
                }
                tuple = true;
            }
            Token close = ts.expectClose(open);
            return tuple ? new Pattern.Tuple(List.copyOf(items), new Span(open.start(), close.end())) : items.getFirst();
        } finally {
            ts.exit();
        }
    }

    private void checkDistinct(Pattern pattern) {
        checkDistinct(pattern, new HashSet<>());
    }

    private void checkDistinct(Pattern pattern, Set<String> seen) {
        switch (pattern) {
            case Pattern.Bind bind -> {
                if (!seen.add(bind.name())) {
                    throw ts.error("duplicate name '" + bind.name() + "' in pattern", bind.span());
                }
            }
            case Pattern.Tuple tuple -> tuple.items().forEach(item -> checkDistinct(item, seen));
        }
    }
}
