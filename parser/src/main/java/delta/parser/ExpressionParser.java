package delta.parser;

import static delta.parser.TokenKind.*;

import delta.parser.ast.BinaryOp;
import delta.parser.ast.Expr;
import delta.parser.ast.Span;
import delta.parser.ast.UnaryOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Expressions: a Pratt loop for the operators, recursive descent for everything else. */
final class ExpressionParser {
    private final TokenStream ts;
    private final StatementParser statements;

    ExpressionParser(TokenStream ts, StatementParser statements) {
        this.ts = ts;
        this.statements = statements;
    }

    Expr parseExpression() {
        return parse(Precedence.LOWEST);
    }

    /** An expression for if/while: a '=' right after it is the classic typo for '=='. */
    Expr parseCondition() {
        Expr condition = parseExpression();
        if (ts.at(ASSIGN)) {
            throw ts.assignmentWhereComparisonMeant();
        }
        return condition;
    }

    // ---- operators ----------------------------------------------------------------------

    /** Parses an expression whose infix operators all bind at least as tightly as {@code minPrecedence}. */
    private Expr parse(int minPrecedence) {
        ts.enter();
        try {
            Expr left = parsePrefix(minPrecedence);
            boolean afterComparison = false;
            while (true) {
                Token op = ts.peek();
                // 'not in' is one comparison operator; 'not' alone is a prefix.
                boolean notIn = op.is(NOT) && ts.lookahead(1).is(IN);
                int precedence = notIn ? Precedence.COMPARISON : Precedence.infix(op.kind());
                if (precedence == Precedence.NONE || precedence < minPrecedence) {
                    return left;
                }
                if (precedence == Precedence.COMPARISON) {
                    // Python's a < b < c means (a < b) and (b < c), most languages' means (a < b) < c;
                    // refusing both avoids a silent surprise either way.
                    if (afterComparison) {
                        throw ts.error("comparisons cannot be chained; use 'and'", op);
                    }
                    afterComparison = true;
                } else {
                    afterComparison = false;
                }
                ts.advance();
                if (notIn) {
                    ts.advance();
                }
                ts.skipNewlines();
                left = switch (op.kind()) {
                    case IN, NOT -> membership(op, notIn, left, parse(precedence + 1));
                    case AND, OR -> {
                        Expr right = parse(precedence + 1);
                        yield new Expr.Logical(op.is(AND), left, right, cover(left, right));
                    }
                    case STAR_STAR -> {
                        // Right operand at unary level: right-associative, and 2 ** -1 works.
                        Expr right = parse(Precedence.UNARY);
                        yield binary(op, left, right);
                    }
                    case STAR, SLASH, SLASH_SLASH, PERCENT, AT -> binary(op, left, parse(Precedence.UNARY));
                    default -> binary(op, left, parse(precedence + 1));
                };
            }
        } finally {
            ts.exit();
        }
    }

    /** {@code x in xs} is {@code $contains(x, xs)} (x evaluated first); {@code x not in xs} its negation. */
    private Expr membership(Token op, boolean negated, Expr item, Expr container) {
        Span span = cover(item, container);
        Expr test = new Expr.Call(new Expr.Name(Parser.CONTAINS, op.span()),
                List.of(new Expr.Arg(null, item, ts.spanOf(item)), new Expr.Arg(null, container, ts.spanOf(container))), span);
        return negated ? new Expr.Unary(UnaryOp.NOT, test, span) : test;
    }

    private Expr.Binary binary(Token op, Expr left, Expr right) {
        return new Expr.Binary(Precedence.binaryOp(op.kind()), left, right, cover(left, right), op.span());
    }

    private Expr parsePrefix(int minPrecedence) {
        Token t = ts.peek();
        if (t.is(MINUS)) {
            ts.advance();
            ts.skipNewlines();
            // The operand includes '**', so -2 ** 2 is -(2 ** 2) as in mathematics.
            Expr operand = parse(Precedence.UNARY);
            return new Expr.Unary(UnaryOp.NEG, operand, TokenStream.span(t.start(), ts.spanOf(operand).end()));
        }
        if (t.is(NOT)) {
            if (minPrecedence > Precedence.NOT) {
                // In a == not b, 'not' would have to swallow everything after it; make it explicit.
                throw ts.error("'not' binds more loosely than comparisons and arithmetic;"
                        + " put 'not ...' in parentheses here", t);
            }
            ts.advance();
            ts.skipNewlines();
            Expr operand = parse(Precedence.NOT);
            return new Expr.Unary(UnaryOp.NOT, operand, TokenStream.span(t.start(), ts.spanOf(operand).end()));
        }
        return parsePostfix(parsePrimary());
    }

    private Expr parsePostfix(Expr target) {
        Expr e = target;
        while (true) {
            Token t = ts.peek();
            switch (t.kind()) {
                case LPAREN -> e = parseCall(e);
                case LBRACKET -> e = parseIndex(e);
                case DOT -> {
                    ts.advance();
                    Token name = ts.peek();
                    if (!name.is(NAME)) {
                        throw ts.error("expected a field name after '.', found " + TokenStream.describeWhereNameExpected(name), name);
                    }
                    ts.advance();
                    e = new Expr.FieldGet(e, name.text(), TokenStream.span(ts.spanOf(e).start(), name.end()));
                }
                default -> {
                    return e;
                }
            }
        }
    }

    private Expr.Call parseCall(Expr callee) {
        Token open = ts.advance();
        List<Expr.Arg> args = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean sawNamed = false;
        while (!ts.at(RPAREN)) {
            Expr.Arg arg;
            if (ts.at(NAME) && ts.lookahead(1).is(ASSIGN)) {
                Token name = ts.advance();
                ts.advance();
                ts.skipNewlines();
                Expr value = parseExpression();
                if (!names.add(name.text())) {
                    throw ts.error("duplicate argument '" + name.text() + "'", name.span());
                }
                arg = new Expr.Arg(name.text(), value, TokenStream.span(name.start(), ts.spanOf(value).end()));
                sawNamed = true;
            } else {
                Expr value = parseExpression();
                if (sawNamed) {
                    throw ts.error("positional argument cannot follow named arguments", ts.spanOf(value));
                }
                arg = new Expr.Arg(null, value, ts.spanOf(value));
            }
            args.add(arg);
            if (!ts.match(COMMA)) {
                break;
            }
        }
        Token close = ts.expectClose(open);
        return new Expr.Call(callee, List.copyOf(args), TokenStream.span(ts.spanOf(callee).start(), close.end()));
    }

    private Expr.Index parseIndex(Expr target) {
        Token open = ts.advance();
        if (ts.at(RBRACKET)) {
            throw ts.expected("an index");
        }
        List<Expr> indices = new ArrayList<>();
        do {
            if (ts.at(RBRACKET)) {
                break;
            }
            indices.add(parseIndexItem());
        } while (ts.match(COMMA));
        Token close = ts.expectClose(open);
        return new Expr.Index(target, List.copyOf(indices), TokenStream.span(ts.spanOf(target).start(), close.end()));
    }

    /** An index or a slice {@code lo:hi:step} with any part left out. */
    private Expr parseIndexItem() {
        Expr lo = null;
        if (!ts.at(COLON)) {
            lo = parseExpression();
            if (!ts.at(COLON)) {
                return lo;
            }
        }
        Token colon = ts.advance();
        int end = colon.end();
        Expr hi = null;
        Expr step = null;
        if (!ts.atAny(COLON, COMMA, RBRACKET)) {
            hi = parseExpression();
            end = ts.spanOf(hi).end();
        }
        if (ts.at(COLON)) {
            end = ts.advance().end();
            if (!ts.atAny(COMMA, RBRACKET)) {
                step = parseExpression();
                end = ts.spanOf(step).end();
            }
        }
        int start = lo != null ? ts.spanOf(lo).start() : colon.start();
        return new Expr.Slice(lo, hi, step, TokenStream.span(start, end));
    }

    // ---- f-strings ----------------------------------------------------------------------

    /**
     * {@code f"a {x:.2f} b"} is {@code "a " + $format(x, ".2f") + " b"}: each field's text is
     * parsed as an expression in place (a copy of the source up to the field with everything
     * before it blanked, so offsets, lines and columns of errors are those of the file).
     */
    @SuppressWarnings("unchecked")
    private Expr parseFString(Token token) {
        List<StringLexer.FStringPart> parts = (List<StringLexer.FStringPart>) token.value();
        Span span = token.span();
        Expr result = null;
        for (StringLexer.FStringPart part : parts) {
            Expr piece;
            if (part.isText()) {
                piece = new Expr.StringLit(part.text(), span);
            } else {
                Expr value = parseField(part);
                piece = new Expr.Call(new Expr.Name(Parser.FSTRING_FORMAT, span),
                        List.of(new Expr.Arg(null, value, span), new Expr.Arg(null, new Expr.StringLit(part.spec(), span), span)), span);
            }
            result = result == null ? piece : new Expr.Binary(BinaryOp.ADD, result, piece, span, span);
        }
        return result != null ? result : new Expr.StringLit("", span);
    }

    /** A field's expression; where it ends too early, the error points at the field's end, not at the end of the file. */
    private Expr parseField(StringLexer.FStringPart part) {
        try {
            return Parser.parseExpression(fieldSource(part));
        } catch (SyntaxError e) {
            if (e.span().start() >= part.exprEnd()) {
                throw new SyntaxError(e.getMessage().replace("found end of input", "found the end of the f-string field"),
                        new Span(part.exprEnd(), part.exprEnd() + 1), false);
            }
            throw e;
        }
    }

    /** The source up to the field's end, blanked before the field except for line breaks, which keep lines and columns. */
    private SourceText fieldSource(StringLexer.FStringPart part) {
        String text = ts.source().text();
        char[] masked = new char[part.exprEnd()];
        for (int i = 0; i < masked.length; i++) {
            masked[i] = i >= part.exprStart() || text.charAt(i) == '\n' ? text.charAt(i) : ' ';
        }
        return new SourceText(ts.source().name(), new String(masked));
    }

    // ---- primaries ----------------------------------------------------------------------

    private Expr parsePrimary() {
        Token t = ts.peek();
        return switch (t.kind()) {
            case INT -> new Expr.IntLit((Long) ts.advance().value(), t.span());
            case FLOAT -> new Expr.FloatLit((Double) ts.advance().value(), t.span());
            case STRING -> new Expr.StringLit((String) ts.advance().value(), t.span());
            case FSTRING -> parseFString(ts.advance());
            case TRUE, FALSE -> new Expr.BoolLit(ts.advance().is(TRUE), t.span());
            case NONE -> {
                ts.advance();
                yield new Expr.NoneLit(t.span());
            }
            case NAME -> ts.lookahead(1).is(ARROW) ? parseArrowLambda() : new Expr.Name(ts.advance().text(), t.span());
            case LPAREN -> isParenthesisedLambda() ? parseArrowLambda() : parseParenthesised();
            case LBRACKET -> parseList();
            case LBRACE -> isRecordLiteral() ? parseRecord() : statements.parseBlock();
            case IF -> parseIf();
            case FN -> parseAnonymousFn();
            default -> throw ts.expected("an expression");
        };
    }

    private Expr parseParenthesised() {
        Token open = ts.advance();
        if (ts.at(RPAREN)) {
            Token close = ts.advance();
            return new Expr.TupleLit(List.of(), TokenStream.span(open.start(), close.end()));
        }
        Expr first = parseExpression();
        if (!ts.at(COMMA)) {
            Token close = ts.expectClose(open);
            ts.markParenthesised(first, TokenStream.span(open.start(), close.end()));
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (ts.match(COMMA)) {
            if (ts.at(RPAREN)) {
                break;
            }
            items.add(parseExpression());
        }
        Token close = ts.expectClose(open);
        return new Expr.TupleLit(List.copyOf(items), TokenStream.span(open.start(), close.end()));
    }

    private Expr.ListLit parseList() {
        Token open = ts.advance();
        List<Expr> items = new ArrayList<>();
        while (!ts.at(RBRACKET)) {
            items.add(parseExpression());
            if (!ts.match(COMMA)) {
                break;
            }
        }
        Token close = ts.expectClose(open);
        return new Expr.ListLit(List.copyOf(items), TokenStream.span(open.start(), close.end()));
    }

    /** '{' starts a record when it is {@code {}} or its first field is {@code name:} or {@code "name":}. */
    private boolean isRecordLiteral() {
        int i = ts.position() + 1;
        while (ts.raw(i).is(NEWLINE)) {
            i++;
        }
        if (ts.raw(i).is(RBRACE)) {
            return true;
        }
        if (!ts.raw(i).is(NAME) && !ts.raw(i).is(STRING)) {
            return false;
        }
        i++;
        while (ts.raw(i).is(NEWLINE)) {
            i++;
        }
        return ts.raw(i).is(COLON);
    }

    private Expr.RecordLit parseRecord() {
        Token open = ts.advance();
        List<Expr.RecordLit.Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        ts.skipNewlines();
        while (!ts.at(RBRACE)) {
            Token key = ts.peek();
            if (!key.is(NAME) && !key.is(STRING)) {
                throw ts.error("expected a field name, found " + TokenStream.describeWhereNameExpected(key), key);
            }
            ts.advance();
            String name = key.is(NAME) ? key.text() : (String) key.value();
            if (!names.add(name)) {
                throw ts.error("duplicate field '" + name + "' in record", key.span());
            }
            ts.skipNewlines();
            ts.expect(COLON, "':' after the field name '" + name + "'");
            ts.skipNewlines();
            Expr value = parseExpression();
            fields.add(new Expr.RecordLit.Field(name, value, TokenStream.span(key.start(), ts.spanOf(value).end())));
            ts.skipNewlines();
            if (!ts.match(COMMA)) {
                break;
            }
            ts.skipNewlines();
        }
        Token close = ts.expectClose(open);
        return new Expr.RecordLit(List.copyOf(fields), TokenStream.span(open.start(), close.end()));
    }

    Expr.If parseIf() {
        ts.enter();
        try {
            Token ifToken = ts.advance();
            Expr condition = parseCondition();
            Expr.Block then = statements.parseBlock("after the 'if' condition");
            Expr orElse = null;
            if (ts.kindAfterNewlines() == ELSE) {
                ts.skipNewlines();
                ts.advance();
                ts.skipNewlines();
                if (ts.at(IF)) {
                    orElse = parseIf();
                } else if (ts.at(LBRACE)) {
                    orElse = statements.parseBlock();
                } else {
                    throw ts.expected("'{' or 'if' after 'else'");
                }
            }
            int end = orElse != null ? orElse.span().end() : then.span().end();
            return new Expr.If(condition, then, orElse, TokenStream.span(ifToken.start(), end));
        } finally {
            ts.exit();
        }
    }

    // ---- functions ----------------------------------------------------------------------

    /** Whether the '(' at the cursor opens a lambda's parameters: its matching ')' is followed by '->'. */
    private boolean isParenthesisedLambda() {
        int depth = 0;
        for (int i = ts.position(); ; i++) {
            Token t = ts.raw(i);
            if (t.is(EOF) || t.is(ERROR)) {
                return false;
            }
            if (t.kind().isOpener()) {
                depth++;
            } else if (t.kind().isCloser() && --depth == 0) {
                return t.is(RPAREN) && ts.raw(i + 1).is(ARROW);
            }
        }
    }

    /** {@code x -> e}, {@code (x, y) -> e} or {@code () -> e}. */
    private Expr.Lambda parseArrowLambda() {
        Token first = ts.peek();
        List<Expr.Param> params;
        if (first.is(NAME)) {
            ts.advance();
            params = List.of(new Expr.Param(first.text(), first.span()));
        } else {
            params = parseParams();
        }
        ts.expect(ARROW, "'->'");
        ts.skipNewlines();
        Expr body = parseExpression();
        return new Expr.Lambda(null, params, body, TokenStream.span(first.start(), ts.spanOf(body).end()));
    }

    private Expr parseAnonymousFn() {
        Token fn = ts.advance();
        if (ts.at(NAME)) {
            throw ts.error("a named function is declared as a statement; write 'fn(...)' for an anonymous function here",
                    ts.peek());
        }
        List<Expr.Param> params = parseParams();
        Expr body = parseFunctionBody();
        return new Expr.Lambda(null, params, body, TokenStream.span(fn.start(), ts.spanOf(body).end()));
    }

    /** {@code (a, b)} with distinct names; a trailing comma is allowed. */
    List<Expr.Param> parseParams() {
        Token open = ts.expect(LPAREN, "'(' to start the parameter list");
        List<Expr.Param> params = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (!ts.at(RPAREN)) {
            Token name = ts.peek();
            if (!name.is(NAME)) {
                throw ts.error("expected a parameter name, found " + TokenStream.describeWhereNameExpected(name), name);
            }
            ts.advance();
            if (!names.add(name.text())) {
                throw ts.error("duplicate parameter '" + name.text() + "'", name.span());
            }
            params.add(new Expr.Param(name.text(), name.span()));
            if (!ts.match(COMMA)) {
                break;
            }
        }
        ts.expectClose(open);
        return List.copyOf(params);
    }

    /** After a fn's parameters: a block, or '=' and an expression. */
    Expr parseFunctionBody() {
        ts.skipNewlines();
        if (ts.at(LBRACE)) {
            return statements.parseBlock();
        }
        if (ts.match(ASSIGN)) {
            ts.skipNewlines();
            return parseExpression();
        }
        throw ts.expected("'{' or '=' after the parameter list");
    }

    // ---- helpers ------------------------------------------------------------------------

    private Span cover(Expr left, Expr right) {
        return ts.spanOf(left).to(ts.spanOf(right));
    }
}
