using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Model;

namespace RadEquity.Data;

// The coalition hub's discussion, webinars, post-tests and certificates.
public abstract partial class RadEquityDbContext
{
    public DbSet<DiscussionTopicRow> DiscussionTopics => Set<DiscussionTopicRow>();

    public DbSet<DiscussionReplyRow> DiscussionReplies => Set<DiscussionReplyRow>();

    public DbSet<DiscussionFollowRow> DiscussionFollows => Set<DiscussionFollowRow>();

    public DbSet<WebinarRow> Webinars => Set<WebinarRow>();

    public DbSet<WebinarQuestionRow> WebinarQuestions => Set<WebinarQuestionRow>();

    public DbSet<WebinarTestAttemptRow> WebinarTestAttempts => Set<WebinarTestAttemptRow>();

    public DbSet<WebinarCertificateRow> WebinarCertificates => Set<WebinarCertificateRow>();

    private static void MapCommunity(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<DiscussionTopicRow>(e =>
        {
            e.ToTable("discussion_topics");
            e.Property(t => t.Title).HasMaxLength(DiscussionTopicRow.TitleLength);
            e.Property(t => t.Body).HasMaxLength(DiscussionTopicRow.BodyLength);
            e.Property(t => t.AuthorId).HasMaxLength(450);
            e.Property(t => t.AuthorName).HasMaxLength(DiscussionTopicRow.AuthorNameLength);
            e.HasIndex(t => new { t.IsPinned, t.LastActivityAt });
        });
        builder.Entity<DiscussionReplyRow>(e =>
        {
            e.ToTable("discussion_replies");
            e.Property(r => r.Body).HasMaxLength(DiscussionTopicRow.BodyLength);
            e.Property(r => r.AuthorId).HasMaxLength(450);
            e.Property(r => r.AuthorName).HasMaxLength(DiscussionTopicRow.AuthorNameLength);
            e.HasIndex(r => new { r.TopicId, r.CreatedAt });
            e.HasOne<DiscussionTopicRow>().WithMany().HasForeignKey(r => r.TopicId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<DiscussionReplyRow>().WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<DiscussionFollowRow>(e =>
        {
            e.ToTable("discussion_follows");
            e.Property(f => f.UserId).HasMaxLength(450);
            e.Property(f => f.Culture).HasMaxLength(8);
            e.HasIndex(f => new { f.TopicId, f.UserId }).IsUnique();
            e.HasOne<DiscussionTopicRow>().WithMany().HasForeignKey(f => f.TopicId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<RadEquityUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<WebinarRow>(e =>
        {
            e.ToTable("webinars");
            e.Property(w => w.Title).HasMaxLength(WebinarRow.TitleLength);
            e.Property(w => w.Description).HasMaxLength(WebinarRow.DescriptionLength);
            e.Property(w => w.Presenters).HasMaxLength(WebinarRow.PresentersLength);
            e.Property(w => w.VideoUrl).HasMaxLength(WebinarRow.UrlLength);
            e.Property(w => w.SlidesUrl).HasMaxLength(WebinarRow.UrlLength);
            e.Property(w => w.CreditHours).HasPrecision(5, 2);
            e.HasIndex(w => w.HeldOn);
        });
        builder.Entity<WebinarQuestionRow>(e =>
        {
            e.ToTable("webinar_questions");
            e.Property(q => q.Text).HasMaxLength(WebinarQuestionRow.TextLength);
            e.Property(q => q.Options).HasMaxLength(5 * (WebinarQuestionRow.OptionLength + 1));
            e.HasIndex(q => new { q.WebinarId, q.Position });
            e.HasOne<WebinarRow>().WithMany().HasForeignKey(q => q.WebinarId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<WebinarTestAttemptRow>(e =>
        {
            e.ToTable("webinar_test_attempts");
            e.Property(a => a.UserId).HasMaxLength(450);
            e.HasIndex(a => new { a.WebinarId, a.UserId });
            e.HasOne<WebinarRow>().WithMany().HasForeignKey(a => a.WebinarId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<WebinarCertificateRow>(e =>
        {
            e.ToTable("webinar_certificates");
            e.Property(c => c.Code).HasMaxLength(WebinarCertificateRow.CodeLength);
            e.Property(c => c.UserId).HasMaxLength(450);
            e.Property(c => c.Name).HasMaxLength(WebinarCertificateRow.NameLength);
            e.Property(c => c.WebinarTitle).HasMaxLength(WebinarRow.TitleLength);
            e.Property(c => c.CreditHours).HasPrecision(5, 2);
            e.HasIndex(c => c.Code).IsUnique();
            e.HasIndex(c => new { c.WebinarId, c.UserId }).IsUnique();
            e.HasIndex(c => c.UserId);
            // Credit already earned outlives a webinar's removal: no cascade from webinars.
            e.HasOne<WebinarRow>().WithMany().HasForeignKey(c => c.WebinarId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
