-- themis4j envelope key rings (issue 20): wrapped data keys, never a key in the clear.
-- Portable DDL (H2, PostgreSQL, MariaDB/MySQL); times are ISO-8601 instants as text.
-- Shipped in themis4j-jpa at classpath:db/themis4j; see docs/ENVELOPE-KEYS.md for how to apply it
-- with its own Flyway history table, or copy it into your migrations under your own version.
create table themis4j_key_ring (
  ring varchar(64) not null,
  active_key_id varchar(64),
  shredded_at varchar(40),
  updated_at varchar(40) not null,
  primary key (ring)
);

create table themis4j_data_key (
  ring varchar(64) not null,
  key_id varchar(64) not null,
  kek_uri varchar(500) not null,
  wrapped_key varchar(2000) not null,
  created_at varchar(40) not null,
  primary key (ring, key_id),
  constraint themis4j_data_key_ring foreign key (ring) references themis4j_key_ring (ring)
);
