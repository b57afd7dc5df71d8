package io.github.themis4j.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.themis4j.testing.WasmThemis;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.MappedSuperclass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The table and column names that go into the context (docs/FORMAT.md section 3) under naming
 * strategies and inheritance: checked by decrypting with wasm-themis under the documented names.
 */
class NamingAndInheritanceTest {
  private static final Map<String, byte[]> KEYS = Map.of("k1", TestKeys.K1, "k2", TestKeys.K2);

  /** No @Table, no @Column: the names come from the naming strategy. */
  @Entity(name = "AccountHolder")
  public static class AccountHolder {
    @Id Long id;
    @Encrypted String homeAddress;
  }

  @MappedSuperclass
  public abstract static class Audited {
    @Id Long id;
    @Encrypted String createdBy;
  }

  @Entity(name = "SingleRoot")
  @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
  public static class SingleRoot extends Audited {
    @Encrypted String rootSecret;
  }

  @Entity(name = "SingleLeaf")
  public static class SingleLeaf extends SingleRoot {
    @Encrypted String leafSecret;
  }

  @Entity(name = "JoinedRoot")
  @Inheritance(strategy = InheritanceType.JOINED)
  public static class JoinedRoot extends Audited {
    @Encrypted String rootSecret;
  }

  @Entity(name = "JoinedLeaf")
  public static class JoinedLeaf extends JoinedRoot {
    @Encrypted String leafSecret;
  }

  @Entity(name = "UnionRoot")
  @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
  public abstract static class UnionRoot extends Audited {
    @Encrypted String rootSecret;
  }

  @Entity(name = "UnionLeaf")
  public static class UnionLeaf extends UnionRoot {
    @Encrypted String leafSecret;
  }

  private static final Class<?>[] ENTITIES = {
    AccountHolder.class,
    SingleRoot.class,
    SingleLeaf.class,
    JoinedRoot.class,
    JoinedLeaf.class,
    UnionRoot.class,
    UnionLeaf.class
  };

  /** Reads {@code table.column} over JDBC and decrypts it with the context names given. */
  private static String read(
      JpaFixture jpa, String table, String column, Long id, String contextTable) {
    Object raw = jpa.query("select " + column + " from " + table + " where id = ?", id).get(0)[0];
    String contextColumn = column.toLowerCase(java.util.Locale.ROOT); // all names here are ASCII
    return DocumentedFormat.utf8(
        DocumentedFormat.readSeal(
                WasmThemis.get(), KEYS, (byte[]) raw, contextTable, contextColumn, id)
            .bytes);
  }

  private static void persistAll(JpaFixture jpa) {
    jpa.inTransaction(
        s -> {
          AccountHolder a = new AccountHolder();
          a.id = 1L;
          a.homeAddress = "1 Main St";
          s.persist(a);
          SingleLeaf sl = new SingleLeaf();
          sl.id = 2L;
          sl.createdBy = "single-created";
          sl.rootSecret = "single-root";
          sl.leafSecret = "single-leaf";
          s.persist(sl);
          JoinedLeaf jl = new JoinedLeaf();
          jl.id = 3L;
          jl.createdBy = "joined-created";
          jl.rootSecret = "joined-root";
          jl.leafSecret = "joined-leaf";
          s.persist(jl);
          UnionLeaf ul = new UnionLeaf();
          ul.id = 4L;
          ul.createdBy = "union-created";
          ul.rootSecret = "union-root";
          ul.leafSecret = "union-leaf";
          s.persist(ul);
        });
  }

  @Test
  void plainHibernateNamesAreCanonicalized() {
    try (JpaFixture jpa = JpaFixture.of(TestKeys.standard(), ENTITIES)) {
      persistAll(jpa);
      // plain Hibernate: table "AccountHolder", column "homeAddress" -> context "accountholder",
      // "homeaddress"
      assertThat(read(jpa, "AccountHolder", "homeAddress", 1L, "accountholder"))
          .isEqualTo("1 Main St");
      // inheritance: the table holding the column (root table, declaring table, concrete table)
      assertThat(read(jpa, "SingleRoot", "leafSecret", 2L, "singleroot")).isEqualTo("single-leaf");
      assertThat(read(jpa, "SingleRoot", "createdBy", 2L, "singleroot"))
          .isEqualTo("single-created");
      assertThat(read(jpa, "JoinedRoot", "rootSecret", 3L, "joinedroot")).isEqualTo("joined-root");
      assertThat(read(jpa, "JoinedRoot", "createdBy", 3L, "joinedroot"))
          .isEqualTo("joined-created");
      assertThat(read(jpa, "JoinedLeaf", "leafSecret", 3L, "joinedleaf")).isEqualTo("joined-leaf");
      assertThat(read(jpa, "UnionLeaf", "rootSecret", 4L, "unionleaf")).isEqualTo("union-root");
      assertThat(read(jpa, "UnionLeaf", "createdBy", 4L, "unionleaf")).isEqualTo("union-created");
      // and polymorphic loading decrypts every subclass
      List<Audited> all =
          jpa.fromTransaction(
              s -> {
                List<Audited> out = new java.util.ArrayList<>();
                out.addAll(s.createQuery("from SingleRoot", SingleRoot.class).getResultList());
                out.addAll(s.createQuery("from JoinedRoot", JoinedRoot.class).getResultList());
                out.addAll(s.createQuery("from UnionRoot", UnionRoot.class).getResultList());
                return out;
              });
      assertThat(all)
          .extracting(a -> a.createdBy)
          .containsExactly("single-created", "joined-created", "union-created");
      assertThat(((UnionLeaf) all.get(2)).leafSecret).isEqualTo("union-leaf");
      assertThat(EncryptedAttributes.of(jpa.sessionFactory))
          .filteredOn(
              a -> a.entityName().equals("UnionLeaf") && a.attributeName().equals("createdBy"))
          .extracting(EncryptedAttribute::table, EncryptedAttribute::contextTable)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("UnionLeaf", "unionleaf"));
    }
  }

  /**
   * Bulk statements on entities spread over several tables run through Hibernate's multi-table
   * mutation strategies rather than the plain translator: the query guard must stop them too.
   */
  @Test
  void bulkWritesOfEncryptedAttributesAreRefusedUnderEveryInheritanceStrategy() {
    try (JpaFixture jpa = JpaFixture.of(TestKeys.standard(), ENTITIES)) {
      persistAll(jpa);
      String[][] statements = {
        {"update SingleLeaf e set e.leafSecret = 'PLAIN1'", "leafSecret"},
        {"update JoinedLeaf e set e.leafSecret = 'PLAIN2'", "leafSecret"},
        {"update JoinedLeaf e set e.rootSecret = e.leafSecret", "rootSecret"},
        {"update JoinedLeaf e set e.createdBy = 'PLAIN3'", "createdBy"},
        {"update UnionLeaf e set e.rootSecret = 'PLAIN4'", "rootSecret"},
        {"update UnionRoot e set e.createdBy = 'PLAIN5'", "createdBy"},
        {"delete from JoinedLeaf e where e.leafSecret = 'joined-leaf'", "leafSecret"},
        {"delete from JoinedRoot e where e.rootSecret = 'joined-root'", "rootSecret"},
        {
          "insert into JoinedLeaf (id, createdBy, rootSecret, leafSecret)"
              + " values (9, 'PLAIN6', null, null)",
          "createdBy"
        },
      };
      for (String[] st : statements) {
        EncryptedAttributeException e =
            Failures.attributeFailure(
                () -> jpa.inTransaction(s -> s.createMutationQuery(st[0]).executeUpdate()));
        assertThat(e.reason()).as(st[0]).isEqualTo("refused-query");
        assertThat(e.attribute()).as(st[0]).isEqualTo(st[1]);
        assertThat(e.getMessage()).as(st[0]).doesNotContain("PLAIN");
      }
      assertThat(read(jpa, "SingleRoot", "leafSecret", 2L, "singleroot")).isEqualTo("single-leaf");
      assertThat(read(jpa, "JoinedLeaf", "leafSecret", 3L, "joinedleaf")).isEqualTo("joined-leaf");
      assertThat(read(jpa, "JoinedRoot", "rootSecret", 3L, "joinedroot")).isEqualTo("joined-root");
      assertThat(read(jpa, "JoinedRoot", "createdBy", 3L, "joinedroot"))
          .isEqualTo("joined-created");
      assertThat(read(jpa, "UnionLeaf", "rootSecret", 4L, "unionleaf")).isEqualTo("union-root");
      assertThat(read(jpa, "UnionLeaf", "createdBy", 4L, "unionleaf")).isEqualTo("union-created");
      assertThat(jpa.count("JoinedLeaf")).isEqualTo(1);
      // plain bulk writes still run on every strategy
      int n =
          jpa.fromTransaction(
              s ->
                  s.createMutationQuery(
                          "update JoinedLeaf e set e.leafSecret = null where e.id = 3")
                      .executeUpdate());
      assertThat(n).isEqualTo(1);
      assertThat(jpa.fromTransaction(s -> s.find(JoinedLeaf.class, 3L)).rootSecret)
          .isEqualTo("joined-root");
    }
  }

  @Test
  void springBootsNamingStrategyGivesSnakeCaseNames() {
    try (JpaFixture jpa =
        JpaFixture.builder(ENTITIES)
            .keys(TestKeys.standard())
            .set(
                "hibernate.physical_naming_strategy",
                "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy")
            .build()) {
      persistAll(jpa);
      assertThat(read(jpa, "account_holder", "home_address", 1L, "account_holder"))
          .isEqualTo("1 Main St");
      assertThat(read(jpa, "joined_leaf", "leaf_secret", 3L, "joined_leaf"))
          .isEqualTo("joined-leaf");
    }
  }
}
