using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>导出记录 / export records (committee): confirmed records of a period as Excel for the national system (R10, R11).</summary>
public sealed class ExportRecordsHandler(HoursContext context, IServiceRecordStore records, IDocumentService documents) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["导出记录", "导出服务记录", "export records", "export"], HoursVerbs.ExportOpen, HoursVerbs.ExportSubmit).PersonalOnly().RateLimited("export");

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var today = context.Today;
        if (turn.Verb != HoursVerbs.ExportSubmit)
        {
            var defaults = new CardData(new Dictionary<string, string>
            {
                [HoursCards.From] = HoursText.Date(new DateOnly(today.Year, 1, 1)),
                [HoursCards.To] = HoursText.Date(today),
            });
            var form = HoursAdminCards.PeriodForm(L, L["hours.export.title"], L["hours.export.intro"], HoursVerbs.ExportSubmit, defaults);
            return TurnResult.Answer(turn, form);
        }

        var (from, to, errors) = Periods.Read(turn.Data, today);
        if (errors.Count > 0)
        {
            return TurnResult.Replace(HoursAdminCards.PeriodForm(L, L["hours.export.title"], L["hours.export.intro"], HoursVerbs.ExportSubmit, turn.Data, errors));
        }

        var list = await records.ListByPeriodAsync(from, to, cancellationToken).ConfigureAwait(false);
        var volunteers = (await context.Volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(v => v.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var names = await context.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var sheet = HoursExports.Records(list, volunteers, names, from, to, context.Format(L));
        var link = await documents.PublishSpreadsheetAsync(sheet, turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        var count = sheet.Sheets[0].Rows.Count;
        return TurnResult.Replace(HoursCards.Link(L, L["hours.export.doneTitle"],
            L.Format("hours.export.done", L.Date(from), L.Date(to), count, HoursRules.Format(list.Where(r => r.Status == RecordStatus.Confirmed).Sum(r => r.Hours))),
            link, context.Format(L)));
    }
}
