using System.Text.Json;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage;

namespace VolunteerBot.Channel;

/// <summary>
/// Team members through the connector's paged members API (every page, following continuation tokens),
/// addressed with the team's stored conversation reference; reachability from the stored personal references.
/// </summary>
public sealed partial class TeamRosterSource(IConnectorClient connector, IConversationReferenceStore references, ILogger<TeamRosterSource> logger) : ITeamRosterSource
{
    /// <summary>The largest page Teams serves.</summary>
    internal const int PageSize = 500;

    /// <summary>A guard against a connector that never stops handing out tokens.</summary>
    private const int MaxPages = 200;

    public async Task<IReadOnlyList<InstalledTeam>> ListTeamsAsync(CancellationToken cancellationToken)
    {
        var teams = await references.ListTeamsAsync(cancellationToken).ConfigureAwait(false);
        return teams
            .Where(t => t.Active && t.TeamId is not null)
            .Select(t => new InstalledTeam(t.TeamId!, string.IsNullOrWhiteSpace(t.TeamName) ? t.TeamId! : t.TeamName!))
            .ToList();
    }

    public async Task<IReadOnlyList<StaffMember>> GetMembersAsync(string teamId, CancellationToken cancellationToken)
    {
        var team = await references.GetTeamAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (team is null || !team.Active)
        {
            LogNoTeam(teamId);
            return [];
        }

        var members = new List<StaffMember>();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await connector.GetPagedMembersAsync(team.ServiceUrl, team.TeamId ?? team.ConversationId, PageSize, token, cancellationToken).ConfigureAwait(false);
            foreach (var m in result.Members ?? [])
            {
                // Bots have no Entra object id (and "28:" channel ids); only people are staff.
                if (string.IsNullOrEmpty(m.AadObjectId) || m.Id?.StartsWith("28:", StringComparison.Ordinal) == true)
                {
                    continue;
                }

                members.Add(new StaffMember(m.AadObjectId, m.Name ?? "", Extra(m.Extra, "email") ?? Extra(m.Extra, "userPrincipalName"),
                    m.Id is { Length: > 0 } teamsId ? teamsId : null, Extra(m.Extra, "tenantId") ?? (team.TenantId is { Length: > 0 } t ? t : null)));
            }

            token = result.ContinuationToken;
            if (string.IsNullOrEmpty(token))
            {
                break;
            }
        }

        LogImported(teamId, members.Count);
        return members;
    }

    public async Task<bool> CanReachAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var reference = await references.GetPersonalAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        return reference is { Active: true, Unreachable: false };
    }

    private static string? Extra(Dictionary<string, JsonElement>? extra, string key) =>
        extra is not null && extra.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "No active conversation reference for team {TeamId}; no members read")]
    private partial void LogNoTeam(string teamId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Read {Count} members of team {TeamId}")]
    private partial void LogImported(string teamId, int count);
}
