using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary>
/// Fills <c>disparity_facts</c> with published figures on first start, when the table is empty, before the app takes
/// requests. Staff edit them afterwards; a restart does not add them again. (Staff who delete every fact get the
/// published set back on the next start: an empty disparities page is never what they want.)
/// </summary>
internal sealed class DisparityFactSeed(IServiceScopeFactory scopes, ILogger<DisparityFactSeed> log) : IHostedLifecycleService
{
    /// <summary>The published figures, each checked against its source.</summary>
    public static IReadOnlyList<DisparityFactRow> Published =>
    [
        new()
        {
            Position = 10,
            Figure = "42%",
            StatementEn = "Black women are 42% more likely to die of breast cancer than white women, although they are less likely to be diagnosed with it.",
            StatementEs = "Las mujeres negras tienen un 42 % más de probabilidades de morir de cáncer de mama que las mujeres blancas, aunque se les diagnostica con menos frecuencia.",
            SourceTitle = "American Cancer Society Cancer Action Network: Disparities in Breast Cancer: African American Women (from ACS Breast Cancer Facts & Figures)",
            SourceUrl = "https://www.acscan.org/policy-resources/disparities-breast-cancer-african-american-women",
            SourceYear = 2017,
        },
        new()
        {
            Position = 20,
            Figure = "52%",
            StatementEn = "The colorectal cancer death rate of Black men is 52% higher than that of white men (41% higher for Black women than for white women).",
            StatementEs = "La tasa de mortalidad por cáncer colorrectal de los hombres negros es un 52 % más alta que la de los hombres blancos (un 41 % más alta en las mujeres negras que en las blancas).",
            SourceTitle = "American Cancer Society: Cancer Facts & Figures for African Americans 2016-2018",
            SourceUrl = "https://www.cancer.org/research/cancer-facts-statistics/cancer-facts-figures-for-african-americans.html",
            SourceYear = 2016,
        },
        new()
        {
            Position = 30,
            Figure = "830.5 vs 704.3",
            StatementEn = "Rural Americans die at higher rates than urban Americans: 830.5 vs 704.3 deaths per 100,000 (age-adjusted, 2014), and a larger share of rural deaths from the five leading causes, cancer among them, are potentially excess (preventable) deaths.",
            StatementEs = "En las zonas rurales de EE. UU. se muere más que en las urbanas: 830,5 frente a 704,3 muertes por 100 000 habitantes (ajustadas por edad, 2014), y una mayor parte de las muertes rurales por las cinco causas principales, entre ellas el cáncer, son muertes potencialmente evitables.",
            SourceTitle = "CDC MMWR Surveillance Summaries 66(2): Reducing Potentially Excess Deaths from the Five Leading Causes of Death in the Rural United States",
            SourceUrl = "https://www.cdc.gov/mmwr/volumes/66/ss/ss6602a1.htm",
            SourceYear = 2017,
        },
        new()
        {
            Position = 40,
            Figure = "56% vs 84%",
            StatementEn = "Among women aged 50-74, 56% of the uninsured had a mammogram in the past 2 years, against 84% of insured women.",
            StatementEs = "Entre las mujeres de 50 a 74 años, el 56 % de las que no tenían seguro médico se había hecho una mamografía en los últimos 2 años, frente al 84 % de las aseguradas.",
            SourceTitle = "CDC Vital Signs, MMWR 59(26): Breast Cancer Screening Among Women Aged 50-74 Years, United States, 2008",
            SourceUrl = "https://www.cdc.gov/mmwr/preview/mmwrhtml/mm5926a3.htm",
            SourceYear = 2010,
        },
        new()
        {
            Position = 50,
            Figure = "5.8%",
            StatementEn = "Only 5.8% of Americans eligible for lung cancer screening with low-dose CT were screened in 2021.",
            StatementEs = "Solo el 5,8 % de las personas en EE. UU. que cumplían los requisitos para el cribado de cáncer de pulmón con TC de baja dosis se lo hicieron en 2021.",
            SourceTitle = "American Lung Association: State of Lung Cancer 2022",
            SourceUrl = "https://www.lung.org/research/state-of-lung-cancer",
            SourceYear = 2022,
        },
        new()
        {
            Position = 60,
            Figure = "54% vs 63%",
            StatementEn = "Breast cancer is found later in Hispanic women: 54% of their breast cancers were diagnosed at a local stage, against 63% in non-Hispanic white women (2000-2003).",
            StatementEs = "El cáncer de mama se detecta más tarde en las mujeres hispanas: el 54 % de sus cánceres de mama se diagnosticó en estadio local, frente al 63 % en las mujeres blancas no hispanas (2000-2003).",
            SourceTitle = "American Cancer Society: Cancer Facts & Figures for Hispanics/Latinos 2006-2008",
            SourceUrl = "https://www.cancer.org/research/cancer-facts-statistics/hispanics-latinos-facts-figures.html",
            SourceYear = 2006,
        },
    ];

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        if (await db.DisparityFacts.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        db.DisparityFacts.AddRange(Published);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("The disparities page was filled with {Count} published figures.", Published.Count);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
