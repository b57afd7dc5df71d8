package io.github.themis4j.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.themis4j.InvalidArgumentException;
import io.github.themis4j.keys.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Null and empty arguments everywhere give {@link InvalidArgumentException}; inputs are not
 * modified.
 */
class SecureCellArgumentsTest {
  private static final SymmetricKey KEY = SymmetricKey.generate();
  private static final byte[] DATA = {1, 2, 3};
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] CTX = {9};

  @Test
  void nullAndEmptyArgumentsAreInvalidArguments() {
    SecureCell.Seal seal = SecureCell.sealWithKey(KEY);
    SecureCell.Seal pass = new SealWithPassphrase("p".getBytes(StandardCharsets.UTF_8), 10);
    SecureCell.TokenProtect token = SecureCell.tokenProtectWithKey(KEY);
    SecureCell.ContextImprint imprint = SecureCell.contextImprintWithKey(KEY);
    byte[] sealed = seal.encrypt(DATA);
    TokenProtectedData tp = token.encrypt(DATA);

    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("sealWithKey(null)", () -> SecureCell.sealWithKey(null));
    calls.put("tokenProtectWithKey(null)", () -> SecureCell.tokenProtectWithKey(null));
    calls.put("contextImprintWithKey(null)", () -> SecureCell.contextImprintWithKey(null));
    calls.put(
        "sealWithPassphrase((String) null)", () -> SecureCell.sealWithPassphrase((String) null));
    calls.put("sealWithPassphrase(\"\")", () -> SecureCell.sealWithPassphrase(""));
    calls.put(
        "sealWithPassphrase((byte[]) null)", () -> SecureCell.sealWithPassphrase((byte[]) null));
    calls.put("sealWithPassphrase(new byte[0])", () -> SecureCell.sealWithPassphrase(EMPTY));
    calls.put(
        "sealWithPassphrase(unpaired surrogate)", () -> SecureCell.sealWithPassphrase("a\ud800b"));
    for (Map.Entry<String, SecureCell.Seal> e :
        Map.of("key", seal, "passphrase", pass).entrySet()) {
      SecureCell.Seal c = e.getValue();
      String m = e.getKey() + " ";
      calls.put(m + "encrypt(null)", () -> c.encrypt(null));
      calls.put(m + "encrypt(empty)", () -> c.encrypt(EMPTY));
      calls.put(m + "encrypt(null, ctx)", () -> c.encrypt(null, CTX));
      calls.put(m + "encrypt(empty, ctx)", () -> c.encrypt(EMPTY, CTX));
      calls.put(m + "decrypt(null)", () -> c.decrypt(null));
      calls.put(m + "decrypt(empty)", () -> c.decrypt(EMPTY));
      calls.put(m + "decrypt(null, ctx)", () -> c.decrypt(null, CTX));
      calls.put(m + "decrypt(empty, ctx)", () -> c.decrypt(EMPTY, CTX));
    }
    calls.put("token encrypt(null)", () -> token.encrypt(null));
    calls.put("token encrypt(empty, ctx)", () -> token.encrypt(EMPTY, CTX));
    calls.put("token decrypt(null, token)", () -> token.decrypt(null, tp.token()));
    calls.put("token decrypt(empty, token)", () -> token.decrypt(EMPTY, tp.token()));
    calls.put("token decrypt(data, null)", () -> token.decrypt(tp.ciphertext(), null));
    calls.put("token decrypt(data, empty)", () -> token.decrypt(tp.ciphertext(), EMPTY));
    calls.put("token decrypt(null, null, ctx)", () -> token.decrypt(null, null, CTX));
    calls.put("TokenProtectedData.of(null, token)", () -> TokenProtectedData.of(null, tp.token()));
    calls.put(
        "TokenProtectedData.of(data, null)", () -> TokenProtectedData.of(tp.ciphertext(), null));
    calls.put("imprint encrypt(null, ctx)", () -> imprint.encrypt(null, CTX));
    calls.put("imprint encrypt(empty, ctx)", () -> imprint.encrypt(EMPTY, CTX));
    calls.put("imprint encrypt(data, null)", () -> imprint.encrypt(DATA, null));
    calls.put("imprint encrypt(data, empty)", () -> imprint.encrypt(DATA, EMPTY));
    calls.put("imprint decrypt(null, ctx)", () -> imprint.decrypt(null, CTX));
    calls.put("imprint decrypt(empty, ctx)", () -> imprint.decrypt(EMPTY, CTX));
    calls.put("imprint decrypt(data, null)", () -> imprint.decrypt(DATA, null));
    calls.put("imprint decrypt(data, empty)", () -> imprint.decrypt(DATA, EMPTY));
    calls.forEach(
        (what, call) ->
            assertThatThrownBy(call).as(what).isInstanceOf(InvalidArgumentException.class));
    assertThat(calls).hasSizeGreaterThan(40);
  }

  @Test
  void nullAndEmptyContextAreTheSame() {
    SecureCell.Seal seal = SecureCell.sealWithKey(KEY);
    assertThat(seal.decrypt(seal.encrypt(DATA, null), EMPTY)).isEqualTo(DATA);
    assertThat(seal.decrypt(seal.encrypt(DATA, EMPTY))).isEqualTo(DATA);
    SecureCell.TokenProtect token = SecureCell.tokenProtectWithKey(KEY);
    TokenProtectedData tp = token.encrypt(DATA, EMPTY);
    assertThat(token.decrypt(tp.ciphertext(), tp.token())).isEqualTo(DATA);
  }

  @Test
  void inputsAreNotModifiedAndOutputsAreFresh() {
    byte[] data = {5, 6, 7, 8};
    byte[] ctx = {1, 1};
    byte[] keyBytes = KEY.toByteArray();
    SecureCell.Seal seal = SecureCell.sealWithKey(KEY);
    byte[] sealed = seal.encrypt(data, ctx);
    byte[] sealedCopy = sealed.clone();
    assertThat(seal.decrypt(sealed, ctx)).isEqualTo(data).isNotSameAs(data);
    assertThat(sealed).isEqualTo(sealedCopy);
    assertThat(data).containsExactly(5, 6, 7, 8);
    assertThat(ctx).containsExactly(1, 1);
    assertThat(KEY.toByteArray()).isEqualTo(keyBytes);
    // The cell keeps its own copy of a raw passphrase.
    byte[] pass = "abc".getBytes(StandardCharsets.UTF_8);
    SecureCell.Seal passCell = SecureCell.sealWithPassphrase(pass);
    CellCrafter crafter = new CellCrafter(3);
    byte[] crafted = crafter.passphraseSeal("abc".getBytes(StandardCharsets.UTF_8), data, null);
    pass[0] = 'x';
    assertThat(passCell.decrypt(crafted)).isEqualTo(data);
    // Context Imprint output for equal inputs is equal, and length-preserving.
    SecureCell.ContextImprint imprint = SecureCell.contextImprintWithKey(KEY);
    assertThat(imprint.encrypt(data, ctx))
        .isEqualTo(imprint.encrypt(data.clone(), ctx.clone()))
        .hasSize(4);
  }

  @Test
  void tokenProtectedDataCopies() {
    byte[] ct = {1, 2};
    byte[] tok = {3, 4};
    TokenProtectedData d = TokenProtectedData.of(ct, tok);
    ct[0] = 9;
    d.ciphertext()[1] = 9;
    assertThat(d.ciphertext()).containsExactly(1, 2);
    assertThat(d.token()).containsExactly(3, 4);
    assertThat(d.toString()).contains("2 bytes").doesNotContain("[1, 2]");
  }
}
