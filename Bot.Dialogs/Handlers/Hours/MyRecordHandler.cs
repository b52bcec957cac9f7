using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// 我的志愿记录 / my record: hours and points this quarter and year, the balance, progress to 20 hours (R14), the R6
/// targets and where the volunteer stands, and the latest records. Reads only the volunteer's own partitions (profile,
/// records since 1 January last year, balance), so it does not grow with the department's records.
/// </summary>
public sealed class MyRecordHandler(HoursContext context, IServiceRecordStore records, Domain.Honours.IHonourStore? honours = null) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["我的志愿记录", "我的记录", "志愿记录", "my record", "my hours"], HoursVerbs.RecordShow).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var id = turn.User.AadObjectId;
        var volunteerTask = context.Volunteers.GetAsync(id, cancellationToken);
        var today = context.Today;
        var listTask = records.ListByVolunteerAsync(id, new DateOnly(today.Year - 1, 1, 1), cancellationToken);
        var balanceTask = records.GetBalanceAsync(id, cancellationToken);
        var volunteer = await volunteerTask.ConfigureAwait(false);
        if (volunteer is null)
        {
            return Refusal.For(turn, Role.Volunteer);
        }

        var list = await listTask.ConfigureAwait(false);
        // R14: honours need 20 confirmed hours in a year, so they are read only when this or last year reached that (the records
        // read above cover both): a plain 我的志愿记录 turn costs no extra request.
        var reached = list.Where(r => r.Status == RecordStatus.Confirmed).GroupBy(r => r.Date.Year).Any(g => g.Sum(r => r.Hours) >= HoursTargets.OutstandingHours);
        var named = honours is not null && reached ? await honours.ListForVolunteerAsync(id, cancellationToken).ConfigureAwait(false) : null;
        var card = HoursCards.MyRecord(turn.L, volunteer.Name, HoursReports.Standing(list, today), await balanceTask.ConfigureAwait(false), list, today, named);
        return TurnResult.Answer(turn, card);
    }
}
