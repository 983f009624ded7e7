package delta.ad.ir;

import delta.parser.ast.Span;
import java.util.List;

/**
 * A function in normalized form: unique names, one operation per assignment, one exit.
 * {@code outerAssigned} are variables of an enclosing function that this one assigns (only derivative
 * code does that: a pullback updates its function's adjoints).
 */
public record Function(String name, List<String> params, List<Stmt> body, Atom result, Span span, java.util.Set<String> outerAssigned) {}
