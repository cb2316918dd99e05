using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Model;

namespace RadEquity.Data;

// Outreach: template overrides, the attempts log, opt-outs, patients' requests, the SMS outbox and letter batches.
public abstract partial class RadEquityDbContext
{
    public DbSet<OutreachTemplateOverrideRow> OutreachTemplateOverrides => Set<OutreachTemplateOverrideRow>();

    public DbSet<OutreachAttemptRow> OutreachAttempts => Set<OutreachAttemptRow>();

    public DbSet<OutreachOptOutRow> OutreachOptOuts => Set<OutreachOptOutRow>();

    public DbSet<OutreachRequestRow> OutreachRequests => Set<OutreachRequestRow>();

    public DbSet<SmsOutboxRow> SmsOutbox => Set<SmsOutboxRow>();

    public DbSet<LetterBatchRow> LetterBatches => Set<LetterBatchRow>();

    public DbSet<LetterRow> Letters => Set<LetterRow>();

    private static void MapOutreach(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<OutreachTemplateOverrideRow>(e =>
        {
            e.ToTable("outreach_template_overrides");
            e.Property(o => o.Template).HasMaxLength(OutreachTemplateOverrideRow.KeyLength);
            e.Property(o => o.Language).HasMaxLength(16);
            e.Property(o => o.Text).HasMaxLength(OutreachTemplateOverrideRow.TextLength);
            e.Property(o => o.UpdatedBy).HasMaxLength(256);
            e.HasIndex(o => new { o.Template, o.Language }).IsUnique();
        });
        builder.Entity<OutreachAttemptRow>(e =>
        {
            e.ToTable("outreach_attempts");
            e.Property(a => a.Channel).HasMaxLength(16);
            e.Property(a => a.Template).HasMaxLength(OutreachTemplateOverrideRow.KeyLength);
            e.Property(a => a.Language).HasMaxLength(16);
            e.Property(a => a.Outcome).HasMaxLength(16);
            e.Property(a => a.Reason).HasMaxLength(200);
            // The contact cap counts a patient's recent attempts.
            e.HasIndex(a => new { a.Source, a.PatientId, a.AttemptedAt });
        });
        builder.Entity<OutreachOptOutRow>(e =>
        {
            e.ToTable("outreach_opt_outs");
            e.Property(o => o.Channel).HasMaxLength(16);
            e.Property(o => o.Via).HasMaxLength(16);
            e.HasIndex(o => new { o.Source, o.PatientId, o.Channel }).IsUnique();
        });
        builder.Entity<OutreachRequestRow>(e =>
        {
            e.ToTable("outreach_requests");
            e.Property(r => r.Gap).HasMaxLength(32);
            e.Property(r => r.Kind).HasMaxLength(32);
            e.Property(r => r.Language).HasMaxLength(16);
            e.HasIndex(r => new { r.HandledAt, r.CreatedAt });
        });
        builder.Entity<SmsOutboxRow>(e =>
        {
            e.ToTable("sms_outbox");
            e.Property(m => m.To).HasMaxLength(32);
            e.Property(m => m.Body).HasMaxLength(OutreachTemplateOverrideRow.TextLength);
            e.HasIndex(m => m.CreatedAt);
        });
        builder.Entity<LetterBatchRow>(e =>
        {
            e.ToTable("letter_batches");
            e.Property(b => b.CreatedBy).HasMaxLength(256);
        });
        builder.Entity<LetterRow>(e =>
        {
            e.ToTable("letters");
            e.Property(l => l.Language).HasMaxLength(16);
            e.Property(l => l.Address).HasMaxLength(1000);
            e.Property(l => l.Body).HasMaxLength(OutreachTemplateOverrideRow.TextLength);
            e.HasIndex(l => l.BatchId);
            e.HasOne<LetterBatchRow>().WithMany().HasForeignKey(l => l.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
