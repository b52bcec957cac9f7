using System.Globalization;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Calendar;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>What the hours dialogs share: the clock in Asia/Shanghai, who acts, division names, loggable activities.</summary>
public sealed class HoursContext(
    TimeProvider time,
    IOptions<VolunteeringOptions> options,
    IVolunteerStore volunteers,
    IDivisionStore divisions,
    IProjectStore projects,
    ISignUpStore signUps,
    WorkingDayCalendar? calendar = null)
{
    /// <summary>How far back a volunteer may log, and liaisons see activities waiting: a quarter is plenty for a 10-working-day rule.</summary>
    public const int LookbackDays = 90;

    public TimeZoneInfo Zone => options.Value.Zone;

    /// <summary>The organisation's language, for notices to other people.</summary>
    public string DefaultLanguage => options.Value.DefaultLanguage;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Working days for the 10-working-day confirmation rule (holidays and 调休 from the <c>Reminders</c> section).</summary>
    public WorkingDayCalendar Calendar { get; } = calendar ?? WorkingDayCalendar.MondayToFriday;

    /// <summary>The last day to confirm an activity that ended on <paramref name="activityDay"/>.</summary>
    public DateOnly ConfirmationDeadline(DateOnly activityDay) => ConfirmationWindow.Deadline(Calendar, activityDay);

    public DateOnly Today => ProjectCalendar.LocalDate(Now, Zone);

    public DateOnly LocalDate(DateTimeOffset at) => ProjectCalendar.LocalDate(at, Zone);

    /// <summary>A local time to the minute in the reader's pattern (Resources/&lt;lang&gt;/format.json).</summary>
    public string Format(Localizer L, DateTimeOffset at) => L.DateTime(ProjectCalendar.ToLocal(at, Zone));

    /// <summary><see cref="Format(Localizer, DateTimeOffset)"/> for a card that takes a formatter.</summary>
    public Func<DateTimeOffset, string> Format(Localizer L) => at => Format(L, at);

    public IVolunteerStore Volunteers => volunteers;

    public IProjectStore Projects => projects;

    public ISignUpStore SignUps => signUps;

    public async Task<Actor> ActorAsync(Turn turn, CancellationToken ct)
    {
        var v = await volunteers.GetAsync(turn.User.AadObjectId, ct).ConfigureAwait(false);
        return new Actor(turn.User.AadObjectId, v?.Name ?? turn.User.Name);
    }

    public async Task<IReadOnlyDictionary<string, string>> DivisionNamesAsync(CancellationToken ct) =>
        (await divisions.ListAsync(includeArchived: true, ct).ConfigureAwait(false)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);

    public async Task<IReadOnlyList<Division>> DivisionsAsync(CancellationToken ct) =>
        await divisions.ListAsync(includeArchived: true, ct).ConfigureAwait(false);

    /// <summary>Activities the volunteer signed up for (confirmed seat) that have started and ended within the look-back, newest
    /// first; not archived ones: the committee archives an activity only once its hours are settled, so it takes no new ones.</summary>
    public async Task<IReadOnlyList<Project>> LoggableProjectsAsync(string volunteerAadObjectId, CancellationToken ct)
    {
        var mine = await signUps.ListByVolunteerAsync(volunteerAadObjectId, ct).ConfigureAwait(false);
        var now = Now;
        var found = await Task.WhenAll(mine.Where(s => s.Status == SignUpStatus.Confirmed)
            .Select(s => projects.GetAsync(s.ProjectId, ct))).ConfigureAwait(false);
        return found
            .OfType<Project>()
            .Where(p => p.IsGoingAhead() && p.Status != ProjectStatus.Archived && p.Start <= now && p.End >= now.AddDays(-LookbackDays))
            .OrderByDescending(p => p.Start)
            .ToList();
    }

    /// <summary>The division a volunteer belonged to on a date (R2), else their current one.</summary>
    public async Task<string> DivisionOnAsync(Volunteer volunteer, DateOnly date, CancellationToken ct)
    {
        var history = await volunteers.GetMembershipsAsync(volunteer.AadObjectId, ct).ConfigureAwait(false);
        return history.DivisionOn(date) ?? volunteer.DivisionId;
    }

    public static ServiceQuality? ParseQuality(string? value) =>
        Enum.TryParse<ServiceQuality>(value, ignoreCase: true, out var q) && Enum.IsDefined(q) ? q : null;
}
