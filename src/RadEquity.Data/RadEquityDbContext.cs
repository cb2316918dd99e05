using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RadEquity.Data.Model;

namespace RadEquity.Data;

/// <summary>
/// The RadEquity store: facts, raw resources, quarantine, ingest runs, measure runs, the web app's accounts
/// (ASP.NET Core Identity) and audit log, and the coalition hub's pledges. One model for SQLite and PostgreSQL; each
/// provider has a thin subclass that owns its migrations (see docs/adr/0001-storage.md). Table and column names are snake_case on both, so hand-written
/// SQL reads the same everywhere.
/// </summary>
public abstract partial class RadEquityDbContext : IdentityDbContext<RadEquityUser, IdentityRole, string>
{
    /// <summary>For the provider subclasses.</summary>
    protected RadEquityDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<PatientRow> Patients => Set<PatientRow>();

    public DbSet<CoverageRow> Coverages => Set<CoverageRow>();

    public DbSet<ClinicalEventRow> ClinicalEvents => Set<ClinicalEventRow>();

    public DbSet<AppointmentRow> Appointments => Set<AppointmentRow>();

    public DbSet<SiteRow> Sites => Set<SiteRow>();

    public DbSet<RawResourceRow> RawResources => Set<RawResourceRow>();

    public DbSet<QuarantineRow> Quarantine => Set<QuarantineRow>();

    public DbSet<IngestRunRow> IngestRuns => Set<IngestRunRow>();

    public DbSet<MeasureRunRow> MeasureRuns => Set<MeasureRunRow>();

    public DbSet<MeasureOutcomeRow> MeasureOutcomes => Set<MeasureOutcomeRow>();

    public DbSet<MeasureCountRow> MeasureCounts => Set<MeasureCountRow>();

    public DbSet<MeasureCompletenessRow> MeasureCompleteness => Set<MeasureCompletenessRow>();

    public DbSet<MeasureRunPatientRow> MeasureRunPatients => Set<MeasureRunPatientRow>();

    public DbSet<PledgeRow> Pledges => Set<PledgeRow>();

    public DbSet<PledgeFollowUpRow> PledgeFollowUps => Set<PledgeFollowUpRow>();

    /// <summary>The audit log, read-only and untracked: events are only ever appended (<see cref="AppendAuditEvent"/>).</summary>
    public IQueryable<AuditEventRow> AuditEvents => Set<AuditEventRow>().AsNoTracking();

    /// <summary>
    /// The identity schema is pinned, so the model (and its migrations) do not change with the host's Identity options.
    /// </summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version1;

    /// <summary>Adds an audit event, written by the next <c>SaveChanges</c>.</summary>
    public void AppendAuditEvent(AuditEventRow auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        Set<AuditEventRow>().Add(auditEvent);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The audit log is append-only: in code here (tracked changes), and in the database by triggers (everything else,
    // such as ExecuteUpdate, ExecuteDelete and raw SQL).
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEventRow>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("audit_events is append-only: an audit event cannot be changed or deleted.");
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        base.OnModelCreating(builder);
        MapAccounts(builder);

        builder.Entity<PatientRow>(e => MapPatientTable(e, "patients"));
        builder.Entity<CoverageRow>(e => MapPatientTable(e, "coverages"));
        builder.Entity<ClinicalEventRow>(e => MapPatientTable(e, "clinical_events"));
        builder.Entity<AppointmentRow>(e => MapPatientTable(e, "appointments"));
        builder.Entity<SiteRow>(e => MapResourceTable(e, "sites"));
        builder.Entity<RawResourceRow>(e =>
        {
            MapResourceTable(e, "raw_resources");
            e.HasIndex(r => new { r.Source, r.PatientId });
        });
        builder.Entity<QuarantineRow>(e =>
        {
            e.ToTable("quarantine");
            e.HasKey(q => q.Id);
            e.HasIndex(q => new { q.Source, q.File, q.Line }).IsUnique();
        });
        builder.Entity<IngestRunRow>(e =>
        {
            e.ToTable("ingest_runs");
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.Status);
        });
        MapMeasureRuns(builder);
        builder.Entity<PledgeRow>(e =>
        {
            e.ToTable("pledges");
            e.HasKey(p => p.Id);
            e.Property(p => p.Email).HasMaxLength(PledgeRow.EmailLength);
            e.Property(p => p.Name).HasMaxLength(PledgeRow.NameLength);
            e.Property(p => p.Organisation).HasMaxLength(PledgeRow.OrganisationLength);
            e.Property(p => p.Commitment).HasMaxLength(PledgeRow.CommitmentLength);
            e.HasIndex(p => p.Email).IsUnique();
            e.HasIndex(p => p.ConfirmedAt);
        });
        builder.Entity<PledgeFollowUpRow>(e =>
        {
            e.ToTable("pledge_follow_ups");
            e.HasKey(f => f.Id);
            e.HasIndex(f => new { f.PledgeId, f.Kind }).IsUnique();
            // Deleting a pledge (the owner's right) deletes its follow-up history too.
            e.HasOne<PledgeRow>().WithMany().HasForeignKey(f => f.PledgeId).OnDelete(DeleteBehavior.Cascade);
        });
        // The coalition hub's other slices map their tables in their own files (RadEquityDbContext.*.cs).
        MapCoalitionHome(builder);
        MapLibrary(builder);
        MapCommunity(builder);
        MapCareTasks(builder);
        MapWorklist(builder);
        MapOutreach(builder);
        MapCampaigns(builder);

        ApplySnakeCaseNames(builder);
    }

    private static void MapAccounts(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RadEquityUser>().ToTable("users");
        modelBuilder.Entity<IdentityRole>().ToTable("roles");
        modelBuilder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        modelBuilder.Entity<AuditEventRow>(e =>
        {
            // Append-only: the migration AccountsAndAudit creates triggers that refuse UPDATE and DELETE; declared here so
            // the model says so too.
            e.ToTable("audit_events", t =>
            {
                t.HasTrigger("audit_events_no_update");
                t.HasTrigger("audit_events_no_delete");
            });
            e.HasKey(a => a.Id);
            e.Property(a => a.UserAgent).HasMaxLength(AuditEventRow.UserAgentLength);
            e.HasIndex(a => a.OccurredAt);
            e.HasIndex(a => new { a.UserName, a.OccurredAt });
        });
    }

    // No foreign keys to measure_runs, like quarantine.run_id: a per-row check would slow the bulk COPY of outcomes,
    // and readers only read the rows of completed runs, which were written in one transaction with their run.
    private static void MapMeasureRuns(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MeasureRunRow>(e =>
        {
            e.ToTable("measure_runs");
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.Status);
        });
        modelBuilder.Entity<MeasureOutcomeRow>(e =>
        {
            e.ToTable("measure_outcomes");
            e.HasKey(o => new { o.RunId, o.MeasureId, o.Source, o.PatientId });
            e.HasIndex(o => new { o.RunId, o.PatientId });
        });
        modelBuilder.Entity<MeasureCountRow>(e =>
        {
            e.ToTable("measure_counts");
            e.HasKey(c => new { c.RunId, c.MeasureId, c.StratifierId, c.Category });
        });
        modelBuilder.Entity<MeasureCompletenessRow>(e =>
        {
            e.ToTable("measure_completeness");
            e.HasKey(c => new { c.RunId, c.Source });
        });
        modelBuilder.Entity<MeasureRunPatientRow>(e =>
        {
            e.ToTable("measure_run_patients");
            e.HasKey(p => new { p.RunId, p.Source, p.PatientId });
        });
    }

    private static void MapResourceTable<T>(EntityTypeBuilder<T> entity, string table)
        where T : ResourceRow
    {
        entity.ToTable(table);
        entity.HasKey(r => new { r.Source, r.ResourceType, r.ResourceId });
    }

    // ARCHITECTURE "every clinical table carries the patient key": the (source, patient_id) index is what a
    // per-patient read uses today and what a distribution key would be tomorrow.
    private static void MapPatientTable<T>(EntityTypeBuilder<T> entity, string table)
        where T : ResourceRow
    {
        MapResourceTable(entity, table);
        entity.HasIndex("Source", "PatientId");
    }

    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }

            entity.FindPrimaryKey()?.SetName("pk_" + table);
            foreach (var key in entity.GetForeignKeys())
            {
                key.SetConstraintName("fk_" + table + "_" + key.PrincipalEntityType.GetTableName() + "_"
                    + string.Join('_', key.Properties.Select(p => ToSnakeCase(p.Name))));
            }

            foreach (var index in entity.GetIndexes())
            {
                var prefix = index.IsUnique ? "ux_" : "ix_";
                index.SetDatabaseName(prefix + table + "_" + string.Join('_', index.Properties.Select(p => ToSnakeCase(p.Name))));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
