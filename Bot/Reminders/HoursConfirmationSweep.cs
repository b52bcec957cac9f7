using Microsoft.Extensions.Options;
using VolunteerBot.Channel.Proactive;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Dialogs.Core;
using VolunteerBot.Dialogs.Dialogs.Hours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Reminders;

/// <summary>The <c>Hours:ConfirmationSweep</c> section.</summary>
public sealed class HoursConfirmationOptions
{
    public const string Section = "Hours:ConfirmationSweep";

    public bool Enabled { get; set; } = true;

    /// <summary>How often ended activities are checked.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wait after start before the first sweep (lets storage initialise; keeps test hosts quiet).</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>What one sweep did.</summary>
public sealed record SweepResult(int Activities, int CardsSent, int Nudges);

/// <summary>
/// After an activity ends, sends its liaisons the confirmation card once (an insert-if-absent claim per activity, so
/// several instances or restarts never send it twice), and on working day 8 of the 10 allowed nudges them once, unless
/// the activity was confirmed meanwhile. A claim is taken before sending: at most once; the 待确认时长 list is the
/// fallback when a delivery fails.
/// </summary>
public sealed partial class HoursConfirmationSweep(
    HoursContext context,
    ActivityConfirmationFlow flow,
    IDivisionStore divisions,
    IActivityConfirmationStore confirmations,
    LanguageResolver languages,
    IProactiveDispatcher dispatcher,
    IOptions<VolunteeringOptions> options,
    ILogger<HoursConfirmationSweep> logger)
{
    public async Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = context.Now;
        var today = context.Today;
        var ended = (await context.Projects.ListByStatusAsync([ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed], cancellationToken).ConfigureAwait(false))
            .Where(p => p.StatusAt(now) == ProjectStatus.Completed && p.End >= now.AddDays(-HoursContext.LookbackDays))
            .ToList();
        if (ended.Count == 0)
        {
            return new SweepResult(0, 0, 0);
        }

        var allDivisions = await divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        var notifications = new List<Notification>();
        int cards = 0, nudges = 0;
        foreach (var p in ended)
        {
            var state = await confirmations.GetAsync(p.Id, cancellationToken).ConfigureAwait(false);
            if (state.ConfirmedAt is not null || (state.CardSentAt is not null && state.NudgedAt is not null))
            {
                continue;
            }

            if ((await flow.SeatsAsync(p, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                continue;
            }

            var recipients = ActivityConfirmationFlow.Recipients(p, allDivisions, options.Value.CommitteeAadObjectIds);
            if (state.CardSentAt is null && await confirmations.TryClaimCardAsync(p.Id, now, cancellationToken).ConfigureAwait(false))
            {
                foreach (var r in recipients)
                {
                    var L = Localizer.For(await languages.ResolveAsync(r, cancellationToken).ConfigureAwait(false));
                    var card = await flow.CardAsync(L, p, r, null, null, null, cancellationToken).ConfigureAwait(false);
                    notifications.Add(new Notification(r, OutgoingMessage.Of(card), $"hours-card-{p.Id}-{r}"));
                }

                cards++;
                LogCardSent(p.Id, recipients.Count);
            }

            var end = context.LocalDate(p.End);
            if (state.NudgedAt is null && WorkingDays.Between(end, today) >= WorkingDays.NudgeOn
                && await confirmations.TryClaimNudgeAsync(p.Id, now, cancellationToken).ConfigureAwait(false))
            {
                foreach (var r in recipients)
                {
                    var L = Localizer.For(await languages.ResolveAsync(r, cancellationToken).ConfigureAwait(false));
                    var card = new AdaptiveCard().Title(L["hours.nudge.title"])
                        .Text(L.Format("hours.nudge.text", p.Title, HoursContext.Format(end), HoursContext.Format(WorkingDays.Deadline(end))))
                        .Action(Act.Execute(L["hours.pending.open"], HoursAdminCards.ActivityOpenVerb, Act.Data((HoursAdminCards.ProjectId, p.Id)), validate: false));
                    notifications.Add(new Notification(r, OutgoingMessage.Of(card), $"hours-nudge-{p.Id}-{r}"));
                }

                nudges++;
                LogNudged(p.Id, recipients.Count);
            }
        }

        if (notifications.Count > 0)
        {
            await dispatcher.EnqueueAsync(notifications, [], cancellationToken).ConfigureAwait(false);
        }

        return new SweepResult(ended.Count, cards, nudges);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Hours confirmation card for {ProjectId} sent to {Count} recipients")]
    private partial void LogCardSent(string projectId, int count);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Hours confirmation nudge (working day 8) for {ProjectId} sent to {Count} recipients")]
    private partial void LogNudged(string projectId, int count);
}
