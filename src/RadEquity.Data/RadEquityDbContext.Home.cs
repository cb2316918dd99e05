using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Model;

namespace RadEquity.Data;

// The coalition hub's organisations, disparity facts, join requests and contact messages.
public abstract partial class RadEquityDbContext
{
    public DbSet<MemberOrganisationRow> MemberOrganisations => Set<MemberOrganisationRow>();

    public DbSet<DisparityFactRow> DisparityFacts => Set<DisparityFactRow>();

    public DbSet<OrganisationJoinRequestRow> OrganisationJoinRequests => Set<OrganisationJoinRequestRow>();

    public DbSet<ContactMessageRow> ContactMessages => Set<ContactMessageRow>();

    public DbSet<CoalitionMemberRow> CoalitionMembers => Set<CoalitionMemberRow>();

    private static void MapCoalitionHome(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<MemberOrganisationRow>(e =>
        {
            e.ToTable("member_organisations");
            e.HasKey(o => o.Id);
            e.Property(o => o.Name).HasMaxLength(MemberOrganisationRow.NameLength);
            e.Property(o => o.Kind).HasMaxLength(20);
            e.Property(o => o.Website).HasMaxLength(MemberOrganisationRow.UrlLength);
            e.Property(o => o.Summary).HasMaxLength(MemberOrganisationRow.SummaryLength);
            e.Property(o => o.LinkedInstanceUrl).HasMaxLength(MemberOrganisationRow.UrlLength);
        });
        builder.Entity<DisparityFactRow>(e =>
        {
            e.ToTable("disparity_facts");
            e.HasKey(f => f.Id);
            e.Property(f => f.Figure).HasMaxLength(DisparityFactRow.FigureLength);
            e.Property(f => f.StatementEn).HasMaxLength(DisparityFactRow.StatementLength);
            e.Property(f => f.StatementEs).HasMaxLength(DisparityFactRow.StatementLength);
            e.Property(f => f.SourceTitle).HasMaxLength(DisparityFactRow.SourceTitleLength);
            e.Property(f => f.SourceUrl).HasMaxLength(DisparityFactRow.UrlLength);
            e.HasIndex(f => f.Position);
        });
        builder.Entity<OrganisationJoinRequestRow>(e =>
        {
            e.ToTable("organisation_join_requests");
            e.HasKey(r => r.Id);
            e.Property(r => r.Organisation).HasMaxLength(MemberOrganisationRow.NameLength);
            e.Property(r => r.Kind).HasMaxLength(20);
            e.Property(r => r.Website).HasMaxLength(MemberOrganisationRow.UrlLength);
            e.Property(r => r.ContactName).HasMaxLength(ContactMessageRow.NameLength);
            e.Property(r => r.Email).HasMaxLength(ContactMessageRow.EmailLength);
            e.Property(r => r.Message).HasMaxLength(OrganisationJoinRequestRow.MessageLength);
            e.HasIndex(r => r.ReceivedAt);
        });
        builder.Entity<ContactMessageRow>(e =>
        {
            e.ToTable("contact_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Name).HasMaxLength(ContactMessageRow.NameLength);
            e.Property(m => m.Email).HasMaxLength(ContactMessageRow.EmailLength);
            e.Property(m => m.Subject).HasMaxLength(ContactMessageRow.SubjectLength);
            e.Property(m => m.Message).HasMaxLength(ContactMessageRow.MessageLength);
            e.HasIndex(m => m.ReceivedAt);
        });
        builder.Entity<CoalitionMemberRow>(e =>
        {
            e.ToTable("coalition_members");
            e.HasKey(m => m.UserId);
            e.Property(m => m.Name).HasMaxLength(ContactMessageRow.NameLength);
            e.HasOne<RadEquityUser>().WithOne().HasForeignKey<CoalitionMemberRow>(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<MemberOrganisationRow>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
