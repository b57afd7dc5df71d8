-- Step 1 of docs/ADOPTING.md: make room for the ciphertext (FORMAT.md section 6), H2 syntax.
-- The columns become base64 text columns (@Encrypted(format = BASE64)) sized for the longest value
-- they can hold today with key ids of up to 64 characters:
--   name:  100 chars (400 UTF-8 bytes) + 47 + 64 -> 4 * ceil(511 / 3)
--   email: 254 chars (1016 bytes) + 111           -> 4 * ceil(1127 / 3)
--   member_since: a date (8 bytes) + 111          -> 4 * ceil(119 / 3); the date becomes its
--   text form ('1706-12-17'), which read-legacy reads as a LocalDate.
alter table legacy_contact alter column name set data type varchar(684);
alter table legacy_contact alter column email set data type varchar(1504);
alter table legacy_contact alter column member_since set data type varchar(160);
