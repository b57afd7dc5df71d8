-- Sizes from docs/FORMAT.md section 6, for key ids of up to 8 characters (k1, p1, ...):
-- Seal binary: UTF-8 bytes of the value (254 characters -> up to 762) + 47 + 8 = 817 bytes.
-- Seal base64: a date is 8 bytes; 8 + 47 + 8 = 63 bytes -> 4 * ceil(63 / 3) = 84 characters.
-- Blind index: key id + ":" + 43 base64url characters (docs/FORMAT.md section 10): 80 is ample.
create sequence customer_seq start with 1 increment by 50;

create table customer (
  id           bigint       not null primary key,
  display_name varchar(100) not null,
  email        bytea,
  email_index  varchar(80) unique,
  birth_date   varchar(84)
);
