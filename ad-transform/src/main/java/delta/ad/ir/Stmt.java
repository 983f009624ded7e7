package delta.ad.ir;

import delta.parser.ast.Span;
import java.util.List;

/** A statement of the normalized form. Every variable has one unique name in the function. */
public sealed interface Stmt {
    Span span();

    /** {@code target = op}; the first assignment of a name declares it. */
    record Assign(String target, Op op, Span span) implements Stmt {}

    /** An operation run for its effect only (print, assert, append...). */
    record Effect(Op op, Span span) implements Stmt {}

    record If(Atom condition, List<Stmt> then, List<Stmt> orElse, Span span) implements Stmt {}

    /** {@code while}: {@code test} computes {@code condition}, then {@code body} runs while it holds. */
    record Loop(List<Stmt> test, Atom condition, List<Stmt> body, Span span) implements Stmt {}

    /** {@code append(list, value)}: the list grows by one; its reverse removes that element again. */
    record Append(Atom list, Atom value, Span span) implements Stmt {}

    /** {@code target.name = value} or {@code target[index] = value} on a list or record. */
    record Store(Atom target, String field, Atom index, Atom value, Span span) implements Stmt {}
}
