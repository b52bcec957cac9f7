using VolunteerBot.Dialogs.Conversation;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>What every project handler needs: the stores, the clock, the zone, the committee and division names.</summary>
public sealed class ProjectContext(
    IProjectStore projects,
    ISignUpStore signUps,
    IVolunteerStore volunteers,
    IDivisionStore divisions,
    TimeProvider time,
    IOptions<VolunteeringOptions> options,
    Team.CommitteeDirectory? committee = null)
{
    private readonly Team.CommitteeDirectory _committee = committee ?? new Team.CommitteeDirectory(options, time);

    public IProjectStore Projects { get; } = projects;
    public ISignUpStore SignUps { get; } = signUps;
    public IVolunteerStore Volunteers { get; } = volunteers;
    public IDivisionStore Divisions { get; } = divisions;

    public DateTimeOffset Now => time.GetUtcNow();

    public TimeZoneInfo Zone => options.Value.Zone;

    /// <summary>Every committee member (configuration and added in chat): recipients of the committee's notices.</summary>
    public Task<IReadOnlyList<string>> CommitteeAsync(CancellationToken ct) => _committee.AllIdsAsync(ct);

    public string DefaultLanguage => options.Value.DefaultLanguage;

    /// <summary>The project a card action names in its "projectId" data, or null when absent or unknown.</summary>
    public async Task<Project?> ProjectOfAsync(Turn turn, CancellationToken ct) =>
        turn.Data.Get("projectId") is { } id ? await Projects.GetAsync(id, ct).ConfigureAwait(false) : null;

    public async Task<IReadOnlyDictionary<string, string>> DivisionNamesAsync(CancellationToken ct)
    {
        var all = await Divisions.ListAsync(includeArchived: true, ct).ConfigureAwait(false);
        return all.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>The liaisons of the given divisions (each once).</summary>
    public async Task<IReadOnlyList<string>> LiaisonsOfAsync(IEnumerable<string> divisionIds, CancellationToken ct)
    {
        var result = new List<string>();
        foreach (var id in divisionIds.Distinct(StringComparer.Ordinal))
        {
            var division = await Divisions.GetAsync(id, ct).ConfigureAwait(false);
            result.AddRange(division?.LiaisonAadObjectIds ?? []);
        }

        return result.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
