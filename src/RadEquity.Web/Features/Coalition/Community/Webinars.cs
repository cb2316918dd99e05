using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>A post-test question as the member sees it (the correct option stays on the server).</summary>
internal sealed record TestQuestion(long Id, string Text, IReadOnlyList<string> Options, int CorrectOption);

/// <summary>A webinar with its post-test.</summary>
internal sealed record WebinarWithTest(WebinarRow Webinar, IReadOnlyList<TestQuestion> Questions);

/// <summary>A page of the webinar list.</summary>
internal sealed record WebinarPage(IReadOnlyList<WebinarRow> Webinars, int Page, int Pages);

/// <summary>The result of a submitted post-test: the score, and the certificate when passed (new or the earlier one).</summary>
internal sealed record TestResult(int ScorePercent, bool Passed, int PassMarkPercent, WebinarCertificateRow? Certificate);

/// <summary>The member's transcript: their certificates, newest first, and the credit hours over all of them.</summary>
internal sealed record Transcript(IReadOnlyList<WebinarCertificateRow> Certificates, decimal TotalCreditHours);

/// <summary>
/// Webinars on demand: the list, a webinar with its post-test, grading (every attempt recorded; a pass issues the one
/// certificate per member and webinar), verification by code, the member's transcript, and staff editing.
/// </summary>
internal sealed class Webinars(RadEquityDbContext db, TimeProvider time, ILogger<Webinars> log)
{
    public const int PageSize = 20;

    public async Task<WebinarPage> ListAsync(int page, CancellationToken cancellationToken)
    {
        var count = await db.Webinars.CountAsync(cancellationToken).ConfigureAwait(false);
        var pages = Math.Max(1, (count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await db.Webinars.AsNoTracking().OrderByDescending(w => w.HeldOn).ThenByDescending(w => w.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new WebinarPage(rows, page, pages);
    }

    public async Task<WebinarWithTest?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var webinar = await db.Webinars.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken).ConfigureAwait(false);
        if (webinar is null)
        {
            return null;
        }

        var questions = await db.WebinarQuestions.AsNoTracking().Where(q => q.WebinarId == id).OrderBy(q => q.Position)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new WebinarWithTest(webinar, [.. questions.Select(q => new TestQuestion(q.Id, q.Text, q.Options.Split('\n'), q.CorrectOption))]);
    }

    /// <summary>
    /// Scores the answers (<paramref name="answers"/>[i] is the option chosen for question i) and records the attempt.
    /// At or above the pass mark the member gets a certificate in <paramref name="name"/>, once: a retake returns the
    /// certificate issued before.
    /// </summary>
    public async Task<TestResult> GradeAsync(WebinarWithTest test, string userId, IReadOnlyList<int?> answers, string name,
        CancellationToken cancellationToken)
    {
        var webinar = test.Webinar;
        var correct = test.Questions.Where((q, i) => i < answers.Count && answers[i] == q.CorrectOption).Count();
        var score = test.Questions.Count == 0 ? 0 : correct * 100 / test.Questions.Count;
        var passed = test.Questions.Count > 0 && score >= webinar.PassMarkPercent;
        var now = time.GetUtcNow();
        db.WebinarTestAttempts.Add(new WebinarTestAttemptRow { WebinarId = webinar.Id, UserId = userId, ScorePercent = score, Passed = passed, TakenAt = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (!passed)
        {
            return new TestResult(score, false, webinar.PassMarkPercent, null);
        }

        var certificate = await CertificateOfAsync(webinar.Id, userId, cancellationToken).ConfigureAwait(false);
        if (certificate is not null)
        {
            return new TestResult(score, true, webinar.PassMarkPercent, certificate);
        }

        certificate = new WebinarCertificateRow
        {
            Code = CertificateCodes.New(),
            WebinarId = webinar.Id,
            UserId = userId,
            Name = name.Trim(),
            WebinarTitle = webinar.Title,
            CreditHours = webinar.CreditHours,
            IssuedAt = now,
        };
        db.WebinarCertificates.Add(certificate);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            log.LogInformation("Certificate {CertificateId} issued for webinar {WebinarId}.", certificate.Id, webinar.Id);
        }
        catch (DbUpdateException)
        {
            // Passed twice at once (two tabs): the unique (webinar, member) index kept the first; that one is theirs.
            // A clash of two random 60-bit codes would land here too and is, in practice, never.
            db.ChangeTracker.Clear();
            certificate = await CertificateOfAsync(webinar.Id, userId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The certificate could not be issued.");
        }

        return new TestResult(score, true, webinar.PassMarkPercent, certificate);
    }

    public Task<WebinarCertificateRow?> CertificateOfAsync(long webinarId, string userId, CancellationToken cancellationToken) =>
        db.WebinarCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.WebinarId == webinarId && c.UserId == userId, cancellationToken);

    /// <summary>The certificate with the code as typed (any case, with or without dashes); null when there is none.</summary>
    public async Task<WebinarCertificateRow?> VerifyAsync(string? typed, CancellationToken cancellationToken) =>
        CertificateCodes.Normalise(typed) is { } code
            ? await db.WebinarCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, cancellationToken).ConfigureAwait(false)
            : null;

    public async Task<int> AttemptsAsync(long webinarId, string userId, CancellationToken cancellationToken) =>
        await db.WebinarTestAttempts.CountAsync(a => a.WebinarId == webinarId && a.UserId == userId, cancellationToken).ConfigureAwait(false);

    public async Task<Transcript> TranscriptAsync(string userId, CancellationToken cancellationToken)
    {
        var certificates = await db.WebinarCertificates.AsNoTracking().Where(c => c.UserId == userId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // Summed here: SQLite stores decimals as text and cannot sum them exactly.
        return new Transcript([.. certificates.OrderByDescending(c => c.IssuedAt)], certificates.Sum(c => c.CreditHours));
    }

    /// <summary>Saves a new webinar (<paramref name="id"/> null) or replaces an existing one's fields and questions.</summary>
    public async Task<long?> SaveAsync(long? id, WebinarInput input, CancellationToken cancellationToken)
    {
        WebinarRow? row;
        if (id is null)
        {
            row = new WebinarRow { CreatedAt = time.GetUtcNow() };
            db.Webinars.Add(row);
        }
        else
        {
            row = await db.Webinars.SingleOrDefaultAsync(w => w.Id == id, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            db.WebinarQuestions.RemoveRange(await db.WebinarQuestions.Where(q => q.WebinarId == id).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        row.Title = input.Title.Trim();
        row.Description = input.Description.Trim();
        row.Presenters = input.Presenters.Trim();
        row.HeldOn = input.HeldOn!.Value;
        row.CreditHours = input.CreditHours!.Value;
        row.VideoUrl = string.IsNullOrWhiteSpace(input.VideoUrl) ? null : input.VideoUrl.Trim();
        row.SlidesUrl = string.IsNullOrWhiteSpace(input.SlidesUrl) ? null : input.SlidesUrl.Trim();
        row.PassMarkPercent = input.PassMarkPercent!.Value;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var position = 0;
        foreach (var question in input.FilledQuestions())
        {
            var options = question.Options.Select((o, i) => (Text: (o ?? "").Trim(), Index: i)).Where(o => o.Text.Length > 0).ToList();
            db.WebinarQuestions.Add(new WebinarQuestionRow
            {
                WebinarId = row.Id,
                Position = position++,
                Text = question.Text.Trim(),
                Options = string.Join('\n', options.Select(o => o.Text)),
                CorrectOption = options.FindIndex(o => o.Index == question.Correct),
            });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return row.Id;
    }
}
