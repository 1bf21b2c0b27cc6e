package dev.steward.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.steward.api.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tamper-evident chain that durable audit sinks keep: the records of one log are numbered from 1, and each
 * carries the SHA-256 hash of its own canonical form together with its sequence number and its predecessor's hash,
 * so that changing, deleting, inserting or reordering any record breaks every hash after it. Stateless and
 * thread-safe; a sink links records one at a time, in the order it stores them.
 */
public final class AuditChain {

    /** The predecessor hash of the first record: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    // Sorted properties and map keys, so that the same record always serializes to the same bytes.
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

    private AuditChain() {}

    /**
     * One record in its place in the chain.
     *
     * @param sequence its number in the log, from 1
     * @param previousHash the hash of record {@code sequence - 1}, or {@link #GENESIS} for the first
     * @param hash this record's hash
     * @param record the record
     */
    public record Link(long sequence, String previousHash, String hash, AuditRecord record) {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if the sequence is not positive
         * @throws NullPointerException if a component is {@code null}
         */
        public Link {
            if (sequence < 1) {
                throw new IllegalArgumentException("sequence must be positive, was " + sequence);
            }
            Objects.requireNonNull(previousHash, "previousHash");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(record, "record");
        }
    }

    /**
     * Links a record after another.
     *
     * @param previous the last record of the log, or {@code null} if the log is empty
     * @param record the record to append
     * @return the record's link
     */
    public static Link append(Link previous, AuditRecord record) {
        long sequence = previous == null ? 1 : previous.sequence() + 1;
        String prev = previous == null ? GENESIS : previous.hash();
        return new Link(sequence, prev, hash(sequence, prev, record), record);
    }

    /**
     * The hash of a record at a place in the chain: hex SHA-256 of {@code sequence|previousHash|canonical JSON}.
     *
     * @param sequence the record's number
     * @param previousHash its predecessor's hash
     * @param record the record
     * @return 64 lower-case hex digits
     */
    public static String hash(long sequence, String previousHash, AuditRecord record) {
        return hash(sequence, previousHash, canonical(record));
    }

    /**
     * The hash of a record at a place in the chain from its {@linkplain #canonical canonical JSON}, computed
     * beforehand: the same value as {@link #hash(long, String, AuditRecord)} for that record. A sink that links
     * records on one thread lets its callers serialize them, so that only this cheap digest is left to that thread.
     *
     * @param sequence the record's number
     * @param previousHash its predecessor's hash
     * @param canonicalJson what {@link #canonical} returned for the record
     * @return 64 lower-case hex digits
     */
    public static String hash(long sequence, String previousHash, String canonicalJson) {
        MessageDigest sha = sha256();
        sha.update((sequence + "|" + previousHash + "|").getBytes(StandardCharsets.UTF_8));
        sha.update(canonicalJson.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The canonical JSON of a record: properties and map keys sorted, nulls left out. The same record always gives
     * the same text.
     *
     * @param record the record
     * @return the JSON
     */
    public static String canonical(AuditRecord record) {
        try {
            Map<String, Object> tree = CANONICAL.convertValue(record, TREE);
            // a set has no order of its own; the canonical form lists data classes sorted
            if (tree.get("dataClasses") instanceof List<?> classes) {
                tree.put(
                        "dataClasses",
                        classes.stream().map(String::valueOf).sorted().toList());
            }
            return CANONICAL.writeValueAsString(tree);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("audit record " + record.id() + " has no canonical JSON form", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
