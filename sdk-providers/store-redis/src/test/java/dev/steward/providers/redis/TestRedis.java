package dev.steward.providers.redis;

import dev.steward.providers.testing.LocalServices;
import java.net.URI;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The local Redis of a test, with a key prefix of its own, so that runs never see each other's keys; closing deletes
 * every key under the prefix.
 */
final class TestRedis implements AutoCloseable {

    final String url;
    final String prefix = "steward-test:" + UUID.randomUUID() + ":";
    final RedisClient client;

    /** Skips the test (fails it under {@code CI=true}) when Redis does not answer. */
    TestRedis() {
        this.url = LocalServices.redis();
        this.client = RedisClient.create(URI.create(url));
    }

    long keyCount() {
        return keys().length;
    }

    String[] keys() {
        java.util.List<String> found = new java.util.ArrayList<>();
        ScanParams match = new ScanParams().match(prefix + "*").count(1_000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, match);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found.toArray(String[]::new);
    }

    @Override
    public void close() {
        String[] keys = keys();
        if (keys.length > 0) {
            client.del(keys);
        }
        client.close();
    }
}
