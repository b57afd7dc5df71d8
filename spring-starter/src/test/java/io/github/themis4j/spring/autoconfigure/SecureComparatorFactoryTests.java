package io.github.themis4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.comparator.SecureComparator;
import io.github.themis4j.spring.SecureComparatorFactory;
import io.github.themis4j.testing.WasmThemis;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Secure Comparator factory bean: present without any keys, backs off, compares with wasm-themis. */
class SecureComparatorFactoryTests {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ThemisAutoConfiguration.class));

  /** Runs a comparison: ours starts (Alice), wasm-themis answers (Bob). Returns both verdicts. */
  private static boolean[] compareWithWasm(SecureComparator ours, byte[] theirSecret) {
    WasmThemis wasm = WasmThemis.get();
    try (WasmThemis.Handle bob = wasm.create("cmp.new", theirSecret)) {
      byte[] m2 = bob.call1("cmp.proceed", ours.beginCompare());
      byte[] m4 = bob.call1("cmp.proceed", ours.proceedCompare(m2));
      ours.proceedCompare(m4);
      assertThat(ours.isCompared()).isTrue();
      assertThat(bob.flag("cmp.complete")).isTrue();
      return new boolean[] {ours.isEqual(), bob.flag("cmp.equal")};
    }
  }

  @Test
  void comparesWithAWasmThemisPeer() {
    runner.run(
        context -> {
          SecureComparatorFactory factory = context.getBean(SecureComparatorFactory.class);
          byte[] pin = "4921".getBytes(StandardCharsets.UTF_8);
          assertThat(compareWithWasm(factory.create("4921", StandardCharsets.UTF_8), pin)).containsExactly(true, true);
          assertThat(compareWithWasm(factory.create("4922", StandardCharsets.UTF_8), pin)).containsExactly(false, false);
          byte[] utf16 = "correct horse".getBytes(StandardCharsets.UTF_16);
          assertThat(compareWithWasm(factory.create("correct horse", StandardCharsets.UTF_16), utf16))
              .containsExactly(true, true);
        });
  }

  @Test
  void backsOffForTheApplicationsOwnFactory() {
    SecureComparatorFactory own = new SecureComparatorFactory();
    runner.withBean(SecureComparatorFactory.class, () -> own)
        .run(context -> assertThat(context.getBean(SecureComparatorFactory.class)).isSameAs(own));
  }
}
