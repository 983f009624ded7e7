package delta.language;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.TruffleLanguage.ContextReference;
import com.oracle.truffle.api.nodes.Node;
import delta.language.builtins.BuiltinRegistry;
import delta.language.runtime.DeltaModule;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** The state of one Delta context: its builtins, its modules, its output and its random generator. */
public final class DeltaContext {
    private static final ContextReference<DeltaContext> REFERENCE = ContextReference.create(DeltaLanguage.class);

    private final DeltaLanguage language;
    private final TruffleLanguage.Env env;
    private final Map<String, Object> builtins;
    private final DeltaModule mainModule;
    private final Prelude prelude = new Prelude(this);
    private final Map<String, DeltaModule> imported = new HashMap<>();
    private final PrintStream out;
    private Random random = new Random(0);
    /** The backend of the device new tensors are made on (the Device option). */
    private final delta.tensor.Backend defaultBackend;
    /** User-declared derivative rules (defvjp/defjvp), by function root and mode. */
    private final Map<Object, Object> customRules = new HashMap<>();
    /** Derivative code of builtins used as values, by name and mode. */
    private final Map<String, delta.language.runtime.DeltaFunction> primitiveDerivatives = new HashMap<>();

    DeltaContext(DeltaLanguage language, TruffleLanguage.Env env) {
        this.language = language;
        this.env = env;
        this.builtins = BuiltinRegistry.install(language);
        this.mainModule = new DeltaModule("main", builtins, true, prelude);
        this.out = new PrintStream(env.out(), false, StandardCharsets.UTF_8);
        this.defaultBackend = deviceBackend(env.getOptions().get(DeltaLanguage.Device));
    }

    /** The backend of the Device option; a Delta error naming the device and why when it cannot be used. */
    private static delta.tensor.Backend deviceBackend(String device) {
        try {
            return delta.tensor.Backends.forDevice(delta.tensor.Device.parse(device));
        } catch (delta.tensor.TensorError | IllegalArgumentException e) {
            String why = e instanceof delta.tensor.TensorError t ? t.getMessage().substring(t.op().length() + 2) : e.getMessage();
            throw delta.language.runtime.DeltaError.at((Node) null, "--device=" + device + ": " + why);
        }
    }

    /** Where new tensors are made: the Device option's backend. */
    public delta.tensor.Backend defaultBackend() {
        return defaultBackend;
    }

    public static DeltaContext get(Node node) {
        return REFERENCE.get(node);
    }

    public DeltaLanguage language() {
        return language;
    }

    public TruffleLanguage.Env env() {
        return env;
    }

    /** The namespace of scripts, -e code, REPL inputs and the polyglot bindings. */
    public DeltaModule mainModule() {
        return mainModule;
    }

    /** A fresh namespace for an imported file or stdlib module. */
    public DeltaModule newModule(String name) {
        return new DeltaModule(name, builtins, prelude);
    }

    /** The namespace of the prelude itself, which sees the builtins and its own names only. */
    DeltaModule newModuleWithoutPrelude(String name) {
        return new DeltaModule(name, builtins, null);
    }

    /** Modules already imported, by canonical path or stdlib name, so each loads once. */
    public Map<String, DeltaModule> importedModules() {
        return imported;
    }

    @TruffleBoundary
    public void print(String text) {
        out.print(text);
        out.flush();
    }

    public Map<Object, Object> customRules() {
        return customRules;
    }

    public Map<String, delta.language.runtime.DeltaFunction> primitiveDerivatives() {
        return primitiveDerivatives;
    }

    public Random random() {
        return random;
    }

    public void reseed(long seed) {
        random = new Random(seed);
    }
}
