package delta.ad.ir;

import delta.parser.ast.Expr;
import java.util.List;

/** The right-hand side of one assignment of the normalized form. */
public sealed interface Op {
    /** An operator or a builtin with a derivative rule: {@code +}, {@code sin}, ... */
    record Prim(String name, List<Atom> args) implements Op {}

    /** A call of a function value: differentiated through that function's own derivative code. */
    record Call(Atom callee, List<Atom> args) implements Op {}

    /** A builtin without a derivative (print, len, floor, a comparison...): runs, contributes zero. */
    record Opaque(String name, List<Atom> args) implements Op {}

    record Copy(Atom value) implements Op {}

    record Field(Atom target, String name) implements Op {}

    record Index(Atom target, Atom index) implements Op {}

    /** A list, tuple or record literal; {@code names} is null except for records. */
    record Build(Kind kind, List<String> names, List<Atom> items) implements Op {
        public enum Kind { LIST, TUPLE, RECORD }
    }

    /**
     * A function created inside the differentiated function that uses some of its variables
     * ({@code captured}). Its derivative code is generated with it, and adds the adjoints of the
     * captured variables straight into the enclosing function's adjoint variables.
     */
    record Closure(Expr.Lambda lambda, List<String> captured) implements Op {}

    /** Code kept as it is with a zero derivative: a function literal that uses no differentiated variable. */
    record Verbatim(Expr code) implements Op {}
}
