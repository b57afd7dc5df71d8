package io.github.themis4j.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.jpa.EncryptedValueCodec;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;

/** The data-JPA test slice gets the starter's key rings: @Encrypted entities work in @DataJpaTest. */
@DataJpaTest(properties = {
  "themis4j.key-rings.default.active=d1",
  "themis4j.key-rings.default.keys[0].id=d1",
  "themis4j.key-rings.default.keys[0].value=" + EncryptedEntitySpringBootTest.DEFAULT_KEY,
  "themis4j.key-rings.pii.active=k1",
  "themis4j.key-rings.pii.keys[0].id=k1",
  "themis4j.key-rings.pii.keys[0].value=" + EncryptedEntitySpringBootTest.PII_OLD
})
class DataJpaSliceTest {
  @Autowired PatientRepository patients;
  @Autowired EntityManager entityManager;

  @Test
  void encryptedEntitiesWorkInTheSlice() {
    long id = patients.save(new Patient("Grace Hopper", LocalDate.of(1906, 12, 9), "slice")).getId();
    entityManager.flush();
    entityManager.clear();
    assertThat(patients.findById(id).orElseThrow().getName()).isEqualTo("Grace Hopper");
    byte[] stored = (byte[]) entityManager.createNativeQuery("select name from patient where id = ?1")
        .setParameter(1, id).getSingleResult();
    assertThat(EncryptedValueCodec.storedKeyId(stored)).isEqualTo("k1");
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Grace");
  }
}
