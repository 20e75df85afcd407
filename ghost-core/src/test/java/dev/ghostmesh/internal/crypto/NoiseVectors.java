package dev.ghostmesh.internal.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the published Noise test vectors copied into {@code src/test/resources/noise-vectors}:
 * single JSON vector objects in the cacophony / noise-c layout (one {@code "key": "value"} per
 * line) and flynn/noise's {@code key=value} blocks. Lines starting with {@code #} are the
 * provenance comments added when copying.
 */
final class NoiseVectors {
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern JSON_FIELD = Pattern.compile("^\"(\\w+)\": \"([^\"]*)\",?$");

    /** One message: sent by the initiator or the responder, with its payload and wire bytes. */
    record Message(boolean fromInitiator, byte[] payload, byte[] ciphertext) {}

    /** One vector; {@code handshakeHash} is null where the source gives none. */
    record Vector(String name, byte[] prologue, byte[] initStatic, byte[] initEphemeral,
            byte[] respStatic, byte[] respEphemeral, List<Message> messages,
            byte[] handshakeHash) {
        @Override
        public String toString() {
            return name;
        }
    }

    private NoiseVectors() {}

    /**
     * A vector in the cacophony / noise-c JSON layout. Its transport messages alternate by index
     * (the convention of those suites: message {@code i} comes from the initiator when even).
     */
    static Vector json(String resource) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<byte[]> payloads = new ArrayList<>();
        List<byte[]> ciphertexts = new ArrayList<>();
        for (String line : lines(resource)) {
            Matcher m = JSON_FIELD.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            switch (m.group(1)) {
                case "payload" -> payloads.add(HEX.parseHex(m.group(2)));
                case "ciphertext" -> ciphertexts.add(HEX.parseHex(m.group(2)));
                default -> fields.put(m.group(1), m.group(2));
            }
        }
        if (payloads.size() != ciphertexts.size()) {
            throw new IllegalStateException(resource + ": unpaired messages");
        }
        if (!fields.get("init_prologue").equals(fields.get("resp_prologue"))) {
            throw new IllegalStateException(resource + ": sides use different prologues");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            messages.add(new Message(i % 2 == 0, payloads.get(i), ciphertexts.get(i)));
        }
        String hash = fields.get("handshake_hash");
        return new Vector(resource + " " + fields.get("name"), hex(fields, "init_prologue"),
                hex(fields, "init_static"), hex(fields, "init_ephemeral"),
                hex(fields, "resp_static"), hex(fields, "resp_ephemeral"), messages,
                hash == null ? null : HEX.parseHex(hash));
    }

    /**
     * The vectors of a flynn/noise {@code key=value} file. After the handshake its generator
     * sends msg_3 with the initiator's cipher and msg_4 with the responder's.
     */
    static List<Vector> flynn(String resource) {
        List<Vector> vectors = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        for (String line : lines(resource)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                addFlynn(resource, block, vectors);
                block = new LinkedHashMap<>();
                continue;
            }
            int eq = line.indexOf('=');
            block.put(line.substring(0, eq), line.substring(eq + 1));
        }
        addFlynn(resource, block, vectors);
        return vectors;
    }

    private static void addFlynn(String resource, Map<String, String> block, List<Vector> out) {
        if (block.isEmpty()) {
            return;
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; block.containsKey("msg_" + i + "_ciphertext"); i++) {
            boolean fromInitiator = i < 3 ? i % 2 == 0 : i == 3;
            messages.add(new Message(fromInitiator, hex(block, "msg_" + i + "_payload"),
                    hex(block, "msg_" + i + "_ciphertext")));
        }
        byte[] prologue = block.containsKey("prologue") ? hex(block, "prologue") : new byte[0];
        String name = resource + " #" + (out.size() + 1) + " " + block.get("handshake")
                + (prologue.length == 0 ? " no prologue" : " prologue")
                + (messages.get(0).payload().length == 0 ? ", empty payloads" : ", payloads");
        out.add(new Vector(name, prologue, hex(block, "init_static"),
                hex(block, "gen_init_ephemeral"), hex(block, "resp_static"),
                hex(block, "gen_resp_ephemeral"), messages, null));
    }

    private static byte[] hex(Map<String, String> fields, String key) {
        return HEX.parseHex(Objects.requireNonNull(fields.get(key), key));
    }

    private static List<String> lines(String resource) {
        InputStream in = NoiseVectors.class.getResourceAsStream("/noise-vectors/" + resource);
        Objects.requireNonNull(in, resource);
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
