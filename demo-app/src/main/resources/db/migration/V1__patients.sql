-- Patients of the demo clinic. Every encrypted column holds what docs/FORMAT.md describes: an
-- envelope (format version, kind, key id) and a Themis Secure Cell, bound to table, column and id.
-- Sizes follow FORMAT.md section 6 for key ids of up to 64 characters.

create sequence patient_seq start with 1 increment by 50;

create table patient (
  id               bigint        not null primary key,
  -- Seal, binary: up to 100 characters (300 UTF-8 bytes) + 47 + 64.
  full_name        varbinary(420) not null,
  -- Seal, base64 text: up to 1000 characters (3000 bytes) + 111 -> 4 * ceil(3111 / 3).
  notes            varchar(4150),
  -- Token Protect: the ciphertext has the plaintext's length (up to 254 characters = 762 bytes);
  -- the token column holds the envelope and the 44-byte Themis token (47 + 64).
  email            varbinary(762),
  email_token      varbinary(111),
  -- Context Imprint: same length as the plaintext, always 13 bytes (AAA-0000-0000); no key id.
  insurance_number varbinary(13),
  -- Seal, binary: 8-byte date + 47 + 64.
  birth_date       varbinary(119),
  -- Seal, binary: the 19-character recovery code + 47 + 64.
  recovery_code    varbinary(130) not null,
  -- Not encrypted, so it can be searched and sorted.
  city             varchar(60)   not null,
  created_at       timestamp(6) with time zone not null
);
