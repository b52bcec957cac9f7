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

        var activities = new List<PendingActivity>();
        foreach (var p in waiting.Take(MaxItems))
        {
            var end = context.LocalDate(p.End);
            activities.Add(new PendingActivity(p, end, ConfirmationWindow.ConfirmWithin - context.Calendar.Between(end, today)));
        }

        var pending = (await records.ListPendingAsync(mine, today.AddDays(-HoursContext.LookbackDays), today, cancellationToken).ConfigureAwait(false))
            .Where(r => r.VolunteerAadObjectId != turn.User.AadObjectId)
            .OrderBy(r => r.Date)
            .ToList();
        return TurnResult.Answer(turn, PendingHoursCards.Card(L, activities, pending, MaxItems, more: waiting.Count > MaxItems || pending.Count > MaxItems));
    }
}
