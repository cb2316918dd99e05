using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Data.Outreach;
using RadEquity.Engine.Strata;
using RadEquity.Web.Features.Outreach;

namespace RadEquity.Web.Features.Campaigns;

/// <summary>
/// Whom a campaign is for: the open work items of one worklist measure, narrowed by the patient's categories in the run
/// that last found the gap open (payer, rurality, sex, age band, language, race and ethnicity, deprivation), their ZIP
/// code (from the Patient fact) and, when asked, only gaps already past their due date today. A filter left empty admits
/// everyone.
/// </summary>
internal sealed record CampaignCohort
{
    public string MeasureId { get; init; } = "";
    public string? Payer { get; init; }
    public string? Rurality { get; init; }
    public string? Sex { get; init; }
    public string? AgeBand { get; init; }
    public string? Language { get; init; }
    public string? RaceEthnicity { get; init; }
    public string? Deprivation { get; init; }
    /// <summary>ZIP codes or prefixes (<c>627</c> admits 62701); empty admits every ZIP, and patients without one.</summary>
    public IReadOnlyList<string> Zips { get; init; } = [];
    public bool OverdueOnly { get; init; }

    /// <summary>The stratifiers a cohort filters on, with the cohort's chosen category for each.</summary>
    public IEnumerable<(Stratifier Stratifier, string? Category)> CategoryFilters =>
    [
        (Stratifiers.Payer, Payer), (Stratifiers.Rurality, Rurality), (Stratifiers.Sex, Sex), (Stratifiers.AgeBand, AgeBand),
        (Stratifiers.Language, Language), (Stratifiers.RaceEthnicity, RaceEthnicity), (Stratifiers.Deprivation, Deprivation),
    ];

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static CampaignCohort FromJson(string json) => JsonSerializer.Deserialize<CampaignCohort>(json, JsonOptions) ?? new();

    /// <summary>A short description, e.g. <c>cms125 · payer Uninsured/self-pay · rurality Rural · ZIP 627</c>.</summary>
    public string Describe()
    {
        var parts = new List<string> { MeasureId };
        parts.AddRange(CategoryFilters.Where(f => f.Category is not null).Select(f => f.Stratifier.Id + " " + f.Category));
        if (Zips.Count > 0)
        {
            parts.Add("ZIP " + string.Join(", ", Zips));
        }

        if (OverdueOnly)
        {
            parts.Add("overdue");
        }

        return string.Join(" · ", parts);
    }

    /// <summary>Parses the form's ZIP field (comma, space or line separated); null and the first entry that is not 1 to 5
    /// digits in <paramref name="bad"/> when one is not.</summary>
    public static IReadOnlyList<string>? ParseZips(string? text, out string? bad)
    {
        var entries = (text ?? "").Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bad = entries.FirstOrDefault(e => e.Length > 5 || !e.All(char.IsAsciiDigit));
        return bad is null ? entries.Distinct(StringComparer.Ordinal).ToList() : null;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}

/// <summary>One patient of a cohort: the work item and what a message needs.</summary>
internal sealed record CohortMember(long WorkItemId, string Source, string PatientId, DateOnly? DueDate, IReadOnlyList<string> Barriers);

/// <summary>How many of a cohort each channel can reach now: a contact detail on record and no opt-out.</summary>
internal sealed record CohortReach(int Members, int Sms, int Email, int Letter)
{
    public int For(Channel channel) => channel switch
    {
        Channel.Sms => Sms,
        Channel.Email => Email,
        Channel.Letter => Letter,
        _ => 0,
    };
}

/// <summary>Finds a cohort's members in the worklist and counts whom each channel reaches (before anything is created).</summary>
internal sealed class CampaignCohorts(RadEquityDbContext db, PatientContacts contacts, TimeProvider time)
{
    /// <summary>Work items a campaign targets: still worked and not yet booked (a scheduled or declined patient needs no
    /// reminder).</summary>
    public static readonly IReadOnlyList<string> TargetStatuses = [WorkItemStatus.New, WorkItemStatus.Contacted, WorkItemStatus.Unreachable];

    /// <summary>The cohort's members, one per patient, in work item order.</summary>
    public async Task<IReadOnlyList<CohortMember>> MatchAsync(CampaignCohort cohort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var statuses = TargetStatuses;
        var rows = await (
                from i in db.WorkItems.AsNoTracking()
                where i.MeasureId == cohort.MeasureId && statuses.Contains(i.Status) && i.ClosedRunId == null
                join p in db.MeasureRunPatients.AsNoTracking() on new { RunId = i.LastOpenRunId, i.Source, i.PatientId }
                    equals new { p.RunId, p.Source, p.PatientId } into ps
                from p in ps.DefaultIfEmpty()
                join f in db.Patients.AsNoTracking() on new { i.Source, i.PatientId } equals new { f.Source, f.PatientId } into fs
                from f in fs.DefaultIfEmpty()
                orderby i.Id
                select new
                {
                    Item = i,
                    Deprivation = p == null ? null : p.Deprivation,
                    AgeBand = p == null ? null : p.AgeBand,
                    Sex = p == null ? null : p.Sex,
                    Zip = f == null ? null : f.PostalCode
                })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        bool Admits(string? wanted, string? actual) => wanted is null || string.Equals(wanted, actual ?? Stratifier.Unknown, StringComparison.Ordinal);
        return rows
            .Where(r => Admits(cohort.Payer, r.Item.Payer) && Admits(cohort.Rurality, r.Item.Rurality) && Admits(cohort.Language, r.Item.Language)
                && Admits(cohort.RaceEthnicity, r.Item.RaceEthnicity) && Admits(cohort.Sex, r.Sex) && Admits(cohort.AgeBand, r.AgeBand)
                && Admits(cohort.Deprivation, r.Deprivation))
            .Where(r => cohort.Zips.Count == 0 || (r.Zip is { } zip && cohort.Zips.Any(z => zip.StartsWith(z, StringComparison.Ordinal))))
            .Where(r => !cohort.OverdueOnly || r.Item.DueDate < today)
            .DistinctBy(r => (r.Item.Source, r.Item.PatientId))
            .Select(r => new CohortMember(r.Item.Id, r.Item.Source, r.Item.PatientId, r.Item.DueDate, Worklist.Barriers.Of(r.Item)))
            .ToList();
    }

    /// <summary>How many of <paramref name="members"/> each channel reaches: the contact detail <see cref="Delivery"/> needs
    /// and no opt-out of that channel or of all. Quiet hours and the contact cap depend on the moment of sending and are
    /// applied then.</summary>
    public async Task<CohortReach> ReachAsync(IReadOnlyList<CohortMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        var optOuts = new Dictionary<(string, string), HashSet<string>>();
        foreach (var chunk in members.Chunk(500))
        {
            var ids = chunk.Select(m => m.PatientId).ToList();
            foreach (var o in await db.OutreachOptOuts.AsNoTracking().Where(o => ids.Contains(o.PatientId))
                .Select(o => new { o.Source, o.PatientId, o.Channel }).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!optOuts.TryGetValue((o.Source, o.PatientId), out var channels))
                {
                    optOuts[(o.Source, o.PatientId)] = channels = new HashSet<string>(StringComparer.Ordinal);
                }

                channels.Add(o.Channel);
            }
        }

        int sms = 0, email = 0, letter = 0;
        foreach (var member in members)
        {
            var contact = await contacts.ReadAsync(member.Source, member.PatientId, cancellationToken).ConfigureAwait(false);
            var stopped = optOuts.GetValueOrDefault((member.Source, member.PatientId));
            bool Open(Channel channel) => stopped is null || !(stopped.Contains(OptOuts.All) || stopped.Contains(MessageTemplates.Name(channel)));
            sms += contact?.Phone is not null && Open(Channel.Sms) ? 1 : 0;
            email += contact?.Email is not null && Open(Channel.Email) ? 1 : 0;
            letter += contact?.HasAddress == true && Open(Channel.Letter) ? 1 : 0;
        }

        return new CohortReach(members.Count, sms, email, letter);
    }
}
