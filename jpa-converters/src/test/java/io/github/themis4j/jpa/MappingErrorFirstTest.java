package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.junit.jupiter.api.Test;

/**
 * Under plain Hibernate, a mistake in an {@code @Encrypted} annotation's values is the exception's
 * own message (entity, attribute, what to do), not the bottom cause under Hibernate's "error
 * processing @AttributeBinderType annotation".
 */
class MappingErrorFirstTest {
  @Entity(name = "TokenWithoutAttribute")
  static class TokenWithoutAttribute {
    @Id Long id;

    @Encrypted(mode = CellMode.TOKEN_PROTECT)
    @Column(length = 40)
    String code;
  }

  @Entity(name = "BadRingName")
  static class BadRingName {
    @Id Long id;

    @Encrypted(keyRing = "not a ring!")
    String note;
  }

  @Test
  void aMissingTokenAttributeIsTheMessageItself() {
    Throwable t =
        catchThrowable(() -> JpaFixture.of(TestKeys.standard(), TokenWithoutAttribute.class).close());
    assertThat(t).isInstanceOf(EncryptionMappingException.class);
    assertThat(t.getMessage())
        .startsWith("@Encrypted on ")
        .contains("TokenWithoutAttribute.code")
        .contains("TOKEN_PROTECT needs tokenAttribute")
        .contains("byte[]")
        .doesNotContain("AttributeBinderType");
  }

  @Test
  void anInvalidRingNameIsTheMessageItself() {
    Throwable t = catchThrowable(() -> JpaFixture.of(TestKeys.standard(), BadRingName.class).close());
    assertThat(t).isInstanceOf(EncryptionMappingException.class);
    assertThat(t.getMessage()).contains("BadRingName.note").contains("key ring name must be");
  }
}
