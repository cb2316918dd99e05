using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RadEquity.Data.Measures;

/// <summary>
/// The tables of the fact snapshot (<see cref="FactSnapshot"/>), which EF does not model: one encoded row per patient,
/// the dictionary of the strings the rows refer to, the format the rows were written in, and the patients whose facts
/// changed since their row was written. Triggers on the three fact tables the measures read mark a patient pending in
/// the same transaction as the change, whoever makes it, so the snapshot can never silently go stale. Called by one line
/// from the <c>FactSnapshot</c> migration of each provider, so a regenerated migration keeps it.
/// </summary>
public static class FactSnapshotSchema
{
    private static readonly string[] FactTables = ["patients", "coverages", "clinical_events"];

    /// <summary>Creates the tables and triggers. The snapshot starts empty with no format, so the first refresh builds
    /// it whole.</summary>
    public static void Create(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.IsSqlite())
        {
            // WITHOUT ROWID: rows are stored in key order, so the evaluation's scan in key order reads the file in order.
            migrationBuilder.Sql("""
                CREATE TABLE fact_snapshots (
                    source TEXT NOT NULL, patient_id TEXT NOT NULL, facts BLOB NOT NULL,
                    PRIMARY KEY (source, patient_id)) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("CREATE TABLE fact_snapshot_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");
            migrationBuilder.Sql("""
                CREATE TABLE fact_snapshot_pending (
                    source TEXT NOT NULL, patient_id TEXT NOT NULL, PRIMARY KEY (source, patient_id)) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("CREATE TABLE fact_snapshot_state (id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL);");
            foreach (var table in FactTables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_snapshot_insert AFTER INSERT ON {table} BEGIN
                        INSERT OR IGNORE INTO fact_snapshot_pending (source, patient_id) VALUES (new.source, new.patient_id);
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_snapshot_delete AFTER DELETE ON {table} BEGIN
                        INSERT OR IGNORE INTO fact_snapshot_pending (source, patient_id) VALUES (old.source, old.patient_id);
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_snapshot_update AFTER UPDATE ON {table} BEGIN
                        INSERT OR IGNORE INTO fact_snapshot_pending (source, patient_id) VALUES (old.source, old.patient_id);
                        INSERT OR IGNORE INTO fact_snapshot_pending (source, patient_id) VALUES (new.source, new.patient_id);
                    END;
                    """);
            }
        }
        else if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("""
                CREATE TABLE fact_snapshots (
                    source text NOT NULL, patient_id text NOT NULL, facts bytea NOT NULL,
                    PRIMARY KEY (source, patient_id));
                """);
            migrationBuilder.Sql("CREATE TABLE fact_snapshot_texts (id integer PRIMARY KEY, text text NOT NULL);");
            migrationBuilder.Sql("""
                CREATE TABLE fact_snapshot_pending (source text NOT NULL, patient_id text NOT NULL, PRIMARY KEY (source, patient_id));
                """);
            migrationBuilder.Sql("CREATE TABLE fact_snapshot_state (id integer PRIMARY KEY CHECK (id = 1), format integer NOT NULL);");
            // Statement-level triggers with transition tables: one set-based insert per statement (the ingest writes by
            // binary COPY), not one per row.
            migrationBuilder.Sql("""
                CREATE FUNCTION fact_snapshot_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO fact_snapshot_pending (source, patient_id)
                    SELECT DISTINCT source, patient_id FROM changed_new ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION fact_snapshot_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO fact_snapshot_pending (source, patient_id)
                    SELECT DISTINCT source, patient_id FROM changed_old ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION fact_snapshot_mark_both() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO fact_snapshot_pending (source, patient_id)
                    SELECT source, patient_id FROM changed_old UNION SELECT source, patient_id FROM changed_new
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in FactTables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_snapshot_insert AFTER INSERT ON {table}
                    REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION fact_snapshot_mark_new();
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_snapshot_delete AFTER DELETE ON {table}
                    REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION fact_snapshot_mark_old();
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_snapshot_update AFTER UPDATE ON {table}
                    REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION fact_snapshot_mark_both();
                    """);
            }
        }
    }

    /// <summary>Drops what <see cref="Create"/> made.</summary>
    public static void Drop(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var npgsql = migrationBuilder.IsNpgsql();
        foreach (var table in FactTables)
        {
            foreach (var change in new[] { "insert", "delete", "update" })
            {
                migrationBuilder.Sql(npgsql
                    ? $"DROP TRIGGER IF EXISTS {table}_snapshot_{change} ON {table};"
                    : $"DROP TRIGGER IF EXISTS {table}_snapshot_{change};");
            }
        }

        if (npgsql)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS fact_snapshot_mark_new(); DROP FUNCTION IF EXISTS fact_snapshot_mark_old(); DROP FUNCTION IF EXISTS fact_snapshot_mark_both();");
        }

        foreach (var table in new[] { "fact_snapshots", "fact_snapshot_texts", "fact_snapshot_pending", "fact_snapshot_state" })
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
        }
    }
}
