package io.github.themis4j.jpa.hibernate.query;

import java.util.Map;
import org.hibernate.boot.registry.StandardServiceInitiator;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.metamodel.mapping.internal.MappingModelCreationProcess;
import org.hibernate.query.spi.DomainQueryExecutionContext;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.mutation.internal.SqmMultiTableMutationStrategyProviderInitiator;
import org.hibernate.query.sqm.mutation.spi.MultiTableHandlerBuildResult;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableInsertStrategy;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableMutationStrategy;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableMutationStrategyProvider;
import org.hibernate.query.sqm.tree.SqmDeleteOrUpdateStatement;
import org.hibernate.query.sqm.tree.delete.SqmDeleteStatement;
import org.hibernate.query.sqm.tree.insert.SqmInsertStatement;
import org.hibernate.query.sqm.tree.update.SqmUpdateStatement;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * The {@link EncryptedQueryGuard} in front of Hibernate's multi-table mutation strategies: bulk
 * updates, deletes and inserts of entities spread over several tables (joined or table-per-class
 * inheritance, secondary tables) are executed by these strategies without passing the SQM
 * translator factory. Installed as a service initiator by {@link QueryGuardContributor}; wraps
 * whatever strategies Hibernate would use.
 */
final class GuardedMutationStrategies implements SqmMultiTableMutationStrategyProvider {
  private final SqmMultiTableMutationStrategyProvider delegate;
  private final EncryptedQueryGuard guard;

  GuardedMutationStrategies(
      SqmMultiTableMutationStrategyProvider delegate, EncryptedQueryGuard guard) {
    this.delegate = delegate;
    this.guard = guard;
  }

  @Override
  public SqmMultiTableMutationStrategy createMutationStrategy(
      EntityMappingType rootEntityDescriptor, MappingModelCreationProcess creationProcess) {
    SqmMultiTableMutationStrategy s =
        delegate.createMutationStrategy(rootEntityDescriptor, creationProcess);
    return s == null ? null : new Mutation(s, guard);
  }

  @Override
  public SqmMultiTableInsertStrategy createInsertStrategy(
      EntityMappingType rootEntityDescriptor, MappingModelCreationProcess creationProcess) {
    SqmMultiTableInsertStrategy s =
        delegate.createInsertStrategy(rootEntityDescriptor, creationProcess);
    return s == null ? null : new Insert(s, guard);
  }

  /** Replaces Hibernate's initiator of the provider service with one wrapping its result. */
  static final class Initiator
      implements StandardServiceInitiator<SqmMultiTableMutationStrategyProvider> {
    private final EncryptedQueryGuard guard;

    Initiator(EncryptedQueryGuard guard) {
      this.guard = guard;
    }

    @Override
    public Class<SqmMultiTableMutationStrategyProvider> getServiceInitiated() {
      return SqmMultiTableMutationStrategyProvider.class;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public SqmMultiTableMutationStrategyProvider initiateService(
        Map configurationValues, ServiceRegistryImplementor registry) {
      return new GuardedMutationStrategies(
          SqmMultiTableMutationStrategyProviderInitiator.INSTANCE.initiateService(
              configurationValues, registry),
          guard);
    }
  }

  private static final class Mutation implements SqmMultiTableMutationStrategy {
    private final SqmMultiTableMutationStrategy delegate;
    private final EncryptedQueryGuard guard;

    Mutation(SqmMultiTableMutationStrategy delegate, EncryptedQueryGuard guard) {
      this.delegate = delegate;
      this.guard = guard;
    }

    @Override
    public void prepare(MappingModelCreationProcess process, JdbcConnectionAccess access) {
      delegate.prepare(process, access);
    }

    @Override
    public void prepare(MappingModelCreationProcess process) {
      delegate.prepare(process);
    }

    @Override
    public void release(SessionFactoryImplementor factory, JdbcConnectionAccess access) {
      delegate.release(factory, access);
    }

    @Override
    public MultiTableHandlerBuildResult buildHandler(
        SqmDeleteOrUpdateStatement<?> statement,
        DomainParameterXref xref,
        DomainQueryExecutionContext context) {
      guard.check(statement);
      return delegate.buildHandler(statement, xref, context);
    }

    @Override
    public int executeUpdate(
        SqmUpdateStatement<?> statement,
        DomainParameterXref xref,
        DomainQueryExecutionContext context) {
      guard.check(statement);
      return delegate.executeUpdate(statement, xref, context);
    }

    @Override
    public int executeDelete(
        SqmDeleteStatement<?> statement,
        DomainParameterXref xref,
        DomainQueryExecutionContext context) {
      guard.check(statement);
      return delegate.executeDelete(statement, xref, context);
    }
  }

  private static final class Insert implements SqmMultiTableInsertStrategy {
    private final SqmMultiTableInsertStrategy delegate;
    private final EncryptedQueryGuard guard;

    Insert(SqmMultiTableInsertStrategy delegate, EncryptedQueryGuard guard) {
      this.delegate = delegate;
      this.guard = guard;
    }

    @Override
    public void prepare(MappingModelCreationProcess process, JdbcConnectionAccess access) {
      delegate.prepare(process, access);
    }

    @Override
    public void prepare(MappingModelCreationProcess process) {
      delegate.prepare(process);
    }

    @Override
    public void release(SessionFactoryImplementor factory, JdbcConnectionAccess access) {
      delegate.release(factory, access);
    }

    @Override
    public MultiTableHandlerBuildResult buildHandler(
        SqmInsertStatement<?> statement,
        DomainParameterXref xref,
        DomainQueryExecutionContext context) {
      guard.check(statement);
      return delegate.buildHandler(statement, xref, context);
    }

    @Override
    public int executeInsert(
        SqmInsertStatement<?> statement,
        DomainParameterXref xref,
        DomainQueryExecutionContext context) {
      guard.check(statement);
      return delegate.executeInsert(statement, xref, context);
    }
  }
}
