package delta.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.source.Source;
import delta.language.DeltaContext;
import delta.language.DeltaLanguage;
import delta.language.lowering.Lowerer;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaModule;
import delta.language.runtime.StdlibSource;
import java.io.IOException;
import java.util.ServiceLoader;

/**
 * {@code import nn} and {@code import "other.dl"}: loads a module once per context, runs its top
 * level in its own namespace, and binds the namespace. A file is found relative to the importing
 * file, through Truffle's file system, so an embedder's IO policy decides whether it may be read.
 */
@NodeInfo(shortName = "import")
public final class ImportNode extends DeltaNode {
    private final String stdlibName;
    private final String path;
    private final String importerPath;
    @Child private PatternBinder binding;

    public ImportNode(String stdlibName, String path, String importerPath, PatternBinder binding) {
        this.stdlibName = stdlibName;
        this.path = path;
        this.importerPath = importerPath;
        this.binding = binding;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        binding.bind(frame, load(DeltaContext.get(this)));
        return null;
    }

    @TruffleBoundary
    private DeltaModule load(DeltaContext context) {
        Source source = path != null ? fileSource(context) : stdlibSource();
        String key = path != null ? source.getPath() : "stdlib:" + stdlibName;
        DeltaModule module = context.importedModules().get(key);
        if (module == null) {
            module = context.newModule(path != null ? source.getName().replaceFirst("\\.dl$", "") : stdlibName);
            // Registered before it runs, so an import cycle sees the partly loaded module instead of looping.
            context.importedModules().put(key, module);
            // Called with this node as the location, so that a stack trace through the import shows the import line.
            Lowerer.lowerModule(context.language(), source, DeltaLanguage.parseSource(source), module, "<module " + module.name() + ">")
                            .getCallTarget().call(this);
        }
        return module;
    }

    private Source fileSource(DeltaContext context) {
        try {
            TruffleFile base = importerPath == null ? context.env().getCurrentWorkingDirectory()
                            : context.env().getPublicTruffleFile(importerPath).getParent();
            TruffleFile file = base.resolve(path).getCanonicalFile();
            return Source.newBuilder(DeltaLanguage.ID, file).build();
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw DeltaError.at(this, "cannot import \"" + path + "\": " + describe(e));
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof SecurityException) {
            return "file access is not allowed in this context";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Source stdlibSource() {
        Source source = stdlibModule(stdlibName);
        if (source == null) {
            throw DeltaError.at(this, "no standard-library module named '" + stdlibName + "'; to import a file write import \"" + stdlibName + ".dl\"");
        }
        return source;
    }

    /** The source of a standard-library module, or null when the library has none of that name. */
    @TruffleBoundary
    public static Source stdlibModule(String name) {
        for (StdlibSource library : stdlibProviders()) {
            String text = library.read(name);
            if (text != null) {
                return Source.newBuilder(DeltaLanguage.ID, text, name + ".dl").internal(false).build();
            }
        }
        return null;
    }

    private static Iterable<StdlibSource> stdlibProviders() {
        ModuleLayer layer = DeltaLanguage.class.getModule().getLayer();
        return layer != null ? ServiceLoader.load(layer, StdlibSource.class) : ServiceLoader.load(StdlibSource.class, DeltaLanguage.class.getClassLoader());
    }
}
