package delta.ad;

import delta.ad.ir.Stmt;
import java.util.List;
import java.util.function.Consumer;

/** Visits every statement of normalized code, those nested in ifs and loops included. */
final class Statements {
    private Statements() {}

    static void walk(List<Stmt> statements, Consumer<Stmt> visitor) {
        for (Stmt s : statements) {
            visitor.accept(s);
            switch (s) {
                case Stmt.If i -> {
                    walk(i.then(), visitor);
                    walk(i.orElse(), visitor);
                }
                case Stmt.Loop l -> {
                    walk(l.test(), visitor);
                    walk(l.body(), visitor);
                }
                default -> {
                }
            }
        }
    }
}
