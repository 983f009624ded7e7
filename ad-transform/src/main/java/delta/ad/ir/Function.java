package delta.ad.ir;

import delta.parser.ast.Span;
import java.util.List;

/** A function in normalized form: unique names, one operation per assignment, one exit. */
public record Function(String name, List<String> params, List<Stmt> body, Atom result, Span span) {}
