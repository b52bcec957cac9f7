using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// 待确认时长 / pending hours: the liaison's (or committee's) list of ended activities not yet confirmed, with the
/// 10-working-day deadline, and the self-logged records waiting for a decision.
/// </summary>
public sealed class PendingHoursHandler(HoursContext context, IServiceRecordStore records, IServiceRecordConfirmationStore confirmations) : ITurnHandler
{
    private const int MaxItems = 10;

    public Route Route { get; } = Route.For(Role.Liaison, ["待确认时长", "待确认", "pending hours"], HoursVerbs.Pending).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var now = context.Now;
        var today = context.Today;
        var mine = turn.Roles.IsCommittee ? null : turn.Roles.LiaisonOfDivisions;
        IEnumerable<Project> candidates;
        if (mine is null)
        {
            candidates = await context.Projects.ListByStatusAsync([ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var lists = await Task.WhenAll(mine.Select(d => context.Projects.ListByDivisionAsync(d, cancellationToken))).ConfigureAwait(false);
            candidates = lists.SelectMany(l => l).DistinctBy(p => p.Id);
        }

        var ended = candidates
            .Where(p => p.StatusAt(now) == ProjectStatus.Completed && p.End >= now.AddDays(-HoursContext.LookbackDays))
            .OrderBy(p => p.End)
            .ToList();
        var states = await Task.WhenAll(ended.Select(p => confirmations.GetAsync(p.Id, cancellationToken))).ConfigureAwait(false);
        var waiting = ended.Where((p, i) => states[i].ConfirmedAt is null).ToList();

        var card = new AdaptiveCard().Title(L["hours.pending.title"]);
        if (waiting.Count == 0)
        {
            card.Text(L["hours.pending.noActivities"], subtle: true);
        }

        foreach (var p in waiting.Take(MaxItems))
        {
            var end = context.LocalDate(p.End);
            var used = context.Calendar.Between(end, today);
            var left = ConfirmationWindow.ConfirmWithin - used;
            var line = left >= 0
                ? L.Format("hours.pending.activity", p.Title, HoursContext.Format(end), left)
                : L.Format("hours.pending.activityLate", p.Title, HoursContext.Format(end), -left);
            card.Add(El.Container([El.Text(line, color: left <= ConfirmationWindow.ConfirmWithin - ConfirmationWindow.NudgeOn ? "Attention" : null),
                El.Actions(Act.Execute(L["hours.pending.open"], HoursVerbs.ActivityOpen, Act.Data((HoursAdminCards.ProjectId, p.Id)), validate: false))], separator: true));
        }

        var pending = (await records.ListPendingAsync(mine, today.AddDays(-HoursContext.LookbackDays), today, cancellationToken).ConfigureAwait(false))
            .Where(r => r.VolunteerAadObjectId != turn.User.AadObjectId)
            .OrderBy(r => r.Date)
            .ToList();
        card.Add(El.Text(L.Format("hours.pending.records", pending.Count), bold: true));
        foreach (var r in pending.Take(MaxItems))
        {
            var flag = r.MissingCheckOut ? " · " + L["checkin.pending.noCheckOut"] : "";
            card.Add(El.Container([El.Text($"{r.VolunteerName} · {r.ProjectTitle} · {HoursContext.Format(r.Date)} · {HoursRules.Format(r.Hours)} h{flag}", size: "Small"),
                El.Actions(Act.Execute(L["hours.pending.review"], HoursVerbs.ReviewOpen,
                    Act.Data((HoursAdminCards.Volunteer, r.VolunteerAadObjectId), (HoursAdminCards.RecordId, r.Id)), validate: false))], separator: true));
        }

        if (waiting.Count > MaxItems || pending.Count > MaxItems)
        {
            card.Text(L.Format("hours.pending.more", MaxItems), subtle: true);
        }

        return TurnResult.Answer(turn, card);
    }
}
