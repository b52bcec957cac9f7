using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// 兑换台账 / exchange ledger (committee, R13): every points exchange of a year, newest first, with totals, and the full
/// ledger as an Excel file through the document link service.
/// </summary>
public sealed class PointsLedgerHandler(HoursContext context, IPointsLedgerStore ledger, IDocumentService documents) : ITurnHandler
{
    public static readonly IReadOnlyList<string> Headers = ["序号", "兑换日期", "姓名", "兑换物品", "扣减积分", "登记人", "登记时间"];

    public Route Route { get; } = Route.For(Role.Committee, ["兑换台账", "积分兑换台账", "exchange ledger"], PointsCards.LedgerOpenVerb, PointsCards.LedgerSubmitVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var thisYear = context.Today.Year;
        if (turn.Verb != PointsCards.LedgerSubmitVerb)
        {
            var form = HoursAdminCards.YearForm(L, L["points.ledger.formTitle"], L["points.ledger.intro"], PointsCards.LedgerSubmitVerb, thisYear, null);
            return turn.IsInvoke ? TurnResult.Replace(form) : TurnResult.Show(form);
        }

        var year = PublishPointsHandler.YearOf(turn, thisYear);
        var entries = await ledger.ListYearAsync(year, cancellationToken).ConfigureAwait(false);
        DocumentLink? link = null;
        if (entries.Count > 0)
        {
            var rows = entries.OrderBy(e => e.Exchange.At).Select((e, i) => (IReadOnlyList<object?>)
            [
                i + 1, context.LocalDate(e.Exchange.At), e.VolunteerName, e.Exchange.Item, e.Exchange.Points, e.Exchange.ByName, context.Format(L, e.Exchange.At),
            ]).ToList();
            link = await documents.PublishSpreadsheetAsync(new Spreadsheet($"{year}年度积分兑换台账.xlsx", [new Sheet($"{year}年度兑换", Headers, rows)]),
                turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        }

        return TurnResult.Replace(PointsCards.Ledger(L, year, entries, link, at => L.Date(context.LocalDate(at)), context.Format(L)));
    }
}
