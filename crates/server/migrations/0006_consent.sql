-- Consent that names who is responsible, and withdrawal without the phone (issue #14). Portable
-- between SQLite and PostgreSQL like the earlier changes.

-- Who is responsible for what people share (the verwerkingsverantwoordelijke) and how to reach
-- them, and the data protection officer where there is one: the consent text names them.
-- Campaigns from before this change get their organisation as the controller, without a contact.
ALTER TABLE campaigns ADD COLUMN controller_name TEXT;
ALTER TABLE campaigns ADD COLUMN controller_contact TEXT;
ALTER TABLE campaigns ADD COLUMN privacy_officer_name TEXT;
ALTER TABLE campaigns ADD COLUMN privacy_officer_contact TEXT;
UPDATE campaigns SET controller_name = (SELECT o.name FROM organisations o WHERE o.id = campaigns.org_id)
    WHERE controller_name IS NULL;

-- The campaign's values as they were filled into the consent text the person read (JSON), next
-- to `consent_version`: together they are the exact words. A later change to the campaign (an
-- extension) does not change them.
ALTER TABLE submissions ADD COLUMN consent_values TEXT;

-- The withdrawal code (derived from the withdrawal token, for use without the phone), only as
-- its hash. Uploads from before it existed have none.
ALTER TABLE submissions ADD COLUMN withdrawal_code_hash TEXT;
CREATE UNIQUE INDEX submissions_withdrawal_code ON submissions (withdrawal_code_hash);
