using VolunteerBot.Dialogs.Domain.Honours;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory IPointsPublicationStore (unit tests only); runs the same contract suite as PointsPublicationTableStore.
/// One publication per year, replaced whole; lines found by Entra object id ignoring case, as the table's lowercased keys.
/// </summary>
public sealed class MemoryPointsPublicationStore : IPointsPublicationStore
{
    private readonly object _gate = new();
    private readonly Dictionary<int, PointsPublication> _years = [];

    public Task SaveAsync(PointsPublication publication, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // One line per person (the table's row key), each carrying the year it was published for.
            var lines = publication.Lines.GroupBy(l => l.AadObjectId.ToLowerInvariant(), StringComparer.Ordinal).Select(g => g.Last() with { Year = publication.Year });
            _years[publication.Year] = publication with
            {
                Lines = [.. lines.OrderBy(l => l.DivisionName, StringComparer.Ordinal).ThenBy(l => l.Rank).ThenBy(l => l.Name, StringComparer.Ordinal)],
            };
            return Task.CompletedTask;
        }
    }

    public Task<PointsPublication?> GetAsync(int year, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_years.GetValueOrDefault(year));
        }
    }

    public Task<PublicationLine?> FindLineAsync(int year, string aadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_years.GetValueOrDefault(year)?.Lines.FirstOrDefault(l => string.Equals(l.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase)));
        }
    }
}
