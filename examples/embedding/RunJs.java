// Runs a JavaScript file in a GraalVM polyglot context that also has Delta: `java ... RunJs.java file.js`.
// (examples/embedding/run js does this with the module path of Delta and GraalJS.)
import java.io.File;
import java.io.IOException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Source;

public class RunJs {
    public static void main(String[] args) throws IOException {
        try (Context context = Context.newBuilder("js", "dl").allowPolyglotAccess(PolyglotAccess.ALL).build()) {
            context.eval(Source.newBuilder("js", new File(args[0])).build());
        }
    }
}
