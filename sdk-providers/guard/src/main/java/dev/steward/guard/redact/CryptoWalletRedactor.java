package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bitcoin addresses with a valid checksum: legacy and script addresses in Base58Check (double SHA-256), and SegWit
 * addresses in bech32 (version 0) or bech32m (version 1 and later).
 */
public final class CryptoWalletRedactor implements Redactor {

    /** The type of what it finds. */
    public static final String TYPE = "CRYPTO";

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|(?i:bc1[02-9ac-hj-np-z]{8,87}))(?![A-Za-z0-9])");

    @Override
    public String name() {
        return "crypto";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String s = m.group();
            boolean valid = s.regionMatches(true, 0, "bc1", 0, 3) ? bech32(s) : base58Check(s);
            if (valid) {
                found.add(new Finding(m.start(), m.end(), TYPE));
            }
        }
        return found;
    }

    private static boolean base58Check(String s) {
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < s.length(); i++) {
            n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(BASE58.indexOf(s.charAt(i))));
        }
        byte[] raw = n.toByteArray();
        byte[] bytes = new byte[25];
        int len = Math.min(raw.length, 25);
        if (raw.length > 25 && raw[0] != 0) {
            return false;
        }
        System.arraycopy(raw, raw.length - len, bytes, 25 - len, len);
        byte[] checksum = sha256(sha256(Arrays.copyOfRange(bytes, 0, 21)));
        return Arrays.equals(Arrays.copyOfRange(checksum, 0, 4), Arrays.copyOfRange(bytes, 21, 25));
    }

    private static boolean bech32(String address) {
        String s = address.toLowerCase(Locale.ROOT);
        if (!s.equals(address) && !address.toUpperCase(Locale.ROOT).equals(address)) {
            return false;
        }
        int[] data = new int[s.length() - 3];
        for (int i = 3; i < s.length(); i++) {
            data[i - 3] = BECH32.indexOf(s.charAt(i));
        }
        int[] values = new int[5 + data.length];
        values[0] = 3; // "bc": high bits of 'b' and 'c'
        values[1] = 3;
        values[2] = 0;
        values[3] = 'b' & 31;
        values[4] = 'c' & 31;
        System.arraycopy(data, 0, values, 5, data.length);
        long check = polymod(values);
        int version = data.length > 0 ? data[0] : -1;
        return (version == 0 && check == 1) || (version >= 1 && version <= 16 && check == 0x2bc830a3L);
    }

    private static long polymod(int[] values) {
        long[] gen = {0x3b6a57b2L, 0x26508e6dL, 0x1ea119faL, 0x3d4233ddL, 0x2a1462b3L};
        long chk = 1;
        for (int v : values) {
            long top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) == 1) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
