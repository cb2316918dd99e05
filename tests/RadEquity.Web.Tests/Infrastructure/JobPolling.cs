using System.Text.Json;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>Background jobs as the pages start them.</summary>
public static class JobPolling
{
    /// <summary>Follows a page's <c>?job=</c> redirect: polls the job until it finishes (or a few minutes pass) and
    /// returns its last state.</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, Uri location)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(RadEquityWebFactory.BaseAddress, location).Query);
        var id = query["job"] ?? throw new InvalidOperationException($"no job in {location}");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync("/jobs/" + id));
            if (document.RootElement.GetProperty("finished").GetBoolean() || DateTime.UtcNow > deadline)
            {
                return document.RootElement.Clone();
            }

            await Task.Delay(100);
        }
    }
}
