using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Dashboard;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Web;

/// <summary>
/// The dashboard's JSON API under <c>/api/dashboard</c> and the tab's static page under <c>/tab/</c>. Every answer is
/// authorised here: the token names the person (<see cref="DashboardAuthenticator"/>), the bot's
/// <see cref="IRoleResolver"/> gives their roles, <see cref="DashboardScope"/> what they may see. No token: 401; a page
/// or division outside the scope: 403 (the same for a division that does not exist, so ids are not probed).
/// </summary>
public static class DashboardEndpoints
{
    public static WebApplication MapVolunteerDashboard(this WebApplication app)
    {
        var api = app.MapGroup("/api/dashboard");
        api.MapGet("/me", MeAsync);
        api.MapGet("/overview", (HttpContext c, DashboardReader r, CancellationToken ct) =>
            Answer(c, DashboardPage.Overview, ct, async (_, scope) => Results.Ok(await r.OverviewAsync(scope, ct))));
        api.MapGet("/divisions", (HttpContext c, DashboardReader r, CancellationToken ct) =>
            Answer(c, DashboardPage.Divisions, ct, async (_, scope) => Results.Ok(await r.DivisionsAsync(scope, ct))));
        api.MapGet("/division/{id}", (string id, HttpContext c, DashboardReader r, CancellationToken ct) =>
            Answer(c, DashboardPage.Divisions, ct, async (_, scope) =>
                await r.DivisionAsync(scope, id, ct) is { } detail ? Results.Ok(detail) : Forbidden()));
        api.MapGet("/trends", (HttpContext c, DashboardReader r, CancellationToken ct) =>
            Answer(c, DashboardPage.Trends, ct, async (_, scope) => Results.Ok(await r.TrendsAsync(scope, ct))));
        api.MapGet("/projects", (HttpContext c, DashboardReader r, CancellationToken ct) =>
            Answer(c, DashboardPage.Projects, ct, async (_, scope) => Results.Ok(await r.ProjectsViewAsync(scope, ct))));
        api.MapGet("/mine", (HttpContext c, DashboardReader r, CancellationToken ct) =>
            Answer(c, DashboardPage.Mine, ct, async (user, _) => Results.Ok(await r.MineAsync(user, ct))));
        api.MapGet("/dev/people", DevPeople);
        return app;
    }

    private static async Task<IResult> MeAsync(HttpContext context, DashboardReader reader, LanguageResolver languages, CancellationToken ct) =>
        await Answer(context, DashboardPage.Mine, ct, async (user, scope) =>
        {
            var roles = context.Features.Get<UserRoles>()!;
            var snapshot = scope.SeesDivisions ? await reader.SnapshotAsync(ct) : null;
            var mine = await reader.MineAsync(user, ct);
            var language = await languages.ResolveAsync(user.AadObjectId, ct);
            var divisions = snapshot?.Divisions.Where(d => scope.Includes(d.Id)).Select(d => new DashboardDivisionRef(d.Id, d.Name)).ToList() ?? [];
            return Results.Ok(new DashboardViewer(
                mine.Name,
                roles.Highest.ToString(),
                roles.IsRegistered,
                [.. scope.Pages.Select(p => p.ToString())],
                divisions,
                LanguageCodes.Code(language)));
        });

    /// <summary>Dev sign-in only: the Playground's people (404 anywhere else).</summary>
    private static IResult DevPeople(HttpContext context, DashboardAuthenticator auth, IHostEnvironment environment, IOptions<DashboardOptions> options) =>
        auth.DevSignInAllowed(context)
            ? Results.Ok(DevPeopleFile.Read(DevPeopleFile.Locate(options.Value.DevPeopleFile, environment.ContentRootPath)))
            : Results.NotFound();

    private static async Task<IResult> Answer(HttpContext context, DashboardPage page, CancellationToken ct, Func<DashboardUser, DashboardScope, Task<IResult>> answer)
    {
        context.Response.Headers.CacheControl = "no-store";
        var services = context.RequestServices;
        var user = await services.GetRequiredService<DashboardAuthenticator>().AuthenticateAsync(context, ct);
        if (user is null)
        {
            return Results.Json(new { error = "signin" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        var roles = await services.GetRequiredService<DashboardRoles>().ResolveAsync(user.AadObjectId, ct);
        var scope = DashboardScope.From(roles.IsCommittee, roles.LiaisonOfDivisions);
        if (!scope.Allows(page))
        {
            return Forbidden();
        }

        context.Features.Set(roles);
        return await answer(user, scope);
    }

    private static IResult Forbidden() => Results.Json(new { error = "forbidden" }, statusCode: StatusCodes.Status403Forbidden);
}

/// <summary>The bot's own role resolution (<see cref="IRoleResolver"/>), kept per person for the cache lifetime.</summary>
public sealed class DashboardRoles(IRoleResolver roles, DashboardCache cache, IOptions<DashboardOptions> options)
{
    public Task<UserRoles> ResolveAsync(string aadObjectId, CancellationToken cancellationToken) =>
        cache.GetAsync("roles:" + aadObjectId.ToUpperInvariant(), options.Value.CacheFor, ct => roles.ResolveAsync(aadObjectId, ct), cancellationToken);
}

/// <summary>The Playground's people for the dev sign-in: name and aadObjectId pairs of <c>.m365agentsplayground.yml</c>.</summary>
public static class DevPeopleFile
{
    public sealed record Person(string Name, string AadObjectId);

    public static string? Locate(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, ".m365agentsplayground.yml");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Reads <c>name:</c> / <c>aadObjectId:</c> lines in order (the file's users and currentUser; the bot's own entry has no aadObjectId).</summary>
    public static IReadOnlyList<Person> Read(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return [];
        }

        var people = new List<Person>();
        string? name = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim().TrimStart('-').Trim();
            if (line.StartsWith("name:", StringComparison.Ordinal))
            {
                name = line["name:".Length..].Trim().Trim('"');
            }
            else if (line.StartsWith("aadObjectId:", StringComparison.Ordinal) && name is not null)
            {
                people.Add(new Person(name, line["aadObjectId:".Length..].Trim().Trim('"')));
                name = null;
            }
        }

        return people;
    }
}
