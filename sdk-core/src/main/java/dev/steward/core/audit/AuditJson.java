package dev.steward.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.steward.api.AuditRecord;

/**
 * The JSON form of an audit record: one object per line, ISO-8601 times, nulls omitted. A line of the JSON-lines sink
 * is either a chained line, {@code {"seq":n,"prev":"…","hash":"…","record":{…}}} (see {@link AuditChain}), or a plain
 * record as written before the sink chained its lines; {@link #read} reads both. Thread-safe.
 */
public final class AuditJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private AuditJson() {}

    /**
     * Writes a record as one line of JSON, without the line break.
     *
     * @param record the record
     * @return the JSON
     */
    public static String write(AuditRecord record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit record " + record.id() + " cannot be written as JSON", e);
        }
    }

    /**
     * Reads a record from one line of JSON, chained or plain.
     *
     * @param line the JSON
     * @return the record
     * @throws IllegalArgumentException if the line is not an audit record
     */
    public static AuditRecord read(String line) {
        return readStored(line).record();
    }

    /**
     * One line of the JSON-lines sink as read back.
     *
     * @param record the record
     * @param link its place in the chain, or {@code null} for a plain line written before lines were chained
     */
    record Stored(AuditRecord record, AuditChain.Link link) {}

    /**
     * Reads one line of the JSON-lines sink.
     *
     * @param line the JSON
     * @return the record and, for a chained line, its link
     * @throws IllegalArgumentException if the line is neither a chained line nor a plain audit record
     */
    static Stored readStored(String line) {
        try {
            JsonNode tree = MAPPER.readTree(line);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("not an audit record: not a JSON object");
            }
            JsonNode nested = tree.get("record");
            if (nested == null || !nested.isObject()) {
                return new Stored(MAPPER.treeToValue(tree, AuditRecord.class), null);
            }
            JsonNode seq = tree.get("seq");
            JsonNode prev = tree.get("prev");
            JsonNode hash = tree.get("hash");
            if (seq == null
                    || !seq.canConvertToExactIntegral()
                    || prev == null
                    || !prev.isTextual()
                    || hash == null
                    || !hash.isTextual()) {
                throw new IllegalArgumentException("not an audit record: a chained line needs seq, prev and hash");
            }
            AuditRecord record = MAPPER.treeToValue(nested, AuditRecord.class);
            return new Stored(record, new AuditChain.Link(seq.asLong(), prev.asText(), hash.asText(), record));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an audit record: " + e.getOriginalMessage(), e);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("not an audit record: " + e.getMessage(), e);
        }
    }

    /**
     * A chained line, without the line break.
     *
     * @param sequence the record's number
     * @param previousHash its predecessor's hash
     * @param hash its hash
     * @param canonicalRecord the record's canonical JSON ({@link AuditChain#canonical})
     * @return the line
     */
    static String chainedLine(long sequence, String previousHash, String hash, String canonicalRecord) {
        return "{\"seq\":" + sequence + ",\"prev\":\"" + previousHash + "\",\"hash\":\"" + hash + "\",\"record\":"
                + canonicalRecord + "}";
    }
}
