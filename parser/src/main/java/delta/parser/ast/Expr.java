package delta.parser.ast;

import java.util.List;

/**
 * Delta's syntax tree. Delta is expression-oriented: blocks and {@code if} have values, and the
 * statement forms ({@code let}, {@code fn}, loops, {@code return}...) are expressions whose value
 * is {@code none}. Every node carries the span of source it was parsed from. The tree is immutable.
 */
public sealed interface Expr {
    Span span();

    // ---- literals -------------------------------------------------------------------------
    record IntLit(long value, Span span) implements Expr {}

    record FloatLit(double value, Span span) implements Expr {}

    record StringLit(String value, Span span) implements Expr {}

    record BoolLit(boolean value, Span span) implements Expr {}

    record NoneLit(Span span) implements Expr {}

    record ListLit(List<Expr> items, Span span) implements Expr {}

    /** {@code (a, b)}, {@code (a,)} and {@code ()}; a parenthesised single expression is not a tuple. */
    record TupleLit(List<Expr> items, Span span) implements Expr {}

    /** {@code {w: 1.0, b: 2.0}}: field names in source order. */
    record RecordLit(List<Field> fields, Span span) implements Expr {
        public record Field(String name, Expr value, Span span) {}
    }

    // ---- names and operators ------------------------------------------------------------
    record Name(String name, Span span) implements Expr {}

    /** Unary operators: {@code -x}, {@code not x}. */
    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {}

    /** Arithmetic and comparison; {@code span} covers both operands, {@code opSpan} the operator. */
    record Binary(BinaryOp op, Expr left, Expr right, Span span, Span opSpan) implements Expr {}

    /** Short-circuiting {@code and} / {@code or}. */
    record Logical(boolean isAnd, Expr left, Expr right, Span span) implements Expr {}

    // ---- access and calls ---------------------------------------------------------------
    /** {@code f(a, b, axis=1)}: positional arguments come before named ones. */
    record Call(Expr callee, List<Arg> args, Span span) implements Expr {}

    /** A call argument; {@code name} is null for positional arguments. */
    record Arg(String name, Expr value, Span span) {}

    /** {@code a[i]} or, for tensors, {@code t[i, j]} and {@code t[a:b, :]}: one entry per axis. */
    record Index(Expr target, List<Expr> indices, Span span) implements Expr {}

    /** {@code lo:hi:step} inside an index; absent parts are null. Only valid inside {@link Index}. */
    record Slice(Expr lo, Expr hi, Expr step, Span span) implements Expr {}

    /** {@code r.w} or {@code module.name}. */
    record FieldGet(Expr target, String name, Span span) implements Expr {}

    // ---- functions ----------------------------------------------------------------------
    /**
     * A function value: {@code x -> x * x}, {@code (x, y) -> x + y}, {@code fn(x) { ... }}, and the body
     * of a named {@code fn} declaration. {@code name} is the declared name or null for a lambda.
     */
    record Lambda(String name, List<Param> params, Expr body, Span span) implements Expr {}

    record Param(String name, Span span) {}

    /** {@code fn f(a) { ... }} or {@code fn f(a) = e}: binds {@code name} to the function. */
    record FnDecl(String name, Lambda function, Span span) implements Expr {}

    /** {@code return} or {@code return e}; {@code value} is null when absent. */
    record Return(Expr value, Span span) implements Expr {}

    // ---- bindings -----------------------------------------------------------------------
    /** {@code let x = e} or {@code let (a, b) = e}. */
    record Let(Pattern target, Expr value, Span span) implements Expr {}

    /**
     * {@code x = e}, {@code a[i] = e} or {@code r.w = e}. Compound forms ({@code x += e}) are
     * desugared by the parser into {@code x = x + e}. {@code target} is a Name, Index or FieldGet.
     */
    record Assign(Expr target, Expr value, Span span) implements Expr {}

    // ---- control ------------------------------------------------------------------------
    /** {@code { e1; e2; ... }}: the value of the last item, or none when empty or it is a statement. */
    record Block(List<Expr> items, Span span) implements Expr {}

    /** {@code if c { } else { }}; {@code orElse} is null without else, a Block or another If. */
    record If(Expr condition, Block then, Expr orElse, Span span) implements Expr {}

    record While(Expr condition, Block body, Span span) implements Expr {}

    /** {@code for x in xs { }} and {@code for (a, b) in pairs { }}. */
    record For(Pattern target, Expr iterable, Block body, Span span) implements Expr {}

    record Break(Span span) implements Expr {}

    record Continue(Span span) implements Expr {}

    // ---- modules ------------------------------------------------------------------------
    /**
     * {@code import nn}, {@code import nn as n}, {@code import "other.dl"} and {@code import "other.dl" as o}.
     * {@code path} is set for the string form and null for a stdlib module; {@code binding} is the
     * name bound (the alias, the module name, or the file name without extension).
     */
    record Import(String module, String path, String binding, Span span) implements Expr {}
}
