package dev.steward.providers.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.api.InferenceRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides what a gateway learns about the caller: the OpenAI {@code user} field, the configured identity headers and
 * the preset's metadata. Immutable and thread-safe.
 */
final class IdentityPropagation {

    /** How the principal appears outside the application. */
    enum UserMode {
        PRINCIPAL,
        HASH,
        NONE
    }

    private final UserMode userMode;
    private final byte[] salt;
    private final GatewayPreset preset;
    private final String principalHeader;
    private final String tenantHeader;
    private final String capabilityHeader;
    private final String correlationHeader;
    private final ObjectMapper json;

    IdentityPropagation(
            UserMode userMode,
            String salt,
            GatewayPreset preset,
            String principalHeader,
            String tenantHeader,
            String capabilityHeader,
            String correlationHeader,
            ObjectMapper json) {
        this.userMode = userMode;
        this.salt = salt == null ? new byte[0] : salt.getBytes(StandardCharsets.UTF_8);
        this.preset = preset;
        this.principalHeader = principalHeader;
        this.tenantHeader = tenantHeader;
        this.capabilityHeader = capabilityHeader;
        this.correlationHeader = correlationHeader;
        this.json = json;
    }

    /** The identity sent for the caller: the principal, its salted hash, or nothing when anonymous or disabled. */
    String user(InferenceRequest request) {
        String principal = request.caller().principal();
        if (principal == null || userMode == UserMode.NONE) {
            return null;
        }
        return userMode == UserMode.PRINCIPAL ? principal : hash(principal);
    }

    /** Adds the {@code user} field and, for LiteLLM, the {@code metadata} object. */
    void decorateBody(ObjectNode body, InferenceRequest request) {
        String user = user(request);
        if (user != null) {
            body.put("user", user);
        }
        if (preset == GatewayPreset.LITELLM) {
            ObjectNode metadata = body.putObject("metadata");
            metadata(request).forEach(metadata::put);
        }
    }

    /**
     * The identity headers for one request, in a stable order; every value is safe to send as a header (see
     * {@link #headerSafe}).
     */
    Map<String, String> headers(InferenceRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        String user = user(request);
        putIfBoth(headers, principalHeader, user);
        putIfBoth(headers, tenantHeader, request.caller().tenant());
        putIfBoth(headers, capabilityHeader, request.capability());
        putIfBoth(headers, correlationHeader, request.caller().correlationId());
        if (preset == GatewayPreset.PORTKEY) {
            Map<String, String> metadata = metadata(request);
            String portkeyUser = metadata.remove("user");
            Map<String, String> portkey = new LinkedHashMap<>();
            if (portkeyUser != null) {
                portkey.put("_user", portkeyUser);
            }
            portkey.putAll(metadata);
            try {
                headers.put("x-portkey-metadata", json.writeValueAsString(portkey));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a map of strings always serializes", e);
            }
            headers.put("x-portkey-trace-id", headerSafe(request.caller().correlationId()));
            // Portkey drops unknown headers on the way upstream unless they are listed here
            String forward = String.join(
                    ",",
                    headers.keySet().stream()
                            .map(h -> h.toLowerCase(java.util.Locale.ROOT))
                            .filter(h -> !h.startsWith("x-portkey-"))
                            .toList());
            if (!forward.isEmpty()) {
                headers.put("x-portkey-forward-headers", forward);
            }
        }
        return headers;
    }

    private Map<String, String> metadata(InferenceRequest request) {
        Map<String, String> metadata = new LinkedHashMap<>();
        String user = user(request);
        if (user != null) {
            metadata.put("user", user);
        }
        if (request.caller().tenant() != null) {
            metadata.put("tenant", request.caller().tenant());
        }
        metadata.put("capability", request.capability());
        metadata.put("correlation_id", request.caller().correlationId());
        return metadata;
    }

    private String hash(String principal) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(principal.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static void putIfBoth(Map<String, String> headers, String name, String value) {
        if (name != null && value != null) {
            headers.put(name, headerSafe(value));
        }
    }

    /**
     * Makes a value safe for an HTTP header: control characters are dropped, so that a principal name cannot inject
     * headers; characters outside printable ASCII, and {@code %} itself, are percent-encoded as UTF-8, because header values are octets and
     * gateways disagree on how to read anything but ASCII.
     */
    static String headerSafe(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                continue;
            }
            if (c < 0x7f && c != '%') {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
            for (byte b : value.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
            i = end - 1;
        }
        return out.toString();
    }
}
