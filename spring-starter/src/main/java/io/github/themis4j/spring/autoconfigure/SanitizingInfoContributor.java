package io.github.themis4j.spring.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Runs what an {@link InfoContributor} adds to {@code /actuator/info} through the {@link
 * ThemisSanitizingFunction}: Actuator applies no sanitizer to the info endpoint, and its {@code
 * env} contributor copies {@code info.*} properties there (for example {@code
 * info.key=${themis4j.key-rings.pii.keys[0].value}}). Values are masked by the function's content
 * rules, under the name {@code info.<path>}.
 */
final class SanitizingInfoContributor implements InfoContributor {
  private final InfoContributor delegate;
  private final ObjectProvider<ThemisSanitizingFunction> function;

  SanitizingInfoContributor(InfoContributor delegate, ObjectProvider<ThemisSanitizingFunction> function) {
    this.delegate = delegate;
    this.function = function;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Info.Builder own = new Info.Builder();
    delegate.contribute(own);
    ThemisSanitizingFunction f = function.getIfAvailable();
    Map<String, Object> details = own.build().getDetails();
    if (f == null) {
      builder.withDetails(details);
      return;
    }
    Map<String, Object> clean = new LinkedHashMap<>();
    details.forEach((k, v) -> clean.put(k, sanitize(f, "info." + k, v)));
    builder.withDetails(clean);
  }

  private static Object sanitize(ThemisSanitizingFunction f, String path, Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, sanitize(f, path + "." + k, v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(sanitize(f, path + "[" + i + "]", list.get(i)));
      }
      return out;
    }
    if (value instanceof CharSequence) {
      return f.apply(new SanitizableData(null, path, value)).getValue();
    }
    return value;
  }

  @Override
  public String toString() {
    return "SanitizingInfoContributor[" + delegate + "]";
  }
}
