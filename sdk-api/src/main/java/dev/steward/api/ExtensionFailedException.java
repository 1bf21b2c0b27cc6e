package dev.steward.api;

/**
 * A pipeline extension (an interceptor on the input or the answer) failed with an exception that is not a
 * {@link StewardException}. The call fails closed: nothing the extension was to guard reaches a provider or the
 * caller. The cause is the extension's exception. Not retriable.
 */
public class ExtensionFailedException extends StewardException {

    private final String extension;

    /**
     * Creates the exception.
     *
     * @param capability the capability whose call failed
     * @param extension the failing extension's class name and slot, for example {@code com.acme.Redactor#onInput}
     * @param cause what the extension threw
     */
    public ExtensionFailedException(String capability, String extension, Throwable cause) {
        super(capability, "extension " + extension + " failed for '" + capability + "': " + cause, cause);
        this.extension = extension;
    }

    /**
     * The failing extension's class name and slot.
     *
     * @return for example {@code com.acme.Redactor#onInput}
     */
    public String extension() {
        return extension;
    }
}
