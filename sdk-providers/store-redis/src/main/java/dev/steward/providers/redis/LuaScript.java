package dev.steward.providers.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A server-side script run by its SHA-1 digest, so a call sends the digest rather than the text; when the server
 * does not know it (after a restart or {@code SCRIPT FLUSH}) the text is sent once with {@code EVAL}, which also
 * caches it. Immutable and thread-safe.
 */
final class LuaScript {

    private final String text;
    private final String sha1;

    LuaScript(String text) {
        this.text = text;
        try {
            this.sha1 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /**
     * Runs the script in one round trip (two when the server has not cached it yet).
     *
     * @param redis the client
     * @param keys the keys the script touches
     * @param args its arguments
     * @return the script's reply
     */
    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(text, keys, args);
        }
    }
}
