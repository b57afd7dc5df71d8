package io.github.themis4j.spring.envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code themis4j.envelope.*}: where the wrapped data keys of envelope key rings live, which rings
 * exist, and the per-tenant key scheme. Active with {@code themis4j.kek.type}.
 *
 * <pre>
 * themis4j.envelope.store=jdbc
 * themis4j.envelope.rings=default,pii
 * themis4j.envelope.create-missing=true
 * themis4j.envelope.tenant.rings=pii
 * </pre>
 */
@ConfigurationProperties("themis4j.envelope")
public class ThemisEnvelopeProperties {
  /** Where wrapped data keys are stored. */
  public enum Store {
    /** One properties document per ring in {@code themis4j.envelope.file.directory}. */
    FILE,
    /** Tables themis4j_key_ring / themis4j_data_key on the application's DataSource. */
    JDBC;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** file or jdbc. */
  private Store store = Store.FILE;
  /** The envelope rings the application uses; unwrapped at startup (fail closed). */
  private List<String> rings = new ArrayList<>();
  /** Whether rings listed in themis4j.envelope.rings that are not stored yet are created at startup. */
  private boolean createMissing;
  /** Whether a value whose ring was crypto-shredded loads as null instead of failing. */
  private boolean shreddedAsNull;

  private final File file = new File();
  private final Tenant tenant = new Tenant();
  private final Actuator actuator = new Actuator();

  public Store getStore() {
    return store;
  }

  public void setStore(Store store) {
    this.store = store;
  }

  public List<String> getRings() {
    return rings;
  }

  public void setRings(List<String> rings) {
    this.rings = rings;
  }

  public boolean isCreateMissing() {
    return createMissing;
  }

  public void setCreateMissing(boolean createMissing) {
    this.createMissing = createMissing;
  }

  public boolean isShreddedAsNull() {
    return shreddedAsNull;
  }

  public void setShreddedAsNull(boolean shreddedAsNull) {
    this.shreddedAsNull = shreddedAsNull;
  }

  public File getFile() {
    return file;
  }

  public Tenant getTenant() {
    return tenant;
  }

  public Actuator getActuator() {
    return actuator;
  }

  /** {@code themis4j.envelope.file.*}. */
  public static class File {
    /** Directory of the wrapped key documents (one <ring>.properties each). */
    private @Nullable String directory;

    public @Nullable String getDirectory() {
      return directory;
    }

    public void setDirectory(@Nullable String directory) {
      this.directory = directory;
    }
  }

  /** {@code themis4j.envelope.tenant.*}: per-tenant keys. */
  public static class Tenant {
    /**
     * Ring names (as in @Encrypted(keyRing)) served as one ring per tenant, <ring>.<tenant>, the
     * tenant from the application's Hibernate CurrentTenantIdentifierResolver bean.
     */
    private List<String> rings = new ArrayList<>();

    public List<String> getRings() {
      return rings;
    }

    public void setRings(List<String> rings) {
      this.rings = rings;
    }
  }

  /** {@code themis4j.envelope.actuator.*}. */
  public static class Actuator {
    /** Whether the themis4jenvelope endpoint offers the irreversible 'shred' operation. */
    private boolean shredEnabled;

    public boolean isShredEnabled() {
      return shredEnabled;
    }

    public void setShredEnabled(boolean shredEnabled) {
      this.shredEnabled = shredEnabled;
    }
  }
}
