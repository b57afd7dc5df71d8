-- Blind indexes (docs/FORMAT.md section 10): keyed hashes of the normalized e-mail and insurance
-- number, so that patients can be found by them without storing them in the clear. Text of up to
-- 64 (key id) + 1 + 43 characters. Rows stored before this migration get their index from the
-- BlindIndexPass the application runs at startup.
alter table patient add column email_bidx varchar(108);
alter table patient add column insurance_bidx varchar(108);
-- An exact index supports a unique constraint: two patients cannot share an e-mail address
-- (compared trimmed and lower-cased).
create unique index patient_email_bidx on patient (email_bidx);
create index patient_insurance_bidx on patient (insurance_bidx);
