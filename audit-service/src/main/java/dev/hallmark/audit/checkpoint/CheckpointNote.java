package dev.hallmark.audit.checkpoint;

import dev.hallmark.audit.ledger.Timestamps;
import dev.hallmark.audit.merkle.TreeHashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A checkpoint of the ledger as a C2SP signed note (c2sp.org/signed-note) whose text is a C2SP
 * tlog-checkpoint (c2sp.org/tlog-checkpoint) with one extension line, the time it was signed:
 *
 * <pre>
 * &lt;origin&gt;\n
 * &lt;tree size, decimal&gt;\n
 * &lt;root hash, base64&gt;\n
 * timestamp &lt;RFC 3339 UTC, milliseconds&gt;\n
 * \n
 * — &lt;origin&gt; &lt;base64(key id (4 bytes) || Ed25519 signature (64 bytes))&gt;\n
 * </pre>
 *
 * The signature is Ed25519 (RFC 8032) over the note text: the first four lines with their newlines.
 * The key name is the origin; the key id is the first four bytes of SHA-256(key name || 0x0A ||
 * 0x01 || the 32-byte public key), as the signed-note specification recommends for Ed25519.
 * (tlog-checkpoint does not recommend extension lines because log monitors cannot audit them; the
 * timestamp is there for people reading the audit trail, and it is signed with the rest.)
 *
 * @param signature the 64-byte Ed25519 signature
 */
public record CheckpointNote(
    String origin, long treeSize, byte[] rootHash, Instant timestamp, byte[] signature) {
  /** The signature type byte of Ed25519 in signed notes. */
  static final byte ED25519 = 0x01;

  static final String TIMESTAMP_PREFIX = "timestamp ";
  private static final Pattern KEY_NAME = Pattern.compile("[^\\s+]+");
  private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");
  private static final String SIGNATURE_LINE_START = "\u2014 ";

  public CheckpointNote {
    requireKeyName(origin);
    timestamp = Instant.parse(Timestamps.format(timestamp));
  }

  /**
   * The note text that is signed.
   *
   * @throws IllegalArgumentException if the origin cannot be a key name
   */
  public static String text(String origin, long treeSize, byte[] rootHash, Instant timestamp) {
    requireKeyName(origin);
    return origin
        + "\n"
        + treeSize
        + "\n"
        + Base64.getEncoder().encodeToString(rootHash)
        + "\n"
        + TIMESTAMP_PREFIX
        + Timestamps.format(timestamp)
        + "\n";
  }

  /** Signs a checkpoint with the audit key. */
  public static CheckpointNote sign(
      AuditKey key, long treeSize, byte[] rootHash, Instant timestamp) {
    String text = text(key.keyName(), treeSize, rootHash, timestamp);
    byte[] signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
    return new CheckpointNote(key.keyName(), treeSize, rootHash, timestamp, signature);
  }

  /** The note text (without signature lines). */
  public String text() {
    return text(origin, treeSize, rootHash, timestamp);
  }

  /** The whole signed note: text, a blank line, the signature line. */
  public String signedNote(PublicKey publicKey) {
    byte[] keyIdAndSignature =
        ByteBuffer.allocate(4 + signature.length)
            .put(noteKeyId(origin, publicKey))
            .put(signature)
            .array();
    return text()
        + "\n"
        + SIGNATURE_LINE_START
        + origin
        + " "
        + Base64.getEncoder().encodeToString(keyIdAndSignature)
        + "\n";
  }

  /**
   * Reads a signed note and checks its signature by the given key under the name that is the note's
   * origin.
   *
   * @throws InvalidCheckpointException if it is no checkpoint of this layout, or no signature line
   *     of that key verifies
   */
  public static CheckpointNote verify(String signedNote, PublicKey publicKey) {
    Parsed parsed = Parsed.of(signedNote);
    byte[] keyId = noteKeyId(parsed.origin(), publicKey);
    for (String line : parsed.signatureLines()) {
      Optional<byte[]> signature = signatureOf(line, parsed.origin(), keyId);
      if (signature.isPresent()) {
        if (!verifies(publicKey, parsed.text().getBytes(StandardCharsets.UTF_8), signature.get())) {
          throw new InvalidCheckpointException(
              "the signature of key " + parsed.origin() + " does not verify");
        }
        return parsed.with(signature.get());
      }
    }
    throw new InvalidCheckpointException(
        "no signature by key " + parsed.origin() + " with the given public key's id");
  }

  /**
   * Reads a signed note without checking its signature (one of an earlier audit key, whose public
   * key this instance may no longer have): the first signature line under the origin's name.
   *
   * @throws InvalidCheckpointException if it is no checkpoint of this layout
   */
  public static CheckpointNote parseUnverified(String signedNote) {
    Parsed parsed = Parsed.of(signedNote);
    for (String line : parsed.signatureLines()) {
      Optional<byte[]> signature = signatureOf(line, parsed.origin(), null);
      if (signature.isPresent()) {
        return parsed.with(signature.get());
      }
    }
    throw new InvalidCheckpointException("no signature by key " + parsed.origin());
  }

  /** A signed note split into its checkpoint fields and its signature lines. */
  private record Parsed(
      String text,
      String origin,
      long treeSize,
      byte[] rootHash,
      Instant timestamp,
      List<String> signatureLines) {

    static Parsed of(String signedNote) {
      int split = signedNote.lastIndexOf("\n\n");
      if (split < 0 || !signedNote.endsWith("\n")) {
        throw new InvalidCheckpointException("not a signed note: no blank line before signatures");
      }
      String text = signedNote.substring(0, split + 1);
      List<String> lines = List.of(text.split("\n", -1));
      if (lines.size() != 5 || !lines.get(4).isEmpty()) {
        throw new InvalidCheckpointException(
            "a checkpoint has four lines: origin, size, root hash, timestamp");
      }
      String origin = lines.get(0);
      if (!KEY_NAME.matcher(origin).matches() || !SIZE.matcher(lines.get(1)).matches()) {
        throw new InvalidCheckpointException("malformed origin or tree size line");
      }
      if (!lines.get(3).startsWith(TIMESTAMP_PREFIX)) {
        throw new InvalidCheckpointException("no timestamp line");
      }
      byte[] rootHash;
      Instant timestamp;
      try {
        rootHash = Base64.getDecoder().decode(lines.get(2));
        timestamp = Instant.parse(lines.get(3).substring(TIMESTAMP_PREFIX.length()));
      } catch (RuntimeException e) {
        throw new InvalidCheckpointException("malformed root hash or timestamp line");
      }
      if (rootHash.length != TreeHashes.LENGTH) {
        throw new InvalidCheckpointException("the root hash has " + rootHash.length + " bytes");
      }
      Parsed parsed =
          new Parsed(
              text,
              origin,
              Long.parseLong(lines.get(1)),
              rootHash,
              timestamp,
              List.of(signedNote.substring(split + 2).split("\n")));
      if (!CheckpointNote.text(origin, parsed.treeSize, rootHash, timestamp).equals(text)) {
        throw new InvalidCheckpointException("the note text is not in canonical form");
      }
      return parsed;
    }

    CheckpointNote with(byte[] signature) {
      return new CheckpointNote(origin, treeSize, rootHash, timestamp, signature);
    }
  }

  /** The 4-byte key id of a signed note's Ed25519 key: SHA-256(name || 0x0A || 0x01 || key)[:4]. */
  public static byte[] noteKeyId(String keyName, PublicKey publicKey) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(keyName.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0x0A);
      sha256.update(ED25519);
      sha256.update(Ed25519Keys.rawPublicKey(publicKey));
      return Arrays.copyOf(sha256.digest(), 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * The verifier key of the audit key in the notation of Go's golang.org/x/mod/sumdb/note, {@code
   * <name>+<key id, 8 hex digits>+<base64(0x01 || public key)>}, which tools of the transparency
   * log ecosystem take to verify notes.
   */
  public static String verifierKey(String keyName, PublicKey publicKey) {
    byte[] typed =
        ByteBuffer.allocate(33).put(ED25519).put(Ed25519Keys.rawPublicKey(publicKey)).array();
    return keyName
        + "+"
        + java.util.HexFormat.of().formatHex(noteKeyId(keyName, publicKey))
        + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  /** The signature of a line by that key name and, unless null, key id. */
  private static Optional<byte[]> signatureOf(String line, String keyName, byte[] keyId) {
    String prefix = SIGNATURE_LINE_START + keyName + " ";
    if (!line.startsWith(prefix)) {
      return Optional.empty();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(line.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (decoded.length != 4 + 64 || (keyId != null && !Arrays.equals(decoded, 0, 4, keyId, 0, 4))) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(decoded, 4, decoded.length));
  }

  private static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static void requireKeyName(String origin) {
    if (origin == null || !KEY_NAME.matcher(origin).matches()) {
      throw new IllegalArgumentException(
          "the origin (key name) must be non-empty without spaces or '+': " + origin);
    }
  }
}
