-- A table of the application before it used themis4j: contacts in plaintext, as an older version
-- (or another application) wrote them. Seeded on first start with plaintext rows, non-ASCII text,
-- an empty string and nulls included. docs/ADOPTING.md walks through taking it over.
create table legacy_contact (
  id           bigint       not null primary key,
  name         varchar(100) not null,
  email        varchar(254),
  member_since date
);

insert into legacy_contact (id, name, email, member_since) values
  (1, 'Émilie du Châtelet', 'emilie@example.fr', DATE '1706-12-17'),
  (2, 'Sofia Kovalevskaya', 'sofia@example.ru', DATE '1850-01-15'),
  (3, 'Srinivasa Ramanujan', '', DATE '1887-12-22'),
  (4, '华罗庚 Hua Luogeng', 'hua@example.cn', null),
  (5, 'Ada Lovelace', null, DATE '1815-12-10'),
  (6, 'Paul Erdős', 'erdos@example.hu', DATE '1913-03-26');
