using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// 我的积分 / my points (R13, R15): the volunteer's balance, what they earned and exchanged, this year's points, the exchange
/// history, and — once the committee has published a year — their own line and rank in that publication. Reads the
/// volunteer's own partition and one publication row.
/// </summary>
public sealed class MyPointsHandler(HoursContext context, IServiceRecordStore records, IPointsPublicationStore publications) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["我的积分", "积分余额", "my points"], PointsCards.MineVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var id = turn.User.AadObjectId;
        var today = context.Today;
        var balanceTask = records.GetBalanceAsync(id, cancellationToken);
        var exchangesTask = records.ListExchangesAsync(id, cancellationToken);
        var recordsTask = records.ListByVolunteerAsync(id, new DateOnly(today.Year, 1, 1), cancellationToken);
        var thisYearLine = publications.FindLineAsync(today.Year, id, cancellationToken);
        var lastYearLine = publications.FindLineAsync(today.Year - 1, id, cancellationToken);
        var yearPoints = (await recordsTask.ConfigureAwait(false)).Where(r => r.Status == RecordStatus.Confirmed && r.Date.Year == today.Year).Sum(r => r.Points);
        var line = await thisYearLine.ConfigureAwait(false) ?? await lastYearLine.ConfigureAwait(false);
        var card = PointsCards.Mine(turn.L, await balanceTask.ConfigureAwait(false), yearPoints, today.Year, await exchangesTask.ConfigureAwait(false),
            line is null ? null : new PointsCards.PublicationLine(line.Year, line.DivisionName, line.Rank, line.Of, line.Hours, line.Points, line.DepartmentRank, line.DepartmentOf),
            at => turn.L.Date(context.LocalDate(at)));
        return turn.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
    }
}
