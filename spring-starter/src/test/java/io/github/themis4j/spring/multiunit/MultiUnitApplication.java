package io.github.themis4j.spring.multiunit;

import io.github.themis4j.spring.multiunit.accounts.Account;
import io.github.themis4j.spring.multiunit.archive.Note;
import io.github.themis4j.spring.multiunit.billing.Invoice;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jpa.EntityManagerFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * An application with three persistence units on three H2 databases, each with an {@code
 * Encrypted} entity: "accounts" (primary) and "billing" built with Boot's {@link
 * EntityManagerFactoryBuilder}, "archive" a raw {@link LocalContainerEntityManagerFactoryBean}.
 * With {@code probe.unreachable-unit=true} a fourth unit is built by Hibernate directly, out of
 * the starter's reach.
 */
@SpringBootApplication
public class MultiUnitApplication {
  private static final Map<String, Object> DDL = Map.of("hibernate.hbm2ddl.auto", "update");

  private static DataSource h2(String name) {
    return DataSourceBuilder.create().url("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1").username("sa").build();
  }

  @Bean
  @Primary
  DataSource dataSource(@Value("${probe.db}") String db) {
    return h2(db + "accounts");
  }

  @Bean
  DataSource billingDataSource(@Value("${probe.db}") String db) {
    return h2(db + "billing");
  }

  @Bean
  DataSource archiveDataSource(@Value("${probe.db}") String db) {
    return h2(db + "archive");
  }

  @Bean
  @Primary
  LocalContainerEntityManagerFactoryBean entityManagerFactory(EntityManagerFactoryBuilder builder, DataSource dataSource) {
    return builder.dataSource(dataSource).packages(Account.class).persistenceUnit("accounts").properties(DDL).build();
  }

  @Bean
  LocalContainerEntityManagerFactoryBean billingEntityManagerFactory(
      EntityManagerFactoryBuilder builder, @Qualifier("billingDataSource") DataSource dataSource) {
    return builder.dataSource(dataSource).packages(Invoice.class).persistenceUnit("billing").properties(DDL).build();
  }

  /** Built without Boot's builder: the starter's bean post-processor gives it the key ring. */
  @Bean
  LocalContainerEntityManagerFactoryBean archiveEntityManagerFactory(
      @Qualifier("archiveDataSource") DataSource dataSource) {
    LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
    factory.setDataSource(dataSource);
    factory.setPackagesToScan(Note.class.getPackageName());
    factory.setPersistenceUnitName("archive");
    factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
    factory.setJpaPropertyMap(DDL);
    return factory;
  }

  /** An entity manager factory that no Spring factory bean builds: the starter cannot reach it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty("probe.unreachable-unit")
  static class Unreachable {
    @Bean
    EntityManagerFactory unreachableEntityManagerFactory(@Value("${probe.db}") String db) {
      return new HibernatePersistenceConfiguration("unreachable")
          .managedClass(Note.class)
          .jdbcUrl("jdbc:h2:mem:" + db + "unreachable;DB_CLOSE_DELAY=-1")
          .property("hibernate.hbm2ddl.auto", "update")
          .createEntityManagerFactory();
    }
  }
}
