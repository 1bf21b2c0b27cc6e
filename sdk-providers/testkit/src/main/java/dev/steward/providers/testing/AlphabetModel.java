package dev.steward.providers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny llama-architecture GGUF model whose weights are set by hand so that greedy decoding continues the
 * alphabet: after {@code "a b c"} it generates {@code " d e f ... z"} and then end-of-sequence. Tests get a real
 * llama.cpp engine with exact, deterministic answers and nothing to download.
 *
 * <p>How the weights make that happen: each letter token embeds as a one-hot vector on the letter's dimension; every
 * attention and feed-forward weight is zero, so each block adds nothing to the residual stream; the output matrix
 * gives the next letter a large logit for that dimension. Whatever precedes the last token is therefore irrelevant.
 * Tokens that are not letters share one dimension that predicts end-of-sequence.
 *
 * <p>The vocabulary is a SentencePiece one: {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte-fallback tokens,
 * then {@code ▁a}..{@code ▁z} (a letter after a space) and {@code a}..{@code z}.
 */
public final class AlphabetModel {

    /** The model name written into {@code general.name}. */
    public static final String NAME = "steward-alphabet";

    private static final int GGUF_VERSION = 3;
    private static final int ALIGNMENT = 32;
    private static final int EMBEDDING = 64;
    private static final int FEED_FORWARD = 128;
    private static final int HEADS = 4;
    private static final int CONTEXT = 512;
    private static final int LETTERS = 26;
    private static final int OTHER_DIMENSION = LETTERS;
    private static final float LOGIT = 10f;

    private static final int UNK = 0;
    private static final int BOS = 1;
    private static final int EOS = 2;
    private static final int FIRST_BYTE = 3;
    private static final int FIRST_SPACED_LETTER = FIRST_BYTE + 256;
    private static final int FIRST_LETTER = FIRST_SPACED_LETTER + LETTERS;
    private static final int VOCAB = FIRST_LETTER + LETTERS;

    // GGUF metadata value types
    private static final int T_UINT32 = 4;
    private static final int T_INT32 = 5;
    private static final int T_FLOAT32 = 6;
    private static final int T_BOOL = 7;
    private static final int T_STRING = 8;
    private static final int T_ARRAY = 9;

    // llama token types
    private static final int TOKEN_NORMAL = 1;
    private static final int TOKEN_UNKNOWN = 2;
    private static final int TOKEN_CONTROL = 3;
    private static final int TOKEN_BYTE = 6;

    private AlphabetModel() {}

    /**
     * Writes the model, unless a file of the same size is already there.
     *
     * @param file where to write it
     * @return the file
     * @throws UncheckedIOException if it cannot be written
     */
    public static Path writeTo(Path file) {
        byte[] bytes = build();
        try {
            if (Files.isRegularFile(file) && Files.size(file) == bytes.length) {
                return file;
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "alphabet", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the model generates after a prompt ending in a letter, until end-of-sequence or {@code maxTokens}.
     *
     * @param lastLetter the prompt's last letter
     * @param maxTokens the most tokens to generate
     * @return the continuation, for example {@code " d e f"} after {@code 'c'} with 3 tokens
     */
    public static String continuation(char lastLetter, int maxTokens) {
        StringBuilder out = new StringBuilder();
        for (char c = (char) (lastLetter + 1); c <= 'z' && out.length() / 2 < maxTokens; c++) {
            out.append(' ').append(c);
        }
        return out.toString();
    }

    static byte[] build() {
        Gguf gguf = new Gguf();
        gguf.string("general.architecture", "llama");
        gguf.string("general.name", NAME);
        gguf.uint32("general.alignment", ALIGNMENT);
        gguf.uint32("llama.context_length", CONTEXT);
        gguf.uint32("llama.embedding_length", EMBEDDING);
        gguf.uint32("llama.block_count", 1);
        gguf.uint32("llama.feed_forward_length", FEED_FORWARD);
        gguf.uint32("llama.attention.head_count", HEADS);
        gguf.uint32("llama.attention.head_count_kv", HEADS);
        gguf.uint32("llama.rope.dimension_count", EMBEDDING / HEADS);
        gguf.float32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        gguf.uint32("general.file_type", 0);

        List<String> tokens = new ArrayList<>();
        float[] scores = new float[VOCAB];
        int[] types = new int[VOCAB];
        tokens.add("<unk>");
        types[UNK] = TOKEN_UNKNOWN;
        tokens.add("<s>");
        types[BOS] = TOKEN_CONTROL;
        tokens.add("</s>");
        types[EOS] = TOKEN_CONTROL;
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types[FIRST_BYTE + b] = TOKEN_BYTE;
        }
        for (int i = 0; i < LETTERS; i++) {
            tokens.add("\u2581" + (char) ('a' + i));
            types[FIRST_SPACED_LETTER + i] = TOKEN_NORMAL;
            scores[FIRST_SPACED_LETTER + i] = -1f;
        }
        for (int i = 0; i < LETTERS; i++) {
            tokens.add(String.valueOf((char) ('a' + i)));
            types[FIRST_LETTER + i] = TOKEN_NORMAL;
            scores[FIRST_LETTER + i] = -2f;
        }
        gguf.string("tokenizer.ggml.model", "llama");
        gguf.stringArray("tokenizer.ggml.tokens", tokens);
        gguf.floatArray("tokenizer.ggml.scores", scores);
        gguf.intArray("tokenizer.ggml.token_type", types);
        gguf.uint32("tokenizer.ggml.bos_token_id", BOS);
        gguf.uint32("tokenizer.ggml.eos_token_id", EOS);
        gguf.uint32("tokenizer.ggml.unknown_token_id", UNK);
        gguf.bool("tokenizer.ggml.add_bos_token", true);
        gguf.bool("tokenizer.ggml.add_eos_token", false);

        float[] embeddings = new float[VOCAB * EMBEDDING];
        float[] output = new float[VOCAB * EMBEDDING];
        for (int token = 0; token < VOCAB; token++) {
            embeddings[token * EMBEDDING + dimensionOf(token)] = 1f;
        }
        for (int letter = 0; letter < LETTERS; letter++) {
            int next = letter + 1 < LETTERS ? FIRST_SPACED_LETTER + letter + 1 : EOS;
            output[next * EMBEDDING + letter] = LOGIT;
        }
        output[EOS * EMBEDDING + OTHER_DIMENSION] = LOGIT;

        gguf.tensor("token_embd.weight", embeddings, EMBEDDING, VOCAB);
        gguf.tensor("output_norm.weight", ones(EMBEDDING), EMBEDDING);
        gguf.tensor("output.weight", output, EMBEDDING, VOCAB);
        gguf.tensor("blk.0.attn_norm.weight", ones(EMBEDDING), EMBEDDING);
        gguf.tensor("blk.0.attn_q.weight", new float[EMBEDDING * EMBEDDING], EMBEDDING, EMBEDDING);
        gguf.tensor("blk.0.attn_k.weight", new float[EMBEDDING * EMBEDDING], EMBEDDING, EMBEDDING);
        gguf.tensor("blk.0.attn_v.weight", new float[EMBEDDING * EMBEDDING], EMBEDDING, EMBEDDING);
        gguf.tensor("blk.0.attn_output.weight", new float[EMBEDDING * EMBEDDING], EMBEDDING, EMBEDDING);
        gguf.tensor("blk.0.ffn_norm.weight", ones(EMBEDDING), EMBEDDING);
        gguf.tensor("blk.0.ffn_gate.weight", new float[EMBEDDING * FEED_FORWARD], EMBEDDING, FEED_FORWARD);
        gguf.tensor("blk.0.ffn_up.weight", new float[EMBEDDING * FEED_FORWARD], EMBEDDING, FEED_FORWARD);
        gguf.tensor("blk.0.ffn_down.weight", new float[FEED_FORWARD * EMBEDDING], FEED_FORWARD, EMBEDDING);
        return gguf.toBytes();
    }

    private static int dimensionOf(int token) {
        if (token >= FIRST_SPACED_LETTER && token < FIRST_LETTER) {
            return token - FIRST_SPACED_LETTER;
        }
        if (token >= FIRST_LETTER && token < VOCAB) {
            return token - FIRST_LETTER;
        }
        return OTHER_DIMENSION;
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    /** A little-endian GGUF v3 writer for the value types this model needs. */
    private static final class Gguf {
        private final ByteBuffer meta = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private int metaCount;
        private final Map<String, float[]> tensors = new LinkedHashMap<>();
        private final Map<String, long[]> shapes = new LinkedHashMap<>();

        void string(String key, String value) {
            key(key, T_STRING);
            putString(meta, value);
        }

        void uint32(String key, int value) {
            key(key, T_UINT32);
            meta.putInt(value);
        }

        void float32(String key, float value) {
            key(key, T_FLOAT32);
            meta.putFloat(value);
        }

        void bool(String key, boolean value) {
            key(key, T_BOOL);
            meta.put((byte) (value ? 1 : 0));
        }

        void stringArray(String key, List<String> values) {
            key(key, T_ARRAY);
            meta.putInt(T_STRING).putLong(values.size());
            values.forEach(v -> putString(meta, v));
        }

        void floatArray(String key, float[] values) {
            key(key, T_ARRAY);
            meta.putInt(T_FLOAT32).putLong(values.length);
            for (float v : values) {
                meta.putFloat(v);
            }
        }

        void intArray(String key, int[] values) {
            key(key, T_ARRAY);
            meta.putInt(T_INT32).putLong(values.length);
            for (int v : values) {
                meta.putInt(v);
            }
        }

        void tensor(String name, float[] data, long... shape) {
            tensors.put(name, data);
            shapes.put(name, shape);
        }

        private void key(String key, int type) {
            putString(meta, key);
            meta.putInt(type);
            metaCount++;
        }

        byte[] toBytes() {
            ByteBuffer infos = ByteBuffer.allocate(1 << 14).order(ByteOrder.LITTLE_ENDIAN);
            long offset = 0;
            for (Map.Entry<String, float[]> t : tensors.entrySet()) {
                putString(infos, t.getKey());
                long[] shape = shapes.get(t.getKey());
                infos.putInt(shape.length);
                for (long d : shape) {
                    infos.putLong(d);
                }
                infos.putInt(0); // GGML_TYPE_F32
                infos.putLong(offset);
                offset = align(offset + 4L * t.getValue().length);
            }
            int headerSize = 4 + 4 + 8 + 8 + meta.position() + infos.position();
            int dataStart = (int) align(headerSize);
            ByteBuffer out = ByteBuffer.allocate(dataStart + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
            out.put("GGUF".getBytes(StandardCharsets.US_ASCII));
            out.putInt(GGUF_VERSION);
            out.putLong(tensors.size());
            out.putLong(metaCount);
            out.put(meta.array(), 0, meta.position());
            out.put(infos.array(), 0, infos.position());
            out.position(dataStart);
            for (float[] data : tensors.values()) {
                for (float f : data) {
                    out.putFloat(f);
                }
                out.position((int) align(out.position() - dataStart) + dataStart);
            }
            return out.array();
        }

        private static long align(long n) {
            return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        }

        private static void putString(ByteBuffer buffer, String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            buffer.putLong(bytes.length);
            buffer.put(bytes);
        }
    }
}
