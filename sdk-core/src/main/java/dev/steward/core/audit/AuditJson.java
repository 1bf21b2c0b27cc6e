package dev.steward.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.steward.api.AuditRecord;

/** The JSON form of an audit record: one object per line, ISO-8601 times, nulls omitted. Thread-safe. */
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
     * Reads a record from one line of JSON.
     *
     * @param line the JSON
     * @return the record
     * @throws IllegalArgumentException if the line is not an audit record
     */
    public static AuditRecord read(String line) {
        try {
            return MAPPER.readValue(line, AuditRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an audit record: " + e.getOriginalMessage(), e);
        }
    }
}
