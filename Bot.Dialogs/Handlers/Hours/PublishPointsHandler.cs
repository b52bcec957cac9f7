using System.Globalization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>积分公示 / publish points (committee, R15): every registered staff member's hours and points for a year, ranked by division.</summary>
public sealed class PublishPointsHandler(HoursContext context, IServiceRecordStore records, IDocumentService documents) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["积分公示", "公示积分", "publish points"], HoursVerbs.PublishOpen, HoursVerbs.PublishSubmit).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var thisYear = context.Today.Year;
        if (turn.Verb != HoursVerbs.PublishSubmit)
        {
            var form = HoursAdminCards.YearForm(L, L["hours.publish.title"], L["hours.publish.intro"], HoursVerbs.PublishSubmit, thisYear, null);
            return TurnResult.Answer(turn, form);
        }

        var year = YearOf(turn, thisYear);
        var summaries = await records.ListYearAsync(year, cancellationToken).ConfigureAwait(false);
        var volunteers = await context.Volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false);
        var names = await context.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var sheet = HoursExports.Points(year, summaries, volunteers, names);
        var link = await documents.PublishSpreadsheetAsync(sheet, turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(HoursCards.Link(L, L["hours.publish.doneTitle"],
            L.Format("hours.publish.done", year, volunteers.Count, summaries.Sum(s => s.Points)), link, context.Format));
    }

    internal static int YearOf(Turn turn, int thisYear) =>
        turn.Data.GetInt(HoursAdminCards.Year) is { } y && y >= thisYear - 5 && y <= thisYear ? y : thisYear;
}

/// <summary>优秀志愿者 / outstanding (committee, R14): volunteers with ≥ 20 confirmed hours and candidate outstanding teams.</summary>
public sealed class OutstandingHandler(HoursContext context, IServiceRecordStore records, IDocumentService documents) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["优秀志愿者", "优秀团队", "outstanding"], HoursVerbs.OutstandingOpen, HoursVerbs.OutstandingSubmit).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var thisYear = context.Today.Year;
        if (turn.Verb != HoursVerbs.OutstandingSubmit)
        {
            var form = HoursAdminCards.YearForm(L, L["hours.outstanding.title"], L["hours.outstanding.intro"], HoursVerbs.OutstandingSubmit, thisYear, null);
            return TurnResult.Answer(turn, form);
        }

        var year = PublishPointsHandler.YearOf(turn, thisYear);
        var summaries = await records.ListYearAsync(year, cancellationToken).ConfigureAwait(false);
        var volunteers = await context.Volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false);
        var names = await context.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var current = volunteers.ToDictionary(v => v.AadObjectId, v => v.DivisionId, StringComparer.OrdinalIgnoreCase);
        var outstanding = HoursReports.Outstanding(summaries);
        var divisions = HoursReports.Divisions(summaries, current);
        var teams = HoursReports.CandidateTeams(divisions);
        var link = await documents.PublishSpreadsheetAsync(HoursExports.Outstanding(year, outstanding, divisions, current, names), turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        var card = HoursCards.Link(L, L.Format("hours.outstanding.doneTitle", year),
            L.Format("hours.outstanding.done", outstanding.Count, teams.Count), link, context.Format);
        if (outstanding.Count > 0)
        {
            card.Add(El.Text(string.Join("、", outstanding.Take(20).Select(s => $"{s.VolunteerName}（{HoursRules.Format(s.Hours)}）")), size: "Small"));
        }

        if (teams.Count > 0)
        {
            card.Add(El.Text(L["hours.outstanding.teams"] + string.Join("、", teams.Take(5).Select(t =>
                $"{names.GetValueOrDefault(t.DivisionId, t.DivisionId)}（{HoursExports.Percent(t.ParticipationRate)}，{t.AverageHours.ToString("0.#", CultureInfo.InvariantCulture)} h）")), size: "Small"));
        }

        return TurnResult.Replace(card);
    }
}
