using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Outreach;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Outreach;

/// <summary>The patient's personal page in Debian's Chromium, in English and Spanish, with axe-core; the templates page for staff.</summary>
public sealed class OutreachBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private BrowserApp? _app;

    public Task InitializeAsync()
    {
        _app = new BrowserApp(demoPatients: 0, configureAdministrator: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [SkippableTheory]
    [InlineData("en", "Please call me back", "Weekends", "Save this time")]
    [InlineData("es", "Por favor, llámenme", "Fines de semana", "Guardar esta hora")]
    public async Task PersonalPage_AsksForACallBackAndATime_AccessibleInTheLanguage(string language, string callBack, string window, string save)
    {
        var browser = chromium.Require();
        var token = await SeedAsync("p-" + language, language);
        var page = await _app!.NewPageAsync(browser);

        await page.GotoAsync("/outreach/link?t=" + Uri.EscapeDataString(token));
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel(window).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = save }).ClickAsync();
        Assert.Equal(MessageTemplates.Text("Page_Saved", language), await page.GetByTestId("link-outcome").InnerTextAsync());
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GotoAsync("/outreach/link?t=" + Uri.EscapeDataString(token));
        await page.GetByRole(AriaRole.Button, new() { Name = callBack }).ClickAsync();
        Assert.Equal(MessageTemplates.Text("Page_Thanks", language), await page.GetByTestId("link-outcome").InnerTextAsync());

        await page.GotoAsync("/outreach/link?t=broken");
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [SkippableFact]
    public async Task TemplatesPage_AdminEditsAndPreviews_Accessible()
    {
        var browser = chromium.Require();
        var page = await _app!.NewPageAsync(browser);
        await BrowserApp.SignInAsync(page, RadEquityWebFactory.AdminEmail, RadEquityWebFactory.Password);

        await page.GotoAsync("/outreach/templates?gap=Lung&channel=Sms&lang=en");
        Assert.Contains("It is time for your lung scan.", await page.GetByTestId("preview").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Reading grade", await page.GetByTestId("grade").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GetByLabel("Text (placeholders", new() { Exact = false }).FillAsync("Hi {first_name}. {gap} Call {practice_phone}. Stop: {link}");
        await page.GetByTestId("save-template").ClickAsync();
        Assert.Equal("Hi Maria. It is time for your lung scan. It is a short scan with a low dose that looks for lung cancer early. "
            + "Call (555) 010-0100. Stop: https://radequity.example.org/outreach/link?t=sample", await page.GetByTestId("preview").InnerTextAsync());
        await page.GotoAsync("/outreach/templates?gap=Lung&channel=Sms&lang=es");
        Assert.StartsWith("Hola, Maria.", await page.GetByTestId("preview").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [SkippableFact]
    public async Task LetterBatch_RenderedThroughDelivery_PrintPageAccessible()
    {
        var browser = chromium.Require();
        await SeedAsync("p-letter", "en",
            """{"resourceType":"Patient","id":"p-letter","name":[{"given":["Ana"]}],"address":[{"line":["1 Main St"],"city":"Springfield","state":"IL","postalCode":"62701"}]}""");
        long batchId;
        using (var scope = _app!.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
            var batch = new LetterBatchRow { CreatedAt = DateTimeOffset.UtcNow, CreatedBy = RadEquityWebFactory.AdminEmail };
            db.LetterBatches.Add(batch);
            await db.SaveChangesAsync();
            batchId = batch.Id;
            var delivery = scope.ServiceProvider.GetRequiredService<Delivery>();
            var sent = await delivery.SendAsync(new DeliveryRequest("demo", "p-letter", GapKind.Mammogram, Channel.Letter, null,
                new HashSet<PatientBarrier> { PatientBarrier.Cost }), new Uri(_app.BaseAddress + "/"), batchId, CancellationToken.None);
            Assert.Equal(AttemptOutcome.Sent, sent.Outcome);
        }

        var page = await _app.NewPageAsync(browser);
        await BrowserApp.SignInAsync(page, RadEquityWebFactory.AdminEmail, RadEquityWebFactory.Password);
        await page.GotoAsync("/outreach/letters/" + batchId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, await page.GetByTestId("letter").CountAsync());
        Assert.Contains("1 Main St", await page.GetByTestId("letter").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
    }

    private async Task<string> SeedAsync(string id, string language, string? patientJson = null)
    {
        using var scope = _app!.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var json = Encoding.UTF8.GetBytes(patientJson ?? $$"""{"resourceType":"Patient","id":"{{id}}","name":[{"given":["Ana"]}]}""");
        using (var output = new MemoryStream())
        {
            using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
            {
                brotli.Write(json);
            }

            db.RawResources.Add(new RawResourceRow
            {
                Source = "demo",
                ResourceType = "Patient",
                ResourceId = id,
                PatientId = id,
                Content = output.ToArray(),
                ContentHash = System.Security.Cryptography.SHA256.HashData(json),
                IngestedAt = DateTimeOffset.UtcNow,
            });
        }

        await db.SaveChangesAsync();
        return scope.ServiceProvider.GetRequiredService<OutreachTokens>().Create(new PersonalLink("demo", id, GapKind.Mammogram, language));
    }
}
