package delta.ad;

/** The names of the two modes, shared with the language's derivative cache. */
public final class AdModes {
    public static final String REVERSE = "vjp";
    public static final String FORWARD = "jvp";

    private AdModes() {}
}
