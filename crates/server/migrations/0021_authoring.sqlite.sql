
-- SQLite: a stored version never changes and is never removed. Its sources may be filled in
-- once, for a file version recorded before they were kept.
CREATE TRIGGER definitions_never_change BEFORE UPDATE ON definitions
WHEN NEW.content_hash IS NOT OLD.content_hash OR NEW.id IS NOT OLD.id OR NEW.version IS NOT OLD.version
    OR NEW.json IS NOT OLD.json OR NEW.first_loaded_at IS NOT OLD.first_loaded_at OR NEW.source IS NOT OLD.source
    OR NEW.published_at IS NOT OLD.published_at OR NEW.published_by IS NOT OLD.published_by
    OR NEW.introduced IS NOT OLD.introduced OR (OLD.sources IS NOT NULL AND NEW.sources IS NOT OLD.sources)
BEGIN
    SELECT RAISE(ABORT, 'a stored questionnaire version never changes');
END;
CREATE TRIGGER definitions_never_removed BEFORE DELETE ON definitions
BEGIN
    SELECT RAISE(ABORT, 'a stored questionnaire version is never removed');
END;
