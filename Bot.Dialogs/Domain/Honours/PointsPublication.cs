namespace VolunteerBot.Dialogs.Domain.Honours;

/// <summary>
/// One staff member's line in the annual points publication (积分公示, R15): every active staff member, registered or
/// not (0 for those with no confirmed service), ranked within their division and across the department. Equal figures share a rank.
/// </summary>
public sealed record PublicationLine(
    string AadObjectId,
    string Name,
    string DivisionId,
    string DivisionName,
    bool Registered,
    decimal Hours,
    int Points,
    int Rank,
    int Of,
    int DepartmentRank,
    int DepartmentOf)
{
    public int Year { get; init; }
}

/// <summary>A year's publication as published: who published it, when, and where it was posted.</summary>
public sealed record PointsPublication(int Year, DateTimeOffset PublishedAt, string PublishedByName, IReadOnlyList<PublicationLine> Lines)
{
    public string? PostedTeamId { get; init; }
    public string? PostedChannelId { get; init; }
    public string? PostedChannelName { get; init; }
}

/// <summary>The stored publications, one per year; publishing again replaces the year's lines.</summary>
public interface IPointsPublicationStore
{
    Task SaveAsync(PointsPublication publication, CancellationToken cancellationToken);

    Task<PointsPublication?> GetAsync(int year, CancellationToken cancellationToken);

    /// <summary>One person's line in a year's publication (a point read), or null.</summary>
    Task<PublicationLine?> FindLineAsync(int year, string aadObjectId, CancellationToken cancellationToken);
}

/// <summary>Ranks staff for the publication (pure).</summary>
public static class PublicationRanking
{
    public sealed record Person(string AadObjectId, string Name, string DivisionId, string DivisionName, bool Registered, decimal Hours, int Points);

    /// <summary>Ranks by points, then hours (equal figures share a rank), within each division and across the department.</summary>
    public static IReadOnlyList<PublicationLine> Rank(int year, IEnumerable<Person> people)
    {
        var all = people.ToList();
        var department = Ranks(all);
        var lines = new List<PublicationLine>();
        foreach (var division in all.GroupBy(p => p.DivisionId, StringComparer.Ordinal).OrderBy(g => g.First().DivisionName, StringComparer.Ordinal))
        {
            var members = division.ToList();
            var ranks = Ranks(members);
            foreach (var p in members.OrderBy(p => ranks[p]).ThenBy(p => p.Name, StringComparer.Ordinal))
            {
                lines.Add(new PublicationLine(p.AadObjectId, p.Name, p.DivisionId, p.DivisionName, p.Registered, p.Hours, p.Points,
                    ranks[p], members.Count, department[p], all.Count) { Year = year });
            }
        }

        return lines;
    }

    private static Dictionary<Person, int> Ranks(IReadOnlyList<Person> people)
    {
        var ordered = people.OrderByDescending(p => p.Points).ThenByDescending(p => p.Hours).ToList();
        var ranks = new Dictionary<Person, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var p = ordered[i];
            ranks[p] = i > 0 && ordered[i - 1].Points == p.Points && ordered[i - 1].Hours == p.Hours ? ranks[ordered[i - 1]] : i + 1;
        }

        return ranks;
    }
}

/// <summary>A workbook behind a long-lived link (the channel post of the publication outlives the committee's one-day export link).</summary>
public interface IPublicationFiles
{
    Task<Hours.DocumentLink> PublishAsync(Hours.Spreadsheet spreadsheet, TimeSpan lifetime, CancellationToken cancellationToken);
}
