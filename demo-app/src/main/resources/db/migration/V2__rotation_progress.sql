-- Progress of Context Imprint key rotations (themis4j KeyRotationJob, docs/KEY-ROTATION.md section 3).
-- Created here so that Flyway owns the whole schema (themis4j.rotation.create-progress-table=false).
-- The demo's Context Imprint column is pinned and not rotated from the page, so this table stays
-- empty unless you name Context Imprint keys (themis4j.rotation.context-imprint.<ring>.from/to).
create table themis4j_rotation_progress (
  rotation_key varchar(64)   not null primary key,
  table_name   varchar(255)  not null,
  column_name  varchar(255)  not null,
  key_ring     varchar(64)   not null,
  from_key     varchar(64)   not null,
  to_key       varchar(64)   not null,
  last_id      varchar(1024),
  rows_done    bigint        not null,
  finished     integer       not null,
  version      bigint        not null,
  updated_at   varchar(40)   not null
);
