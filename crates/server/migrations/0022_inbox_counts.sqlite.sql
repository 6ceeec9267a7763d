-- SQLite: the counts follow every row written, deleted or changed. One writer at a time, so each
-- trigger adds or takes one from one row.
CREATE TRIGGER inbox_counts_insert AFTER INSERT ON submissions
WHEN NEW.share_scores = 1 OR NEW.contact_me = 1
BEGIN
    INSERT INTO inbox_counts (campaign_id, department, signal, status, shared)
    VALUES (NEW.campaign_id, COALESCE(NEW.department, ''), COALESCE(NEW.signal, 'none'), NEW.status, 1)
    ON CONFLICT (campaign_id, department, signal, status) DO UPDATE SET shared = shared + 1;
END;

CREATE TRIGGER inbox_counts_delete AFTER DELETE ON submissions
WHEN OLD.share_scores = 1 OR OLD.contact_me = 1
BEGIN
    UPDATE inbox_counts SET shared = shared - 1
    WHERE campaign_id = OLD.campaign_id AND department = COALESCE(OLD.department, '')
        AND signal = COALESCE(OLD.signal, 'none') AND status = OLD.status;
    DELETE FROM inbox_counts
    WHERE campaign_id = OLD.campaign_id AND department = COALESCE(OLD.department, '')
        AND signal = COALESCE(OLD.signal, 'none') AND status = OLD.status AND shared = 0;
END;

-- A change of what the counts are kept by (in practice the status): one taken from the old row,
-- one added to the new. `SET status = status` (a row lock in disguise) changes nothing here.
CREATE TRIGGER inbox_counts_update AFTER UPDATE OF campaign_id, department, signal, status, share_scores, contact_me ON submissions
WHEN OLD.campaign_id IS NOT NEW.campaign_id OR OLD.department IS NOT NEW.department OR OLD.signal IS NOT NEW.signal
    OR OLD.status IS NOT NEW.status OR OLD.share_scores IS NOT NEW.share_scores OR OLD.contact_me IS NOT NEW.contact_me
BEGIN
    UPDATE inbox_counts SET shared = shared - 1
    WHERE (OLD.share_scores = 1 OR OLD.contact_me = 1)
        AND campaign_id = OLD.campaign_id AND department = COALESCE(OLD.department, '')
        AND signal = COALESCE(OLD.signal, 'none') AND status = OLD.status;
    DELETE FROM inbox_counts
    WHERE campaign_id = OLD.campaign_id AND department = COALESCE(OLD.department, '')
        AND signal = COALESCE(OLD.signal, 'none') AND status = OLD.status AND shared = 0;
    INSERT INTO inbox_counts (campaign_id, department, signal, status, shared)
    SELECT NEW.campaign_id, COALESCE(NEW.department, ''), COALESCE(NEW.signal, 'none'), NEW.status, 1
    WHERE NEW.share_scores = 1 OR NEW.contact_me = 1
    ON CONFLICT (campaign_id, department, signal, status) DO UPDATE SET shared = shared + 1;
END;

-- What was shared before this change.
INSERT INTO inbox_counts (campaign_id, department, signal, status, shared)
SELECT campaign_id, COALESCE(department, ''), COALESCE(signal, 'none'), status, COUNT(*)
FROM submissions WHERE share_scores = 1 OR contact_me = 1
GROUP BY campaign_id, COALESCE(department, ''), COALESCE(signal, 'none'), status;
