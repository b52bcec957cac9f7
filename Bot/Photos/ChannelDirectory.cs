using VolunteerBot.Channel;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Storage;

namespace VolunteerBot.Photos;

/// <summary>
/// Team channels the app is installed in, from the stored conversation references: each active team's General
/// channel (its id is the team id) and the channel the bot last heard from there, if another.
/// </summary>
public sealed class ChannelDirectory(IConversationReferenceStore references) : IChannelDirectory
{
    public async Task<IReadOnlyList<TeamChannel>> ListAsync(CancellationToken cancellationToken)
    {
        var teams = await references.ListTeamsAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<TeamChannel>();
        foreach (var team in teams.Where(t => t.Active && t.TeamId is not null))
        {
            var name = string.IsNullOrWhiteSpace(team.TeamName) ? team.TeamId! : team.TeamName!;
            list.Add(new TeamChannel(team.TeamId!, team.TeamId!, name, "General"));
            if (team.ChannelId is { Length: > 0 } channel && channel != team.TeamId)
            {
                list.Add(new TeamChannel(team.TeamId!, channel, name, channel));
            }
        }

        return list;
    }
}
