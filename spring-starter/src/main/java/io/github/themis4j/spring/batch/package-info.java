/**
 * Spring Batch integration of the re-encryption engine: every pass as a partitioned Spring Batch
 * job (a {@link io.github.themis4j.spring.batch.ReencryptionPartitioner} over the engine's key
 * ranges, a {@link io.github.themis4j.spring.batch.ReencryptionPartitionTasklet} per range),
 * restartable from a JDBC job repository, locally or with remote partitioning (Spring Batch
 * Integration over any channel, such as RabbitMQ). Active only with {@code spring-batch-core} on
 * the class path.
 */
@NullMarked
package io.github.themis4j.spring.batch;

import org.jspecify.annotations.NullMarked;
