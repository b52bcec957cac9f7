using Microsoft.Extensions.Options;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Calendar;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Gear;
using VolunteerBot.Dialogs.Handlers.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>The <c>Gear:OverdueSweep</c> section: how often overdue gear is checked (default hourly).</summary>
public sealed class GearOverdueOptions() : PeriodicOptions(TimeSpan.FromHours(1))
{
    public const string Section = "Gear:OverdueSweep";
}

/// <summary>What one pass did.</summary>
public sealed record GearOverdueResult(int Overdue, int HolderNudges, int LiaisonNotices);

/// <summary>
/// R4, nothing stays out unnoticed: the day after a loan's due day its holder gets a card with 归还 and 申请延期; after 3
/// working days (holidays and 调休 from Reminders:*) the division's other liaisons are told (the committee when there is
/// none). Each nudge is claimed once per loan, stage and due day (insert-if-absent row) before it is queued on the same
/// durable send path as the hours sweep, with a dedupe key <c>gear-{loanId}-{stage}</c>; composed in the recipient's language.
/// </summary>
public sealed partial class GearOverdueSweep(
    GearContext gear,
    IGearNudgeClaims claims,
    IDivisionStore divisions,
    CommitteeDirectory committee,
    IProactiveDispatcher dispatcher,
    WorkingDayCalendar calendar,
    ILogger<GearOverdueSweep> logger)
{
    public async Task<GearOverdueResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = gear.Now;
        var today = gear.Today;
        var overdue = (await gear.Store.ListOpenAsync(cancellationToken).ConfigureAwait(false))
            .Where(l => l.IsOut).Select(gear.Assess).Where(o => o.IsOverdue).ToList();
        if (overdue.Count == 0)
        {
            return new GearOverdueResult(0, 0, 0);
        }

        var all = await divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        var names = all.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var notifications = new List<Notification>();
        int holders = 0, liaisons = 0;
        foreach (var o in overdue)
        {
            var loan = o.Loan;
            var division = names.GetValueOrDefault(loan.DivisionId);
            foreach (var stage in GearOverdue.Due(o, today, calendar))
            {
                var key = GearOverdue.StageKey(stage, o.DueOn);
                if (!await claims.TryClaimAsync(loan.Id, key, now, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                if (stage == GearNudgeStage.Holder)
                {
                    notifications.Add(new Notification(loan.RequestedByAadObjectId, L => OutgoingMessage.Of(GearNudgeCards.HolderNudge(L, o, division, gear.Format(L))), $"gear-{loan.Id}-{key}"));
                    holders++;
                    LogHolder(loan.Id, o.DueOn);
                    continue;
                }

                var late = GearOverdue.WorkingDaysLate(o.DueOn, today, calendar);
                var recipients = all.FirstOrDefault(d => d.Id == loan.DivisionId)?.LiaisonAadObjectIds
                    .Where(id => !string.Equals(id, loan.RequestedByAadObjectId, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
                if (recipients.Count == 0)
                {
                    recipients = [.. await committee.AllIdsAsync(cancellationToken).ConfigureAwait(false)];
                }

                foreach (var r in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    notifications.Add(new Notification(r, L => OutgoingMessage.Of(GearNudgeCards.LiaisonNotice(L, o, division, late, gear.Format(L))), $"gear-{loan.Id}-{key}-{r}"));
                }

                liaisons++;
                LogLiaison(loan.Id, recipients.Count);
            }
        }

        if (notifications.Count > 0)
        {
            await dispatcher.EnqueueAsync(notifications, [], cancellationToken).ConfigureAwait(false);
        }

        return new GearOverdueResult(overdue.Count, holders, liaisons);
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Overdue gear loan {LoanId} (due {DueOn}): holder nudged")]
    private partial void LogHolder(string loanId, DateOnly dueOn);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Overdue gear loan {LoanId}: {Count} liaison(s) told after 3 working days")]
    private partial void LogLiaison(string loanId, int count);
}

/// <summary>Runs <see cref="GearOverdueSweep"/> on the injected clock.</summary>
public sealed partial class GearOverdueService(GearOverdueSweep sweep, TimeProvider time, IOptions<GearOverdueOptions> options, ILogger<GearOverdueService> logger)
    : PeriodicService(time)
{
    protected override PeriodicSchedule Schedule => options.Value.Schedule;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Overdue gear sweep failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}
