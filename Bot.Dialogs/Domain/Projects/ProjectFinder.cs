using System.Globalization;
using System.Text;

namespace VolunteerBot.Dialogs.Domain.Projects;

/// <summary>Which projects a list shows, by where they stand for a volunteer.</summary>
public enum ProjectListState
{
    /// <summary>Open and still taking sign-ups (报名中): the default.</summary>
    SigningUp,
    InProgress,
    Completed,
    All,
}

/// <summary>
/// One view of the project list: search words, category, "open to me", month (yyyy-MM, Asia/Shanghai), state,
/// an "upcoming" window (starting within <see cref="ProjectFinder.UpcomingDays"/> days) and the page.
/// </summary>
public sealed record ProjectQuery
{
    public string Words { get; init; } = "";
    public string? CategoryId { get; init; }
    public bool OpenToMe { get; init; } = true;
    public string? Month { get; init; }
    public ProjectListState State { get; init; } = ProjectListState.SigningUp;
    public bool Upcoming { get; init; }
    public int Page { get; init; }
}

/// <summary>One page of a query's results.</summary>
public sealed record ProjectPage(IReadOnlyList<Project> Items, int Total, int Page, int PageCount);

/// <summary>
/// Filters, searches and pages projects for the list card (pure; the handler reads the projects once). Search
/// matches every word against title, description, place and organiser (division names, who filed it, the
/// organiser kind), case- and width-insensitively.
/// </summary>
public static class ProjectFinder
{
    public const int PageSize = 8;
    public const int UpcomingDays = 14;

    /// <summary>The stored statuses a volunteer's list ever shows.</summary>
    public static readonly IReadOnlyCollection<ProjectStatus> ListedStatuses = [ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed];

    public static ProjectPage Find(IEnumerable<Project> projects, ProjectQuery query, string? divisionId, DateTimeOffset now, TimeZoneInfo zone,
        Func<Project, IEnumerable<string>> organiserWords)
    {
        var words = Fold(query.Words).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var upcomingEnd = UpcomingEnd(now, zone);
        var matches = projects
            .Where(p => p.Status is ProjectStatus.Open or ProjectStatus.InProgress or ProjectStatus.Completed)
            .Where(p => !query.OpenToMe || p.IsOpenTo(divisionId))
            .Where(p => query.CategoryId is null || p.CategoryId == query.CategoryId)
            .Where(p => query.Month is null || MonthOf(p, zone) == query.Month)
            .Where(p => !query.Upcoming || (p.Start >= now && p.Start < upcomingEnd))
            .Where(p => query.Upcoming || InState(p, query.State, now))
            .Where(p => words.Length == 0 || Matches(p, words, organiserWords))
            .OrderBy(p => Rank(p, now))
            .ThenBy(p => Rank(p, now) == 0 ? p.Start.UtcTicks : -p.Start.UtcTicks)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        var pageCount = Math.Max(1, (matches.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 0, pageCount - 1);
        return new ProjectPage([.. matches.Skip(page * PageSize).Take(PageSize)], matches.Count, page, pageCount);
    }

    /// <summary>The end of the upcoming window: midnight after today + 14 days, Asia/Shanghai.</summary>
    public static DateTimeOffset UpcomingEnd(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var end = local.Date.AddDays(UpcomingDays + 1);
        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }

    public static string MonthOf(Project p, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(p.Start, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static bool InState(Project p, ProjectListState state, DateTimeOffset now) => state switch
    {
        ProjectListState.SigningUp => p.AcceptsSignUps(now),
        ProjectListState.InProgress => p.StatusAt(now) == ProjectStatus.InProgress,
        ProjectListState.Completed => p.StatusAt(now) == ProjectStatus.Completed,
        _ => true,
    };

    // Still to come first (soonest first), then running, then finished (latest first).
    private static int Rank(Project p, DateTimeOffset now) => p.StatusAt(now) switch
    {
        ProjectStatus.Open => 0,
        ProjectStatus.InProgress => 1,
        _ => 2,
    };

    private static bool Matches(Project p, string[] words, Func<Project, IEnumerable<string>> organiserWords)
    {
        var haystack = Fold(string.Join(' ', new[] { p.Title, p.Description, p.Place }.Concat(organiserWords(p))));
        return words.All(w => haystack.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>Full-width folded, lower case, single spaces.</summary>
    public static string Fold(string? text)
    {
        var folded = (text ?? "").Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        return string.Join(' ', folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
