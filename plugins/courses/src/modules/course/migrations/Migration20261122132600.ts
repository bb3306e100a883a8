import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * course_outline_version: one counter per course, raised by triggers on every write to
 * its modules, sections and placements, and on every change of a placed lesson's outline
 * fields (title, type, duration, deletion), whatever code path writes them.
 * The store reads it with the course (one indexed row) to key its outline caches, instead
 * of fingerprinting hundreds of rows on every request (bench P1/P2).
 */
export class Migration20261122132600 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "course_outline_version" ("course_id" text not null primary key, "version" bigint not null default 0);`)
    this.addSql(`CREATE OR REPLACE FUNCTION course_outline_bump(target text) RETURNS void LANGUAGE sql AS $$
      INSERT INTO course_outline_version (course_id, version) VALUES (target, 1)
      ON CONFLICT (course_id) DO UPDATE SET version = course_outline_version.version + 1;
    $$;`)
    this.addSql(`CREATE OR REPLACE FUNCTION course_outline_node_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM course_outline_bump(OLD.course_id); END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.course_id IS DISTINCT FROM OLD.course_id) THEN
          PERFORM course_outline_bump(NEW.course_id);
        END IF;
        RETURN NULL;
      END $$;`)
    this.addSql(`CREATE OR REPLACE FUNCTION course_outline_lesson_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM course_outline_bump(course_id)
          FROM (SELECT DISTINCT p.course_id FROM section_lesson p WHERE p.lesson_id = OLD.id ORDER BY p.course_id) placed;
        RETURN NULL;
      END $$;`)
    for (const table of ["course_module", "course_section", "section_lesson"]) {
      this.addSql(`DROP TRIGGER IF EXISTS ${table}_outline_version ON "${table}";`)
      this.addSql(
        `CREATE TRIGGER ${table}_outline_version AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION course_outline_node_written();`
      )
    }
    this.addSql(`DROP TRIGGER IF EXISTS lesson_outline_version ON "lesson";`)
    this.addSql(`CREATE TRIGGER lesson_outline_version AFTER UPDATE OF title, type, duration_seconds, deleted_at OR DELETE ON "lesson" FOR EACH ROW EXECUTE FUNCTION course_outline_lesson_written();`)
  }

  override async down(): Promise<void> {
    for (const table of ["course_module", "course_section", "section_lesson", "lesson"]) {
      this.addSql(`DROP TRIGGER IF EXISTS ${table}_outline_version ON "${table}";`)
    }
    this.addSql(`DROP FUNCTION IF EXISTS course_outline_lesson_written();`)
    this.addSql(`DROP FUNCTION IF EXISTS course_outline_node_written();`)
    this.addSql(`DROP FUNCTION IF EXISTS course_outline_bump(text);`)
    this.addSql(`drop table if exists "course_outline_version" cascade;`)
  }
}
