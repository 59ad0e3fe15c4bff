-- Every server keeps the principals of live sessions in memory (src/server/access/principal-cache.ts)
-- and drops them when it hears of a change. Any change to a session, an account, a membership or an
-- organisation notifies the channel at commit, whichever server or tool made it: the user's id, or '*'
-- when an organisation changed (its name or type is part of every member's principal).
CREATE OR REPLACE FUNCTION trama_principal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'organisations' THEN
    PERFORM pg_notify('trama_principal', '*');
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('trama_principal', (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
  ELSE
    PERFORM pg_notify('trama_principal', (CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END)::text);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_principal_changed AFTER UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION trama_principal_changed();
--> statement-breakpoint
CREATE TRIGGER users_principal_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION trama_principal_changed();
--> statement-breakpoint
CREATE TRIGGER memberships_principal_changed AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION trama_principal_changed();
--> statement-breakpoint
CREATE TRIGGER organisations_principal_changed AFTER UPDATE OR DELETE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION trama_principal_changed();
