using VolunteerBot.Dialogs.Domain.Honours;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory IHonourStore (unit tests only); runs the same contract suite as HonourTableStore. A volunteer is
/// keyed by their Entra object id ignoring case (the table lowercases it); a division id as it is.
/// </summary>
public sealed class MemoryHonourStore : IHonourStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(int Year, HonourKind Kind, string Subject), Honour> _honours = [];
    private readonly Dictionary<(string Person, int Year), Honour> _announced = [];
    private readonly Dictionary<(int Year, string Project), FeaturedProject> _featured = [];

    public Task<IReadOnlyList<Honour>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Honour>>([.. _honours.Where(kv => kv.Key.Year == year).Select(kv => kv.Value).OrderBy(h => h.Kind).ThenBy(h => h.NamedAt)]);
        }
    }

    public Task SaveAsync(Honour honour, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _honours[Key(honour.Year, honour.Kind, honour.SubjectId)] = honour;
            if (honour.Kind == HonourKind.Volunteer && honour.AnnouncedAt is not null)
            {
                _announced[(honour.SubjectId.ToLowerInvariant(), honour.Year)] = honour;
            }

            return Task.CompletedTask;
        }
    }

    public Task<bool> RemoveAsync(int year, HonourKind kind, string subjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_honours.Remove(Key(year, kind, subjectId)))
            {
                return Task.FromResult(false);
            }

            if (kind == HonourKind.Volunteer)
            {
                _announced.Remove((subjectId.ToLowerInvariant(), year));
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Honour>> ListForVolunteerAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var person = aadObjectId.ToLowerInvariant();
            return Task.FromResult<IReadOnlyList<Honour>>([.. _announced.Where(kv => kv.Key.Person == person).Select(kv => kv.Value).OrderByDescending(h => h.Year)]);
        }
    }

    public Task SaveFeaturedAsync(FeaturedProject project, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _featured[(project.Year, project.ProjectId)] = project;
            return Task.CompletedTask;
        }
    }

    public Task<bool> RemoveFeaturedAsync(int year, string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_featured.Remove((year, projectId)));
        }
    }

    public Task<IReadOnlyList<FeaturedProject>> ListFeaturedAsync(int year, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FeaturedProject>>([.. _featured.Where(kv => kv.Key.Year == year).Select(kv => kv.Value).OrderBy(f => f.MarkedAt)]);
        }
    }

    private static (int, HonourKind, string) Key(int year, HonourKind kind, string subjectId) =>
        (year, kind, kind == HonourKind.Volunteer ? subjectId.ToLowerInvariant() : subjectId);
}
