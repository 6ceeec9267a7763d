-- PostgreSQL: the counts follow every statement that writes, deletes or changes submissions,
-- once per statement (the upload writer inserts a batch of uploads with one). Each statement's
-- changes are added per row of counts in one upsert, in the order of the rows' keys, so that two
-- transactions changing the same rows lock them in the same order and cannot deadlock.
-- No other writer may slip in between the triggers' creation and the first count.
LOCK TABLE submissions IN SHARE ROW EXCLUSIVE MODE;

CREATE FUNCTION inbox_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO inbox_counts AS k (campaign_id, department, signal, status, shared)
    SELECT campaign_id, COALESCE(department, ''), COALESCE(signal, 'none'), status, COUNT(*)
    FROM new_rows WHERE share_scores = 1 OR contact_me = 1
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (campaign_id, department, signal, status) DO UPDATE SET shared = k.shared + excluded.shared;
    RETURN NULL;
END
$$;

CREATE FUNCTION inbox_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO inbox_counts AS k (campaign_id, department, signal, status, shared)
    SELECT campaign_id, COALESCE(department, ''), COALESCE(signal, 'none'), status, -COUNT(*)
    FROM old_rows WHERE share_scores = 1 OR contact_me = 1
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (campaign_id, department, signal, status) DO UPDATE SET shared = k.shared + excluded.shared;
    DELETE FROM inbox_counts k USING old_rows o
    WHERE k.shared = 0 AND k.campaign_id = o.campaign_id AND k.department = COALESCE(o.department, '')
        AND k.signal = COALESCE(o.signal, 'none') AND k.status = o.status;
    RETURN NULL;
END
$$;

-- A change of what the counts are kept by (in practice the status): taken from the old rows,
-- added to the new. Statements that change none of it (`SET status = status`, a row lock in
-- disguise) add nothing.
CREATE FUNCTION inbox_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO inbox_counts AS k (campaign_id, department, signal, status, shared)
    SELECT campaign_id, department, signal, status, SUM(shared)
    FROM (
        SELECT campaign_id, COALESCE(department, '') AS department, COALESCE(signal, 'none') AS signal, status, -1 AS shared
        FROM old_rows WHERE share_scores = 1 OR contact_me = 1
        UNION ALL
        SELECT campaign_id, COALESCE(department, ''), COALESCE(signal, 'none'), status, 1
        FROM new_rows WHERE share_scores = 1 OR contact_me = 1
    ) changes
    GROUP BY 1, 2, 3, 4 HAVING SUM(shared) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (campaign_id, department, signal, status) DO UPDATE SET shared = k.shared + excluded.shared;
    DELETE FROM inbox_counts k USING old_rows o
    WHERE k.shared = 0 AND k.campaign_id = o.campaign_id AND k.department = COALESCE(o.department, '')
        AND k.signal = COALESCE(o.signal, 'none') AND k.status = o.status;
    RETURN NULL;
END
$$;

CREATE TRIGGER inbox_counts_insert AFTER INSERT ON submissions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_counts_inserted();
CREATE TRIGGER inbox_counts_delete AFTER DELETE ON submissions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_counts_deleted();
CREATE TRIGGER inbox_counts_update AFTER UPDATE ON submissions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_counts_updated();

-- What was shared before this change.
INSERT INTO inbox_counts (campaign_id, department, signal, status, shared)
SELECT campaign_id, COALESCE(department, ''), COALESCE(signal, 'none'), status, COUNT(*)
FROM submissions WHERE share_scores = 1 OR contact_me = 1
GROUP BY 1, 2, 3, 4;
