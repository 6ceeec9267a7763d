
-- PostgreSQL: a stored version never changes and is never removed. Its sources may be filled in
-- once, for a file version recorded before they were kept.
CREATE FUNCTION definitions_never_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'a stored questionnaire version is never removed';
    END IF;
    IF NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.id IS DISTINCT FROM OLD.id
        OR NEW.version IS DISTINCT FROM OLD.version OR NEW.json IS DISTINCT FROM OLD.json
        OR NEW.first_loaded_at IS DISTINCT FROM OLD.first_loaded_at OR NEW.source IS DISTINCT FROM OLD.source
        OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.published_by IS DISTINCT FROM OLD.published_by
        OR NEW.introduced IS DISTINCT FROM OLD.introduced
        OR (OLD.sources IS NOT NULL AND NEW.sources IS DISTINCT FROM OLD.sources) THEN
        RAISE EXCEPTION 'a stored questionnaire version never changes';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER definitions_never_change BEFORE UPDATE OR DELETE ON definitions
    FOR EACH ROW EXECUTE FUNCTION definitions_never_change();
