-- Durable cursors of the themis4j re-encryption engine (KeyRotationJob and the other passes;
-- docs/ENGINE.md, docs/KEY-ROTATION.md section 3): one row per key range of each walked table.
-- themis4j_rotation_progress (V2) is the table of the earlier version, still read to resume a
-- Context Imprint rotation it had started.
create table themis4j_pass_cursor (
    cursor_key varchar(64) not null primary key,
    plan_key varchar(64) not null,
    pass_name varchar(40) not null,
    table_name varchar(255) not null,
    label varchar(255) not null,
    part_no integer not null,
    parts integer not null,
    lo_id varchar(1024),
    hi_id varchar(1024),
    last_id varchar(1024),
    rows_total bigint not null,
    rows_done bigint not null,
    finished integer not null,
    version bigint not null,
    updated_at varchar(40) not null
);
