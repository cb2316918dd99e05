using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Model;

namespace RadEquity.Data;

// Campaigns: outreach to a cohort of open work items, sent in batches, with their frozen members.
public abstract partial class RadEquityDbContext
{
    public DbSet<CampaignRow> Campaigns => Set<CampaignRow>();

    public DbSet<CampaignMemberRow> CampaignMembers => Set<CampaignMemberRow>();

    private static void MapCampaigns(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<CampaignRow>(e =>
        {
            e.ToTable("campaigns");
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(CampaignRow.NameLength);
            e.Property(c => c.MeasureId).HasMaxLength(64);
            e.Property(c => c.Channel).HasMaxLength(16);
            e.Property(c => c.Filters).HasMaxLength(CampaignRow.FiltersLength);
            e.Property(c => c.CreatedBy).HasMaxLength(256);
            e.Property(c => c.Batches).IsConcurrencyToken();
        });
        builder.Entity<CampaignMemberRow>(e =>
        {
            e.ToTable("campaign_members");
            e.HasKey(m => m.Id);
            e.Property(m => m.Source).HasMaxLength(200);
            e.Property(m => m.PatientId).HasMaxLength(200);
            e.Property(m => m.State).HasMaxLength(16);
            e.Property(m => m.Reason).HasMaxLength(200);
            e.HasIndex(m => new { m.CampaignId, m.Source, m.PatientId }).IsUnique();
            e.HasIndex(m => new { m.CampaignId, m.State });
            e.HasOne<CampaignRow>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
