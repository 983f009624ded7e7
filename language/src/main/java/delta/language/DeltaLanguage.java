package delta.language;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.Option;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.instrumentation.ProvidedTags;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.source.Source;
import delta.language.lowering.Lowerer;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaLanguageView;
import delta.parser.Parser;
import delta.parser.SourceText;
import delta.parser.SyntaxError;
import delta.parser.ast.Expr;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;
import org.graalvm.options.OptionType;
import org.graalvm.polyglot.SandboxPolicy;

/**
 * Delta as a Truffle language. Each context gets its own language instance (EXCLUSIVE), so nodes
 * may hold context objects such as module namespaces directly.
 */
@TruffleLanguage.Registration(id = DeltaLanguage.ID, name = "Delta", version = DeltaLanguage.VERSION,
                defaultMimeType = DeltaLanguage.MIME_TYPE, characterMimeTypes = DeltaLanguage.MIME_TYPE,
                contextPolicy = TruffleLanguage.ContextPolicy.EXCLUSIVE, fileTypeDetectors = DeltaFileDetector.class,
                website = "https://github.com/deltalang/delta", sandbox = SandboxPolicy.CONSTRAINED)
@ProvidedTags({StandardTags.CallTag.class, StandardTags.StatementTag.class, StandardTags.RootTag.class,
                StandardTags.RootBodyTag.class, StandardTags.ExpressionTag.class, StandardTags.ReadVariableTag.class,
                StandardTags.WriteVariableTag.class})
public final class DeltaLanguage extends TruffleLanguage<DeltaContext> {
    public static final String ID = "dl";
    public static final String VERSION = "0.1.0";
    public static final String MIME_TYPE = "application/x-delta";

    /**
     * How many Delta calls are running now, kept by FunctionRootNode. It lives here because each
     * context has its own language instance (EXCLUSIVE), and a root node reaches its language
     * through a final field, which compiled code reads as a constant.
     */
    public int callDepth;

    /**
     * The device new tensors are made on: {@code cpu} (default), {@code cuda} or {@code cuda:N}.
     * {@code dl --device=cuda} sets it; embedders pass {@code .option("dl.Device", "cuda")}. With
     * {@code cuda} and no usable CUDA device the context does not start, with a message saying why.
     */
    @Option(help = "The device new tensors are made on: cpu (default), cuda or cuda:N.", category = OptionCategory.USER,
                    stability = OptionStability.STABLE, usageSyntax = "cpu|cuda|cuda:<n>", sandbox = SandboxPolicy.UNTRUSTED)
    public static final OptionKey<String> Device = new OptionKey<>("cpu", new OptionType<>("device", s -> {
        delta.tensor.Device.parse(s);
        return s;
    }));

    @Override
    protected OptionDescriptors getOptionDescriptors() {
        return new DeltaLanguageOptionDescriptors();
    }

    @Override
    protected boolean areOptionsCompatible(org.graalvm.options.OptionValues firstOptions, org.graalvm.options.OptionValues newOptions) {
        return firstOptions.get(Device).equals(newOptions.get(Device));
    }

    @Override
    protected DeltaContext createContext(Env env) {
        return new DeltaContext(this, env);
    }

    @Override
    protected CallTarget parse(ParsingRequest request) {
        Source source = request.getSource();
        DeltaContext context = DeltaContext.get(null);
        return Lowerer.lowerModule(this, source, parseSource(source), context.mainModule(), "<module>").getCallTarget();
    }

    /** Parses a Truffle source; syntax errors become Delta errors that carry their location. */
    public static Expr.Block parseSource(Source source) {
        try {
            return Parser.parseProgram(new SourceText(source.getName(), source.getCharacters().toString()));
        } catch (SyntaxError e) {
            int start = Math.min(e.span().start(), source.getLength());
            // An error at the end of the input belongs to the last line that has text, not to the empty line after it.
            CharSequence text = source.getCharacters();
            if (start == text.length()) {
                while (start > 0 && Character.isWhitespace(text.charAt(start - 1))) {
                    start--;
                }
            }
            int length = Math.min(e.span().length(), source.getLength() - start);
            throw DeltaError.syntax(source.createSection(start, length), e.getMessage(), e.incomplete());
        }
    }

    @Override
    protected Object getScope(DeltaContext context) {
        return context.mainModule();
    }

    /** Delta's display of numbers and foreign values, for Value.toString() and the REPL's echo. */
    @Override
    protected Object getLanguageView(DeltaContext context, Object value) {
        return DeltaLanguageView.create(value);
    }
}
