-- Failed sign-ins are counted per address without keeping the address: the column
-- holds the SHA-256 of the lower-cased address, so an erased person's address does not
-- come back with the next mistyped sign-in. Entries live 15 minutes; old ones go.
DELETE FROM login_failures;
ALTER TABLE login_failures RENAME COLUMN email TO email_hash;
