namespace RadEquity.Web.Features.Coalition.Home;

/// <summary>
/// The hub's home slice: the home page, member organisations, the disparities page, joining (people and
/// organisations), the contact form and the staff landing with its organisation, fact and message pages.
/// </summary>
internal static class CoalitionHome
{
    public static IServiceCollection AddCoalitionHome(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CoalitionHomeOptions>().Bind(configuration.GetSection(CoalitionOptions.Section)).ValidateOnStart()
            .Validate(o => o.StaffEmail is null || PledgeInput.IsEmailAddress(o.StaffEmail),
                "RadEquity:Coalition:StaffEmail is one plain e-mail address when set.");
        services.AddScoped<MemberJoining>();
        services.AddSingleton<HomeMail>();
        services.AddHostedService<DisparityFactSeed>();
        return services;
    }
}

/// <summary>The home slice's part of <c>RadEquity:Coalition</c>.</summary>
internal sealed class CoalitionHomeOptions
{
    /// <summary>Where contact messages and join requests are also e-mailed; none: they are only stored for staff.</summary>
    public string? StaffEmail { get; set; }
}
