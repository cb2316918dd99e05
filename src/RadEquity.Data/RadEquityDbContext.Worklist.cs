using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Model;

namespace RadEquity.Data;

// The navigators' worklist: work items made from open care gaps, their contact attempts, and the runs synced.
public abstract partial class RadEquityDbContext
{
    public DbSet<WorkItemRow> WorkItems => Set<WorkItemRow>();

    public DbSet<ContactAttemptRow> ContactAttempts => Set<ContactAttemptRow>();

    public DbSet<WorklistSyncRow> WorklistSyncs => Set<WorklistSyncRow>();

    private static void MapWorklist(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<WorkItemRow>(e =>
        {
            e.ToTable("work_items");
            e.HasKey(i => i.Id);
            e.Property(i => i.RaceEthnicity).HasMaxLength(100);
            e.Property(i => i.Language).HasMaxLength(100);
            e.Property(i => i.Payer).HasMaxLength(100);
            e.Property(i => i.Rurality).HasMaxLength(100);
            e.Property(i => i.Channels).HasMaxLength(100);
            e.Property(i => i.Status).HasMaxLength(16);
            e.Property(i => i.AssignedTo).HasMaxLength(450);
            e.Property(i => i.AssignedName).HasMaxLength(256);
            e.Property(i => i.Notes).HasMaxLength(WorkItemRow.NotesLength);
            e.Property(i => i.ClosedReason).HasMaxLength(64);
            e.HasIndex(i => new { i.Source, i.PatientId, i.MeasureId }).IsUnique();
            e.HasIndex(i => new { i.Status, i.AssignedTo });
        });
        builder.Entity<ContactAttemptRow>(e =>
        {
            e.ToTable("work_item_attempts");
            e.HasKey(a => a.Id);
            e.Property(a => a.By).HasMaxLength(256);
            e.Property(a => a.Channel).HasMaxLength(16);
            e.Property(a => a.Outcome).HasMaxLength(16);
            e.Property(a => a.Note).HasMaxLength(ContactAttemptRow.NoteLength);
            e.HasIndex(a => new { a.WorkItemId, a.At });
            e.HasOne<WorkItemRow>().WithMany().HasForeignKey(a => a.WorkItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<WorklistSyncRow>(e =>
        {
            e.ToTable("worklist_syncs");
            e.HasKey(s => s.RunId);
            e.Property(s => s.RunId).ValueGeneratedNever();
        });
    }
}
