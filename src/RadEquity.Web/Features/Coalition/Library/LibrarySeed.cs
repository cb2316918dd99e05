using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>
/// Puts a few well-known, published resources in the library when the app starts, so it is not empty on day one. Each
/// is looked up by its address first, so starting again (or on another instance) adds nothing twice, and a seeded
/// resource that staff rejected stays rejected.
/// </summary>
internal sealed class LibrarySeed(IServiceScopeFactory scopes, TimeProvider time, ILogger<LibrarySeed> log) : IHostedService
{
    internal static readonly IReadOnlyList<LibraryResourceRow> Resources =
    [
        Resource("Radiology Health Equity Coalition",
            "The coalition convened by the American College of Radiology with the major radiology societies: it collects and shares "
            + "resources and best practices, connects with patients and communities, and works to improve access to preventive "
            + "and diagnostic imaging for people of color, rural populations and other underserved communities.",
            "best-practice", ["community", "outreach"], ["radiologists", "practice-leaders"],
            "https://www.radhealthequity.org/About-Us", "American College of Radiology"),
        Resource("Meeting the Challenges of Providing Equitable Healthcare",
            "An ACR Bulletin interview on the College's health equity work since the pandemic: education, advocacy for policies "
            + "that widen coverage and address social determinants of health, and building a health equity program in a practice.",
            "article", ["coverage", "community"], ["radiologists", "practice-leaders"],
            "https://www.acr.org/Practice-Management-Quality-Informatics/ACR-Bulletin/Articles/August-2023/Meeting-the-Challenges-of-Providing-Equitable-Healthcare",
            "American College of Radiology"),
        Resource("80% in Every Community",
            "The American Cancer Society National Colorectal Cancer Roundtable campaign in which more than 1,800 organizations work "
            + "toward colorectal cancer screening rates of 80% and higher in every community, with a strategic plan and tools for "
            + "health systems, health centers, health plans and employers.",
            "toolkit", ["outreach", "measurement", "community"], ["practice-leaders", "navigators", "patients-community"],
            "https://nccrt.org/80-in-every-community/", "American Cancer Society National Colorectal Cancer Roundtable"),
        Resource("Steps for Increasing Colorectal Cancer Screening Rates: A Manual for Primary Care Practices",
            "A step-by-step manual of evidence-based, expert-endorsed strategies to raise colorectal cancer screening rates, with "
            + "samples, templates and tools, among the Roundtable's toolkits and guidebooks.",
            "toolkit", ["outreach", "scheduling", "measurement"], ["practice-leaders", "navigators"],
            "https://nccrt.org/topic/toolkitguidebookhandbook/", "American Cancer Society National Colorectal Cancer Roundtable"),
        Resource("National Breast and Cervical Cancer Early Detection Program (NBCCEDP)",
            "CDC's program that helps people with low incomes and without adequate insurance get timely breast and cervical cancer "
            + "screening, diagnostic and treatment services, with patient navigation; it funds award recipients in every state.",
            "best-practice", ["cost", "coverage", "outreach"], ["navigators", "patients-community", "practice-leaders"],
            "https://www.cdc.gov/breast-cervical-cancer-screening/about/index.html", "Centers for Disease Control and Prevention"),
        Resource("The Road to Addressing Equity in Radiology",
            "RSNA News on equity in radiology: addressing disparities in care delivery, access to imaging technologies and patient "
            + "outcomes, so every patient receives the same standard of care.",
            "article", ["community", "measurement"], ["radiologists", "technologists"],
            "https://www.rsna.org/news/2024/january/equity-infographic", "Radiological Society of North America"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var known = await db.LibraryResources.Select(r => r.SourceUrl).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var seed in Resources.Where(r => !known.Contains(r.SourceUrl)))
        {
            db.LibraryResources.Add(new LibraryResourceRow
            {
                Title = seed.Title,
                Summary = seed.Summary,
                Kind = seed.Kind,
                Tags = seed.Tags,
                Audiences = seed.Audiences,
                SourceUrl = seed.SourceUrl,
                Organisation = seed.Organisation,
                Status = LibraryStatus.Published,
                SubmittedAt = now,
                ReviewedAt = now,
                PublishedAt = now,
            });
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            log.LogInformation("The resource library was seeded with {Count} resources.", added);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static LibraryResourceRow Resource(string title, string summary, string kind, string[] tags, string[] audiences, string url, string organisation) =>
        new()
        {
            Title = title,
            Summary = summary,
            Kind = kind,
            Tags = LibraryChoices.Join(tags),
            Audiences = LibraryChoices.Join(audiences),
            SourceUrl = url,
            Organisation = organisation,
        };
}
