-- Every server keeps the vacancy board's rows in memory (src/server/modules/shelters/board.cache.ts) and
-- drops them all when it hears of a change to anything the board reads: a place, a unit, a structure,
-- the networks a structure serves, or an organisation's networks. One notice per statement (and the
-- same payload is sent once per transaction), whichever server or tool made the change.
CREATE OR REPLACE FUNCTION trama_shelter_board_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('trama_shelter_board', '*');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER shelter_places_board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shelter_places FOR EACH STATEMENT EXECUTE FUNCTION trama_shelter_board_changed();
--> statement-breakpoint
CREATE TRIGGER shelter_units_board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shelter_units FOR EACH STATEMENT EXECUTE FUNCTION trama_shelter_board_changed();
--> statement-breakpoint
CREATE TRIGGER shelter_structures_board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shelter_structures FOR EACH STATEMENT EXECUTE FUNCTION trama_shelter_board_changed();
--> statement-breakpoint
CREATE TRIGGER shelter_structure_networks_board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shelter_structure_networks FOR EACH STATEMENT EXECUTE FUNCTION trama_shelter_board_changed();
--> statement-breakpoint
CREATE TRIGGER network_members_board_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network_members FOR EACH STATEMENT EXECUTE FUNCTION trama_shelter_board_changed();
