package dev.steward.core.audit;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Command line for auditors: verifies a JSON-lines audit file, optionally against a checkpoint logged earlier.
 *
 * <pre>
 * java -cp steward-core.jar:steward-api.jar:jackson-*.jar dev.steward.core.audit.VerifyAuditLog &lt;file&gt; [sequence hash]
 * </pre>
 *
 * Prints what it found; exits 0 when the file is intact, 1 when it was tampered with (the first bad record and why
 * are printed), 2 for a usage error or a file that cannot be read.
 */
public final class VerifyAuditLog {

    /** Exit code of an intact file. */
    public static final int VALID = 0;

    /** Exit code of a file that does not verify. */
    public static final int TAMPERED = 1;

    /** Exit code of wrong arguments or an unreadable file. */
    public static final int USAGE = 2;

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private VerifyAuditLog() {}

    /**
     * Runs the check and exits the JVM with its code.
     *
     * @param args the file, then optionally a checkpoint's sequence and hash
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the check without exiting.
     *
     * @param args the file, then optionally a checkpoint's sequence and hash
     * @param out where the result goes
     * @param err where usage errors go
     * @return {@link #VALID}, {@link #TAMPERED} or {@link #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 && args.length != 3) {
            return usage(err, "expected a file, optionally followed by a checkpoint's sequence and hash");
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            return usage(err, "no audit file at " + file);
        }
        Optional<AuditVerifier.Checkpoint> checkpoint = Optional.empty();
        if (args.length == 3) {
            long sequence;
            try {
                sequence = Long.parseLong(args[1]);
            } catch (NumberFormatException e) {
                return usage(err, "the checkpoint sequence must be a positive integer, was '" + args[1] + "'");
            }
            if (sequence < 1) {
                return usage(err, "the checkpoint sequence must be a positive integer, was '" + args[1] + "'");
            }
            if (!HASH.matcher(args[2]).matches()) {
                return usage(err, "the checkpoint hash must be 64 lower-case hex digits, was '" + args[2] + "'");
            }
            checkpoint = Optional.of(new AuditVerifier.Checkpoint(sequence, args[2]));
        }
        AuditVerifier.Result result;
        try {
            result = JsonLinesAuditSink.verify(file, checkpoint);
        } catch (UncheckedIOException e) {
            err.println("cannot read " + file + ": " + e.getCause());
            return USAGE;
        }
        String head = result.head() == null
                ? "none"
                : "sequence=" + result.head().sequence() + " hash="
                        + result.head().hash();
        if (result.valid()) {
            out.println("VALID " + file + ": " + result.records() + " records; head " + head);
            return VALID;
        }
        out.println("TAMPERED " + file + ": first bad record " + result.firstBadRecord() + ": " + result.reason() + "; "
                + result.records() + " records verified before it; last good " + head);
        return TAMPERED;
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: java -cp <steward-core, steward-api and Jackson jars> " + VerifyAuditLog.class.getName()
                + " <file> [<checkpoint sequence> <checkpoint hash>]");
        return USAGE;
    }
}
