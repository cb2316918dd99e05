using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Account;

namespace RadEquity.Web.Features.Setup;

/// <summary>The first administrator from configuration (section <c>RadEquity:Admin</c>); both keys or neither.</summary>
internal sealed class AdministratorOptions
{
    public const string Section = "RadEquity:Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email);
}

/// <summary>
/// A new installation has no administrator. On start, one is created from <see cref="AdministratorOptions"/> when
/// configured; otherwise the one-time <c>/setup</c> page creates it, and answers 404 once one exists.
/// </summary>
internal sealed class FirstAdministrator(IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    // One process serves the store: this makes two simultaneous set-up submissions create one administrator.
    private readonly SemaphoreSlim _creating = new(1, 1);

    public async Task<bool> ExistsAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ExistsAsync(scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>()).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates an administrator if none exists; null when one already did (nothing was changed). An existing account
    /// with this e-mail address is made administrator only if <paramref name="password"/> is its password.
    /// </summary>
    public async Task<IdentityResult?> CreateAsync(string email, string password, CancellationToken cancellationToken)
    {
        await _creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>();
            if (await ExistsAsync(users).ConfigureAwait(false))
            {
                return null;
            }

            var user = await users.FindByEmailAsync(email).ConfigureAwait(false);
            if (user is not null && !await users.CheckPasswordAsync(user, password).ConfigureAwait(false))
            {
                // Whoever sets up must know the existing account's password: the address alone grants nothing.
                return IdentityResult.Failed(new IdentityError
                {
                    Code = "ExistingAccount",
                    Description = "An account with this e-mail address exists and the password does not match it.",
                });
            }

            if (user is null)
            {
                user = new RadEquityUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
                var created = await users.CreateAsync(user, password).ConfigureAwait(false);
                if (!created.Succeeded)
                {
                    return created;
                }
            }

            return await users.AddToRoleAsync(user, Roles.Admin).ConfigureAwait(false);
        }
        finally
        {
            _creating.Release();
        }
    }

    public void Dispose() => _creating.Dispose();

    private static async Task<bool> ExistsAsync(UserManager<RadEquityUser> users) =>
        (await users.GetUsersInRoleAsync(Roles.Admin).ConfigureAwait(false)).Count > 0;
}

/// <summary>Registers the first-administrator set-up and runs its configured part on start.</summary>
internal static partial class FirstStart
{
    public static IServiceCollection AddFirstAdministrator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdministratorOptions>()
            .Bind(configuration.GetSection(AdministratorOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.Email) == string.IsNullOrEmpty(o.Password),
                "RadEquity:Admin:Email and RadEquity:Admin:Password go together: set both, or neither.")
            .ValidateOnStart();
        services.AddSingleton<FirstAdministrator>();
        return services;
    }

    /// <summary>Creates the administrator from configuration if it is set and no administrator exists yet.</summary>
    public static async Task CreateAdministratorFromConfigurationAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<AdministratorOptions>>().Value;
        if (!options.IsConfigured)
        {
            return;
        }

        var result = await services.GetRequiredService<FirstAdministrator>()
            .CreateAsync(options.Email!.Trim(), options.Password!, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return;
        }

        if (!result.Succeeded)
        {
            // Identity's messages name the rule that failed, never the password.
            throw new InvalidOperationException($"{AdministratorOptions.Section}: could not create the administrator. {Accounts.Describe(result)}");
        }

        LogCreated(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FirstStart)), AdministratorOptions.Section);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first administrator from configuration ({Section}); the password can now be removed from configuration")]
    private static partial void LogCreated(ILogger logger, string section);
}
