using System.Globalization;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>优秀志愿者 / 优秀团队 (R14): the committee's result card, with the spreadsheet to download.</summary>
public static class OutstandingCards
{
    /// <summary>How many qualify, the download, then the first 20 volunteers and the first 5 candidate teams.</summary>
    public static AdaptiveCard Result(Localizer L, int year, IReadOnlyList<YearSummary> outstanding, IReadOnlyList<DivisionStanding> teams,
        IReadOnlyDictionary<string, string> names, DocumentLink link, Func<DateTimeOffset, string> format)
    {
        var card = HoursCards.Link(L, L.Format("hours.outstanding.doneTitle", year),
            L.Format("hours.outstanding.done", outstanding.Count, teams.Count), link, format);
        if (outstanding.Count > 0)
        {
            card.Add(El.Text(L.List(outstanding.Take(20).Select(s => $"{s.VolunteerName}（{HoursRules.Format(s.Hours)}）")), size: "Small"));
        }

        if (teams.Count > 0)
        {
            card.Add(El.Text(L["hours.outstanding.teams"] + L.List(teams.Take(5).Select(t =>
                $"{names.GetValueOrDefault(t.DivisionId, t.DivisionId)}（{TextFormat.Percent(t.ParticipationRate)}，{t.AverageHours.ToString("0.#", CultureInfo.InvariantCulture)} h）")), size: "Small"));
        }

        return card;
    }
}
