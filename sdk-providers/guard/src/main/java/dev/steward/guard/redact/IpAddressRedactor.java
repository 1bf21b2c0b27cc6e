package dev.steward.guard.redact;

import dev.steward.api.spi.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses: IPv4 in dotted decimal (each octet 0 to 255) and IPv6 in any of its text forms (full, {@code ::}
 * compressed, with an embedded IPv4 address or a zone), each with an optional CIDR prefix length that is kept when it
 * is in range. An address glued to letters or digits ({@code text192.168.1.1}) is not one.
 */
public final class IpAddressRedactor implements Redactor {

    /** The type of what it finds. */
    public static final String TYPE = "IP_ADDRESS";

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![A-Za-z0-9.])" + OCTET + "(?:\\." + OCTET + "){3}(?![A-Za-z0-9])(?:/(\\d{1,3})(?!\\d))?");
    private static final Pattern IPV4_EXACT = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9:.])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9]+)?(?:/(\\d{1,4}))?(?![A-Za-z0-9:])");

    @Override
    public String name() {
        return "ip-address";
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher m = IPV4.matcher(text);
        while (m.find()) {
            int end = m.end();
            if (m.group(1) != null && Integer.parseInt(m.group(1)) > 32) {
                end = m.start(1) - 1;
            }
            found.add(new Finding(m.start(), end, TYPE));
        }
        Matcher v6 = IPV6_CANDIDATE.matcher(text);
        while (v6.find()) {
            int end = v6.end();
            if (v6.group(2) != null) {
                end = v6.start(2) - 1;
            }
            int addressEnd = v6.group(1) != null ? v6.start(1) : end;
            String address = text.substring(v6.start(), addressEnd);
            // a sentence may end right after the address
            while (address.endsWith(".") && !isIpv6(address)) {
                address = address.substring(0, address.length() - 1);
                addressEnd--;
                end = addressEnd;
            }
            if (!isIpv6(address)) {
                continue;
            }
            if (v6.group(2) != null && end == v6.start(2) - 1 && Integer.parseInt(v6.group(2)) <= 128) {
                end = v6.end();
            }
            found.add(new Finding(v6.start(), end, TYPE));
        }
        return found;
    }

    /**
     * Whether a text is an IPv6 address without prefix or zone.
     *
     * @param s the text
     * @return whether it is one
     */
    static boolean isIpv6(String s) {
        if (s.isEmpty() || s.contains(":::")) {
            return false;
        }
        int groups = 8;
        String head = s;
        int lastColon = s.lastIndexOf(':');
        String tail = s.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!IPV4_EXACT.matcher(tail).matches()) {
                return false;
            }
            groups = 6;
            head = s.substring(0, lastColon + 1);
            if (head.endsWith(":") && !head.endsWith("::")) {
                head = head.substring(0, head.length() - 1);
            }
        } else if (s.contains(".")) {
            return false;
        }
        int compressed = head.indexOf("::");
        if (compressed >= 0 && head.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        if (compressed < 0) {
            String[] parts = head.split(":", -1);
            return parts.length == groups && allHex(parts);
        }
        String left = head.substring(0, compressed);
        String right = head.substring(compressed + 2);
        String[] l = left.isEmpty() ? new String[0] : left.split(":", -1);
        String[] r = right.isEmpty() ? new String[0] : right.split(":", -1);
        return l.length + r.length < groups && allHex(l) && allHex(r);
    }

    private static boolean allHex(String[] parts) {
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 4) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (Character.digit(p.charAt(i), 16) < 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
