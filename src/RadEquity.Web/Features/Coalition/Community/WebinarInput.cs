using Microsoft.Extensions.Localization;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>The staff's webinar form, bound as <c>Input.*</c>: the webinar's fields and its post-test questions.</summary>
internal sealed class WebinarInput
{
    public const int MaxOptions = 5;

    public string Title { get; set => field = value ?? ""; } = "";
    public string Description { get; set => field = value ?? ""; } = "";
    public string Presenters { get; set => field = value ?? ""; } = "";
    public DateOnly? HeldOn { get; set; }
    public decimal? CreditHours { get; set; }
    public string? VideoUrl { get; set; }
    public string? SlidesUrl { get; set; }
    public int? PassMarkPercent { get; set; } = 80;
    public List<QuestionInput> Questions { get; set => field = value ?? []; } = [];

    /// <summary>The questions with text; a question left empty is dropped, which is how staff remove one.</summary>
    public IEnumerable<QuestionInput> FilledQuestions() => Questions.Where(q => !string.IsNullOrWhiteSpace(q.Text));

    public static WebinarInput From(WebinarWithTest test) => new()
    {
        Title = test.Webinar.Title,
        Description = test.Webinar.Description,
        Presenters = test.Webinar.Presenters,
        HeldOn = test.Webinar.HeldOn,
        CreditHours = test.Webinar.CreditHours,
        VideoUrl = test.Webinar.VideoUrl,
        SlidesUrl = test.Webinar.SlidesUrl,
        PassMarkPercent = test.Webinar.PassMarkPercent,
        Questions = [.. test.Questions.Select(q => new QuestionInput { Text = q.Text, Options = [.. q.Options], Correct = q.CorrectOption })],
    };

    public IEnumerable<(string Field, string Message)> Problems(IStringLocalizer<CommunityText> text)
    {
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > WebinarRow.TitleLength)
        {
            yield return (nameof(Title), text["Error_WebinarTitle"]);
        }

        if (string.IsNullOrWhiteSpace(Description) || Description.Trim().Length > WebinarRow.DescriptionLength)
        {
            yield return (nameof(Description), text["Error_Description"]);
        }

        if (string.IsNullOrWhiteSpace(Presenters) || Presenters.Trim().Length > WebinarRow.PresentersLength)
        {
            yield return (nameof(Presenters), text["Error_Presenters"]);
        }

        if (HeldOn is null)
        {
            yield return (nameof(HeldOn), text["Error_HeldOn"]);
        }

        if (CreditHours is not (> 0 and <= 100) || decimal.Round(CreditHours.Value, 2) != CreditHours.Value)
        {
            yield return (nameof(CreditHours), text["Error_CreditHours"]);
        }

        if (!IsWebAddress(VideoUrl, httpsOnly: true))
        {
            yield return (nameof(VideoUrl), text["Error_VideoUrl"]);
        }

        if (!IsWebAddress(SlidesUrl, httpsOnly: false))
        {
            yield return (nameof(SlidesUrl), text["Error_SlidesUrl"]);
        }

        if (PassMarkPercent is not (>= 1 and <= 100))
        {
            yield return (nameof(PassMarkPercent), text["Error_PassMark"]);
        }

        var filled = FilledQuestions().ToList();
        if (filled.Count == 0)
        {
            yield return ("Questions_0__Text", text["Error_NoQuestions"]);
        }

        for (var i = 0; i < Questions.Count; i++)
        {
            var question = Questions[i];
            if (string.IsNullOrWhiteSpace(question.Text))
            {
                continue;
            }

            var options = question.Options.Take(MaxOptions).ToList();
            var count = options.Count(o => !string.IsNullOrWhiteSpace(o));
            if (question.Text.Trim().Length > WebinarQuestionRow.TextLength || count < 2
                || options.Any(o => o is not null && (o.Trim().Length > WebinarQuestionRow.OptionLength || o.Contains('\n', StringComparison.Ordinal)))
                || question.Options.Count > MaxOptions
                || question.Correct is not { } correct || correct < 0 || correct >= options.Count || string.IsNullOrWhiteSpace(options[correct]))
            {
                yield return ($"Questions_{i}__Text", text["Error_Question", i + 1]);
            }
        }
    }

    private static bool IsWebAddress(string? value, bool httpsOnly) =>
        string.IsNullOrWhiteSpace(value)
        || (value.Trim().Length <= WebinarRow.UrlLength && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp)));
}

/// <summary>One question of the form: its text, up to five options (blank ones are dropped) and the correct one's index.</summary>
internal sealed class QuestionInput
{
    public string Text { get; set => field = value ?? ""; } = "";
    public List<string> Options { get; set => field = value ?? []; } = [];
    public int? Correct { get; set; }
}
