using VolunteerBot.Dialogs.Localization;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Gear;

/// <summary>What every gear handler needs: the store, clock, zone, division names and the overdue rule.</summary>
public sealed class GearContext(IGearStore store, IDivisionStore divisions, TimeProvider time, IOptions<VolunteeringOptions> volunteering, IOptions<GearOptions> gear,
    Team.CommitteeDirectory? committee = null)
{
    private readonly Team.CommitteeDirectory _committee = committee ?? new Team.CommitteeDirectory(volunteering, time);

    /// <summary>Every committee member (configuration and added in chat): recipients of the committee's gear notices.</summary>
    public Task<IReadOnlyList<string>> CommitteeAsync(CancellationToken ct) => _committee.AllIdsAsync(ct);

    public IGearStore Store => store;

    public TimeProvider Time => time;

    public VolunteeringOptions Volunteering => volunteering.Value;

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => ProjectCalendar.LocalDate(Now, volunteering.Value.Zone);

    /// <summary>A local time to the minute in the reader's pattern (Resources/&lt;lang&gt;/format.json).</summary>
    public string Format(Localizer L, DateTimeOffset at) => L.DateTime(ProjectCalendar.ToLocal(at, volunteering.Value.Zone));

    /// <summary><see cref="Format(Localizer, DateTimeOffset)"/> for a card that takes a formatter.</summary>
    public Func<DateTimeOffset, string> Format(Localizer L) => at => Format(L, at);

    public string ProjectLabel(Localizer L, Project p) =>
        $"{p.Title}（{L.Date(ProjectCalendar.ToLocal(p.Start, volunteering.Value.Zone))}）";

    public OutstandingGear Assess(GearLoan loan) => GearReader.Assess(loan, Today, gear.Value.ReturnWithinDays, volunteering.Value.Zone);

    /// <summary>The polite refusal for an action on another division's gear or activity.</summary>
    public static Conversation.TurnResult Refuse(Conversation.Turn turn, string message) => Core.Refusal.Because(turn, message);

    public async Task<Func<string, string?>> DivisionNamesAsync(CancellationToken cancellationToken)
    {
        var all = await divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        var names = all.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        return id => names.TryGetValue(id, out var n) ? n : null;
    }
}
