-- case: a trigger function in dollar quotes and its trigger
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
COMMENT ON FUNCTION touch_updated_at() IS 'keeps updated_at current';
