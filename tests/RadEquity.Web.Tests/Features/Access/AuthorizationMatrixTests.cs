using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Access;

/// <summary>The app on SQLite with one signed-in client per <see cref="Caller"/>, shared by the matrix tests.</summary>
public sealed class MatrixApp : IAsyncLifetime
{
    private readonly Dictionary<Caller, HttpClient> _clients = [];
    private string? _database;

    public RadEquityWebFactory Factory { get; private set; } = null!;

    public HttpClient Client(Caller caller) => _clients[caller];

    public async Task InitializeAsync()
    {
        _database = await SqliteTestStore.CreateAsync();
        Factory = new RadEquityWebFactory(_database!, demoPatients: 0);
        await Factory.CreateUserAsync("viewer@matrix.test", [Roles.Viewer], AccessTable.SampleUserId);
        await Factory.CreateUserAsync("navigator@matrix.test", [Roles.Navigator]);
        await Factory.CreateUserAsync("analyst@matrix.test", [Roles.Analyst]);
        await Factory.CreateUserAsync("member@matrix.test", [Roles.Member]);
        await Factory.CreateUserAsync("staff@matrix.test", [Roles.CoalitionStaff]);
        _clients[Caller.Anonymous] = Factory.CreateHttpsClient();
        _clients[Caller.Viewer] = await Factory.CreateSignedInClientAsync("viewer@matrix.test");
        _clients[Caller.Navigator] = await Factory.CreateSignedInClientAsync("navigator@matrix.test");
        _clients[Caller.Analyst] = await Factory.CreateSignedInClientAsync("analyst@matrix.test");
        _clients[Caller.Admin] = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);
        _clients[Caller.Member] = await Factory.CreateSignedInClientAsync("member@matrix.test", landing: "/coalition");
        _clients[Caller.CoalitionStaff] = await Factory.CreateSignedInClientAsync("staff@matrix.test", landing: "/coalition");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Factory.DisposeAsync();
        await SqliteTestStore.DropAsync(_database!);
    }
}

/// <summary>
/// Every endpoint of the app (from its <see cref="EndpointDataSource"/>) against the declared <see cref="AccessTable"/>:
/// none may be missing, and each is called anonymously and as each role, expecting allow or deny as declared.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    private static readonly HashSet<string> UnsafeMethods = new(StringComparer.OrdinalIgnoreCase) { "POST", "PUT", "PATCH", "DELETE" };

    [Fact]
    public void AccessTable_EveryEndpointOfTheApp_HasExactlyOneRow()
    {
        var endpoints = Endpoints().Select(e => e.Key).ToHashSet();
        var declared = AccessTable.Rules.Select(r => (r.Method, r.Pattern)).ToList();

        var missing = endpoints.Except(declared).Select(k => $"{k.Method} {k.Pattern}").Order(StringComparer.Ordinal).ToList();
        var stale = declared.Except(endpoints).Select(k => $"{k.Method} {k.Pattern}").Order(StringComparer.Ordinal).ToList();
        var duplicated = declared.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => $"{g.Key.Method} {g.Key.Pattern}").ToList();

        Assert.True(missing.Count == 0, "Endpoints missing from AccessTable (add a row): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "AccessTable rows with no endpoint (remove them): " + string.Join(", ", stale));
        Assert.Empty(duplicated);
        Assert.Contains(("GET", "/api/measure-reports"), endpoints); // the enumeration sees minimal APIs...
        Assert.Contains((AccessTable.AnyMethod, "/admin/users/{id}"), endpoints); // ...and Razor Pages
    }

    [Fact]
    public async Task AccessTable_EveryEndpointAsEveryCaller_AllowsOrDeniesAsDeclared()
    {
        var pages = Endpoints().Where(e => e.IsPage).Select(e => e.Key).ToHashSet();
        var failures = new List<string>();
        var calls = 0;
        foreach (var rule in AccessTable.Rules)
        {
            var methods = rule.Method == AccessTable.AnyMethod ? new[] { "GET", "POST" } : [rule.Method];
            foreach (var caller in Enum.GetValues<Caller>())
            {
                foreach (var method in methods)
                {
                    calls++;
                    using var request = new HttpRequestMessage(new HttpMethod(method), rule.Url);
                    if (method != "GET")
                    {
                        request.Content = new FormUrlEncodedContent([]);
                    }

                    using var response = await app.Client(caller).SendAsync(request);
                    var allowed = rule.Allowed.HasFlag(caller);
                    var denied = IsDenial(response);
                    var status = (int)response.StatusCode;
                    if (allowed == denied || (allowed && status >= 500))
                    {
                        failures.Add($"{method} {rule.Url} as {caller}: expected {(allowed ? "allow" : "deny")}, got {status} {response.Headers.Location}");
                    }
                    else if (allowed && method == "POST" && pages.Contains((rule.Method, rule.Pattern)) && response.StatusCode != HttpStatusCode.BadRequest)
                    {
                        // A page that takes a POST without an antiforgery token has lost its protection.
                        failures.Add($"POST {rule.Url} as {caller} without an antiforgery token: expected 400, got {status}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(calls >= AccessTable.Rules.Count * 5, $"only {calls} calls");
    }

    [Fact]
    public void Endpoints_UnsafeMethodOutsideRazorPages_ValidatesAntiforgeryOrIsAnonymous()
    {
        var unprotected = Endpoints()
            .Where(e => !e.IsPage && e.Methods.Any(UnsafeMethods.Contains))
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true }
                && e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.Key)
            .ToList();

        Assert.True(unprotected.Count == 0, "Cookie-authenticated endpoints taking unsafe methods without antiforgery: "
            + string.Join(", ", unprotected.Select(k => $"{k.Method} {k.Pattern}")));
    }

    private static bool IsDenial(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
        {
            return false;
        }

        // The cookie handler's challenge and forbid: the sign-in or access-denied page, with a ReturnUrl.
        var target = new Uri(RadEquityWebFactory.BaseAddress, location);
        return target.AbsolutePath is "/account/sign-in" or "/account/access-denied"
            && target.Query.Contains("ReturnUrl=", StringComparison.OrdinalIgnoreCase);
    }

    private IEnumerable<EndpointInfo> Endpoints()
    {
        var source = app.Factory.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>() is { SuppressMatching: true })
            {
                continue;
            }

            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            if (methods.Count == 0)
            {
                yield return new EndpointInfo(endpoint, (AccessTable.AnyMethod, pattern), ["GET", "POST"], isPage);
            }
            else
            {
                foreach (var method in methods)
                {
                    yield return new EndpointInfo(endpoint, (method, pattern), methods, isPage);
                }
            }
        }
    }

    private sealed record EndpointInfo(RouteEndpoint Endpoint, (string Method, string Pattern) Key, IReadOnlyList<string> Methods, bool IsPage);
}
