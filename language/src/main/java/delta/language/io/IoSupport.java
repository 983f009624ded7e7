package delta.language.io;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleFile;
import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaNone;
import delta.language.runtime.Values;
import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorArgs;
import delta.language.tensor.TensorBuiltin;
import delta.language.tensor.TensorSupport;
import delta.tensor.Tensor;
import delta.tensor.TensorError;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * What the file builtins share: the builtin wrapper (body behind a Truffle boundary, no derivative,
 * backend errors turned into Delta errors), argument reading, and file access through Truffle's
 * file system, so that an embedder's IO policy decides what a program may read and write.
 * Relative paths are resolved against the current working directory, as Python's {@code open}
 * does. A path ending in {@code .gz} is read through gzip. Files are written whole or not at all:
 * to a temporary file in the target's folder, then moved over the target in one step.
 */
final class IoSupport {
    private IoSupport() {}

    /** A builtin without a derivative whose body runs behind a boundary (as the tensor builtins do). */
    static Builtin of(String name, int minArity, int maxArity, String signature, String doc, Builtin.Body body) {
        return TensorBuiltin.of(name, minArity, maxArity, signature, doc, body).nonDifferentiable();
    }

    // ---- arguments: the tensor builtins' readers, so messages read the same ----

    static boolean given(Object[] args, int index) {
        return TensorArgs.given(args, index);
    }

    static String string(BuiltinRootNode site, Object[] args, int index) {
        return TensorArgs.string(site, args, index);
    }

    static boolean bool(BuiltinRootNode site, Object[] args, int index, boolean otherwise) {
        return TensorArgs.bool(site, args, index, otherwise);
    }

    static double number(BuiltinRootNode site, Object[] args, int index) {
        return TensorArgs.number(site, args, index);
    }

    static DeltaError wrongType(BuiltinRootNode site, Object[] args, int index, String expected) {
        return TensorArgs.wrongType(site, args, index, expected);
    }

    static DeltaError error(BuiltinRootNode site, String message) {
        return TensorArgs.error(site, message);
    }

    // ---- files ----

    static String quote(String path) {
        return "\"" + path + "\"";
    }

    static TruffleFile file(BuiltinRootNode site, String path, String verb) {
        try {
            return site.context().env().getPublicTruffleFile(path);
        } catch (SecurityException e) {
            throw error(site, "cannot " + verb + " " + quote(path) + ": file access is not allowed in this context");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw error(site, "cannot " + verb + " " + quote(path) + ": " + describe(e));
        }
    }

    /** The whole content of a file, gunzipped when its name ends in .gz. */
    static byte[] readAll(BuiltinRootNode site, String path) {
        TruffleFile file = file(site, path, "read");
        try {
            if (file.isDirectory()) {
                throw error(site, "cannot read " + quote(path) + ": it is a folder");
            }
            byte[] bytes = file.readAllBytes();
            return path.endsWith(".gz") ? gunzip(bytes) : bytes;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw error(site, "cannot read " + quote(path) + ": " + describe(e));
        }
    }

    static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
            return in.readAllBytes();
        }
    }

    static boolean exists(BuiltinRootNode site, String path) {
        TruffleFile file = file(site, path, "look for");
        try {
            return file.exists();
        } catch (SecurityException e) {
            throw error(site, "cannot look for " + quote(path) + ": file access is not allowed in this context");
        }
    }

    /** Writes {@code data} to {@code path} whole or not at all: a temporary file in the same folder, then an atomic move. */
    static void writeAtomically(BuiltinRootNode site, String path, byte[] data) {
        TruffleFile target = file(site, path, "write");
        TruffleFile temp = null;
        try {
            TruffleFile absolute = target.getAbsoluteFile();
            TruffleFile folder = absolute.getParent();
            if (folder == null || !folder.isDirectory()) {
                throw error(site, "cannot write " + quote(path) + ": no such folder" + (folder == null ? "" : " " + quote(folder.getPath())));
            }
            if (absolute.isDirectory()) {
                throw error(site, "cannot write " + quote(path) + ": it is a folder");
            }
            temp = site.context().env().createTempFile(folder, "." + absolute.getName() + ".", ".tmp");
            try (OutputStream out = temp.newOutputStream()) {
                out.write(data);
            }
            try {
                temp.move(absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | UnsupportedOperationException e) {
                temp.move(absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw error(site, "cannot write " + quote(path) + ": " + describe(e));
        } finally {
            if (temp != null) {
                try {
                    temp.delete();
                } catch (IOException | SecurityException e) {
                    // The temporary file stays behind; the error above is what matters.
                }
            }
        }
    }

    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "the file exists";
        }
        if (e instanceof SecurityException) {
            return "file access is not allowed in this context";
        }
        if (e instanceof ZipException) {
            return "not a valid gzip file (" + e.getMessage() + ")";
        }
        if (e instanceof EOFException) {
            return "the file ends early (truncated?)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
