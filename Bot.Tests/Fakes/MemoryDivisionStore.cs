using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IDivisionStore (unit tests only); runs the same contract suite as DivisionTableStore.</summary>
public sealed class MemoryDivisionStore : IDivisionStore
{
    private readonly List<Division> _divisions = [];
    private int _next;
    private int _seeded;

    /// <summary>Every division, archived too, in list order.</summary>
    public IReadOnlyList<Division> All
    {
        get
        {
            lock (_divisions)
            {
                return Ordered(_divisions);
            }
        }
    }

    /// <summary>Adds a division with a generated id (d00000001, …), as creating one would; lists keep the order of adding.</summary>
    public Division Add(string name)
    {
        lock (_divisions)
        {
            var d = new Division { Id = "d" + (++_next).ToString("D8", System.Globalization.CultureInfo.InvariantCulture), Name = name, CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(++_seeded) };
            _divisions.Add(d);
            return d;
        }
    }

    /// <summary>
    /// Seeds a division (fixed id, liaisons): for tests that need a department, not division management. One without a
    /// creation time is stamped in seeding order, so lists keep the order it was seeded in, as the table would.
    /// </summary>
    public Division Seed(Division division)
    {
        lock (_divisions)
        {
            if (division.CreatedAt == default)
            {
                division = division with { CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(++_seeded) };
            }

            _divisions.RemoveAll(d => d.Id == division.Id);
            _divisions.Add(division);
            return division;
        }
    }

    public Task<Division?> GetAsync(string divisionId, CancellationToken cancellationToken)
    {
        lock (_divisions)
        {
            return Task.FromResult(_divisions.FirstOrDefault(d => d.Id == divisionId));
        }
    }

    public Task<IReadOnlyList<Division>> ListAsync(bool includeArchived, CancellationToken cancellationToken)
    {
        lock (_divisions)
        {
            return Task.FromResult<IReadOnlyList<Division>>(Ordered(_divisions.Where(d => includeArchived || !d.Archived)));
        }
    }

    public Task<DivisionChange> CreateAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_divisions)
        {
            var existing = _divisions.FirstOrDefault(d => DivisionNames.Normalize(d.Name) == DivisionNames.Normalize(name));
            if (existing is not null)
            {
                return Task.FromResult(DivisionChange.Fail(DivisionError.NameTaken, existing));
            }

            var created = Add(name) with { CreatedAt = at };
            _divisions[^1] = created;
            return Task.FromResult(DivisionChange.Ok(created));
        }
    }

    public Task<DivisionChange> RenameAsync(string divisionId, string newName, CancellationToken cancellationToken)
    {
        lock (_divisions)
        {
            var current = _divisions.FirstOrDefault(d => d.Id == divisionId);
            if (current is not null && _divisions.Any(d => d.Id != divisionId && DivisionNames.Normalize(d.Name) == DivisionNames.Normalize(newName)))
            {
                return Task.FromResult(DivisionChange.Fail(DivisionError.NameTaken, current));
            }

            return Update(divisionId, d => d with { Name = newName });
        }
    }

    public Task<DivisionChange> SetArchivedAsync(string divisionId, bool archived, CancellationToken cancellationToken) =>
        Update(divisionId, d => d with { Archived = archived });

    public Task<DivisionChange> AddLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) =>
        Update(divisionId, d => d.IsLiaison(aadObjectId) ? d : d with { LiaisonAadObjectIds = [.. d.LiaisonAadObjectIds, aadObjectId] });

    public Task<DivisionChange> RemoveLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) =>
        Update(divisionId, d => d with { LiaisonAadObjectIds = d.LiaisonAadObjectIds.Where(x => !string.Equals(x, aadObjectId, StringComparison.OrdinalIgnoreCase)).ToList() });

    private Task<DivisionChange> Update(string id, Func<Division, Division> change)
    {
        lock (_divisions)
        {
            var i = _divisions.FindIndex(d => d.Id == id);
            if (i < 0)
            {
                return Task.FromResult(DivisionChange.Fail(DivisionError.NotFound));
            }

            _divisions[i] = change(_divisions[i]);
            return Task.FromResult(DivisionChange.Ok(_divisions[i]));
        }
    }

    // As the table lists them: active first, then by creation time and name.
    private static List<Division> Ordered(IEnumerable<Division> divisions) =>
        [.. divisions.OrderBy(d => d.Archived).ThenBy(d => d.CreatedAt).ThenBy(d => d.Name, StringComparer.Ordinal)];
}
