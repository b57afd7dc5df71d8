package io.github.themis4j.cli;

import io.github.themis4j.ThemisException;
import io.github.themis4j.keys.PrivateKey;
import io.github.themis4j.keys.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Says what a blob is from its bytes alone, without a key: a Themis key container, a Secure
 * Message, a Secure Cell Seal (key or passphrase) or Token Protect token, or a themis4j stored
 * column value (docs/FORMAT.md envelope). Layouts from Themis 0.15 (soter_container, secure_cell,
 * secure_message) and the themis4j storage format. Output: "field: value" lines.
 */
final class BlobInspector {
  private static final int CELL_HEADER = 16;
  private static final int KEY_CELL_TOKEN = 44;
  private static final int PASSPHRASE_CELL_TOKEN = 70;

  private final List<String> lines = new ArrayList<>();

  private BlobInspector() {}

  static List<String> inspect(byte[] b) {
    BlobInspector i = new BlobInspector();
    i.describe(b);
    return i.lines;
  }

  private void add(String field, Object value) {
    lines.add(field + ": " + value);
  }

  private void describe(byte[] b) {
    add("length", b.length + " bytes");
    if (b.length == 0) {
      add("type", "empty");
      return;
    }
    if (key(b) || message(b) || cell(b, 0, "") || envelope(b)) {
      return;
    }
    add("type", "unknown: not a Themis key, Secure Message, Seal or token, nor a themis4j"
        + " Seal/token value (a Context Imprint ciphertext has no header and looks like this)");
  }

  // ---- keys --------------------------------------------------------------------------------

  private boolean key(byte[] b) {
    if (b.length < 12) {
      return false;
    }
    String tag = new String(b, 0, 4, StandardCharsets.ISO_8859_1);
    String algo;
    if (tag.matches("[RU]EC[235]")) {
      algo = "EC " + (tag.charAt(3) == '2' ? "P-256" : tag.charAt(3) == '3' ? "P-384" : "P-521");
    } else if (tag.matches("[RU]RA[1248]")) {
      algo = "RSA " + (1024 * (tag.charAt(3) - '0')) + "-bit";
    } else {
      return false;
    }
    boolean priv = tag.charAt(0) == 'R';
    add("type", "Themis " + (priv ? "private" : "public") + " key (container " + tag + ")");
    add("algorithm", algo);
    add("container size field", be32(b, 4) + " bytes");
    String verdict;
    try {
      if (priv) {
        PrivateKey.fromBytes(b);
      } else {
        PublicKey.fromBytes(b);
      }
      verdict = "yes";
    } catch (ThemisException e) {
      verdict = "no: " + Themis4jCli.oneLine(e.getMessage());
    }
    add("valid", verdict);
    if (!priv && tag.startsWith("UEC")) {
      add("point", b.length - 12 <= 67 && (b[12] == 2 || b[12] == 3) ? "compressed" : "uncompressed");
    }
    return true;
  }

  // ---- Secure Message ------------------------------------------------------------------------

  private boolean message(byte[] b) {
    if (b.length < 8) {
      return false;
    }
    int type = le32(b, 0);
    switch (type) {
      case 0x26042620:
      case 0x26042610:
        {
          if (b.length < 12) {
            return false;
          }
          add("type", "Secure Message, signed (" + (type == 0x26042620 ? "EC, ECDSA" : "RSA, PSS") + ")");
          long n = le32u(b, 4);
          long s = le32u(b, 8);
          add("message length", n + " bytes (readable without a key)");
          add("signature length", s + " bytes");
          if (12 + n + s > b.length) {
            add("complete", "no: the header declares " + (12 + n + s) + " bytes");
          }
          return true;
        }
      case 0x26042720:
        add("type", "Secure Message, encrypted (EC: ECDH + Secure Cell Seal)");
        add("declared length", le32u(b, 4) + " bytes" + (le32u(b, 4) == b.length ? "" : " (does not match)"));
        if (b.length >= 8 + KEY_CELL_TOKEN) {
          add("encrypted message length", (b.length - 8 - KEY_CELL_TOKEN) + " bytes");
        }
        return true;
      case 0x26042710:
        add("type", "Secure Message, encrypted (RSA: OAEP-wrapped key + Secure Cell Seal)");
        add("declared length", le32u(b, 4) + " bytes" + (le32u(b, 4) == b.length ? "" : " (does not match)"));
        if (b.length >= 12) {
          long wrapped = le32u(b, 8);
          add("wrapped key length", wrapped + " bytes (RSA-" + wrapped * 8 + ")");
          long rest = b.length - 12 - wrapped - KEY_CELL_TOKEN;
          if (rest > 0) {
            add("encrypted message length", rest + " bytes");
          }
        }
        return true;
      default:
        return false;
    }
  }

  // ---- Secure Cell ---------------------------------------------------------------------------

  /** A Seal or Token Protect token at {@code off}; {@code prefix} names the field group. */
  private boolean cell(byte[] b, int off, String prefix) {
    int len = b.length - off;
    if (len < CELL_HEADER) {
      return false;
    }
    int alg = le32(b, off);
    int cipher = alg & 0xF0000000;
    int kdf = alg & 0x0F000000;
    if (cipher != 0x40000000 || (alg & 0x00F0F000) != 0 || (kdf != 0 && kdf != 0x01000000)) {
      return false;
    }
    long ivLen = le32u(b, off + 4);
    long tagLen = le32u(b, off + 8);
    long n = le32u(b, off + 12);
    if (ivLen != 12 || tagLen != 16) {
      return false;
    }
    boolean passphrase = kdf == 0x01000000;
    int bits = alg & 0xFFF;
    int token = passphrase ? PASSPHRASE_CELL_TOKEN : KEY_CELL_TOKEN;
    String algorithm =
        "AES-" + bits + "-GCM, " + (passphrase ? "PBKDF2-HMAC-SHA256 + Soter KDF" : "Soter KDF")
            + String.format(" (alg 0x%08x)", alg);
    if (len == token + n) {
      add(prefix + "type", "Secure Cell Seal, " + (passphrase ? "passphrase" : "master key"));
    } else if (!passphrase && len == KEY_CELL_TOKEN) {
      add(prefix + "type", "Secure Cell Token Protect token, master key");
      add(prefix + "ciphertext length it protects", n + " bytes");
      add(prefix + "algorithm", algorithm);
      return true;
    } else {
      add(prefix + "type", "Secure Cell Seal header, but the length does not match (truncated or padded)");
      add(prefix + "expected length", (token + n) + " bytes");
    }
    add(prefix + "algorithm", algorithm);
    add(prefix + "header", token + " bytes");
    add(prefix + "ciphertext length", n + " bytes");
    if (passphrase && len >= PASSPHRASE_CELL_TOKEN) {
      add(prefix + "PBKDF2 iterations", le32u(b, off + 48));
      add(prefix + "salt length", ((b[off + 52] & 0xff) | (b[off + 53] & 0xff) << 8) + " bytes");
    }
    return true;
  }

  // ---- themis4j stored values ----------------------------------------------------------------

  private boolean envelope(byte[] b) {
    if (b.length < 4 || b[0] != 1 || (b[1] != 0 && b[1] != 1)) {
      return false;
    }
    int l = b[2] & 0xff;
    if (l < 1 || l > 64 || 3 + l > b.length) {
      return false;
    }
    for (int i = 3; i < 3 + l; i++) {
      char c = (char) (b[i] & 0xff);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    int body = 3 + l;
    String keyId = new String(b, 3, l, StandardCharsets.US_ASCII);
    List<String> saved = new ArrayList<>(lines);
    lines.clear();
    boolean inner = cell(b, body, "cell ");
    List<String> cellLines = new ArrayList<>(lines);
    lines.clear();
    lines.addAll(saved);
    if (!inner) {
      return false;
    }
    boolean token = cellLines.get(0).contains("Token Protect token");
    add("type", "themis4j stored value, " + (token ? "Token Protect token column" : "Seal") + " (docs/FORMAT.md)");
    add("envelope version", 1);
    add("kind", b[1] == 0 ? "value" : "empty (the empty string or byte array)");
    add("key id", keyId);
    add("envelope", body + " bytes");
    lines.addAll(cellLines);
    return true;
  }

  private static int le32(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }

  private static long le32u(byte[] b, int off) {
    return le32(b, off) & 0xFFFFFFFFL;
  }

  private static long be32(byte[] b, int off) {
    return ((b[off] & 0xffL) << 24) | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }
}
