using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Model;

namespace RadEquity.Data;

// Tasks and hand-offs between the people who close care gaps.
public abstract partial class RadEquityDbContext
{
    public DbSet<CareTaskRow> CareTasks => Set<CareTaskRow>();

    private static void MapCareTasks(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<CareTaskRow>(e =>
        {
            e.ToTable("care_tasks");
            e.HasKey(t => t.Id);
            e.Property(t => t.Source).HasMaxLength(200);
            e.Property(t => t.PatientId).HasMaxLength(200);
            e.Property(t => t.MeasureId).HasMaxLength(64);
            e.Property(t => t.Kind).HasMaxLength(32);
            e.Property(t => t.Status).HasMaxLength(16);
            e.Property(t => t.AssignedTo).HasMaxLength(450);
            e.Property(t => t.ClinicianName).HasMaxLength(CareTaskRow.NameLength);
            e.Property(t => t.ClinicianEmail).HasMaxLength(CareTaskRow.EmailLength);
            e.Property(t => t.Note).HasMaxLength(CareTaskRow.NoteLength);
            e.Property(t => t.CreatedBy).HasMaxLength(450);
            e.Property(t => t.ClosedBy).HasMaxLength(450);
            e.HasIndex(t => new { t.AssignedTo, t.Status });
            e.HasIndex(t => new { t.Source, t.PatientId });
            e.HasIndex(t => new { t.Status, t.CreatedAt });
        });
    }
}
