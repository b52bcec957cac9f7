using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Tests.Team;

public sealed class FakeRosterSource : ITeamRosterSource
{
    public List<InstalledTeam> Teams { get; } = [];
    public Dictionary<string, List<StaffMember>> Members { get; } = [];
    public HashSet<string> Reachable { get; } = [];

    public Task<IReadOnlyList<InstalledTeam>> ListTeamsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<InstalledTeam>>(Teams);

    public Task<IReadOnlyList<StaffMember>> GetMembersAsync(string teamId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StaffMember>>(Members.TryGetValue(teamId, out var m) ? m : []);

    public Task<bool> CanReachAsync(string aadObjectId, CancellationToken cancellationToken) => Task.FromResult(Reachable.Contains(aadObjectId));
}

/// <summary>Everything a team dialog needs, in memory, plus a turn builder.</summary>
public sealed class TeamWorld
{
    public const string CommitteeId = "committee-1";

    public MemoryVolunteerStore Volunteers { get; } = new();
    public MemoryDivisionStore Divisions { get; } = new();
    public MemoryStaffStore Staff { get; } = new();
    public MemoryFeedbackStore Feedback { get; } = new();
    public FakeRosterSource Roster { get; } = new();
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 10, 2, 0, 0, TimeSpan.Zero));
    public IOptions<VolunteeringOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new VolunteeringOptions { CommitteeAadObjectIds = [CommitteeId] });
    public LanguageResolver Languages => new(new MemoryUserSettingsStore(), Options);

    public async Task<Turn> TurnAsync(string aadObjectId, string name, string? verb = null, IDictionary<string, string>? data = null,
        string text = "", Language language = Language.ZhCn, string? teamId = null)
    {
        var roles = await new RoleResolver(Options, Volunteers, Divisions).ResolveAsync(aadObjectId, CancellationToken.None);
        return new Turn
        {
            User = new UserIdentity(aadObjectId, "29:" + aadObjectId, name),
            TenantId = "tenant",
            ConversationId = "a:" + aadObjectId,
            Kind = teamId is null ? ConversationKind.Personal : ConversationKind.Channel,
            Text = text,
            Verb = verb,
            Data = new CardData(new Dictionary<string, string>(data ?? new Dictionary<string, string>())),
            IsInvoke = verb is not null,
            TeamId = teamId,
            L = Localizer.For(language),
            Roles = roles,
        };
    }
}
