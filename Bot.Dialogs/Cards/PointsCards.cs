using System.Globalization;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>我的积分 (a volunteer's balance, exchanges and place in the publication) and the committee's exchange ledger (R13, R15).</summary>
public static class PointsCards
{
    public const string MineVerb = "points.mine";
    public const string LedgerOpenVerb = "points.ledger.open";
    public const string LedgerSubmitVerb = "points.ledger.submit";
    public const int HistoryShown = 10;
    public const int LedgerShown = 15;

    /// <summary>A volunteer's own line in a stored annual publication (积分公示).</summary>
    public sealed record PublicationLine(int Year, string DivisionName, int Rank, int Of, decimal Hours, int Points, int DepartmentRank, int DepartmentOf);

    public static AdaptiveCard Mine(Localizer L, PointsBalance balance, int yearPoints, int year, IReadOnlyList<PointsExchange> exchanges,
        PublicationLine? publication, Func<DateTimeOffset, string> date)
    {
        var card = new AdaptiveCard().Title(L["points.mine.title"])
            .Facts(
                (L["points.mine.balance"], N(balance.Balance)),
                (L["points.mine.earned"], N(balance.Earned)),
                (L["points.mine.redeemed"], N(balance.Redeemed)),
                (L.Format("points.mine.year", year), N(yearPoints)));
        if (publication is { } p)
        {
            card.Add(El.Text(L.Format("points.mine.publication", p.Year), bold: true));
            card.Text(L.Format("points.mine.publicationLine", Md(p.DivisionName), p.Rank, p.Of, p.Points, p.Hours.ToString("0.#", CultureInfo.InvariantCulture), p.DepartmentRank, p.DepartmentOf));
        }

        card.Add(El.Text(L["points.mine.history"], bold: true));
        if (exchanges.Count == 0)
        {
            return card.Text(L["points.mine.noHistory"], subtle: true);
        }

        card.Add(El.Facts(exchanges.Take(HistoryShown).Select(x => (date(x.At), L.Format("points.mine.historyLine", Md(x.Item), x.Points)))));
        if (exchanges.Count > HistoryShown)
        {
            card.Text(L.Format("points.mine.more", exchanges.Count - HistoryShown), subtle: true);
        }

        return card;
    }

    public static AdaptiveCard Ledger(Localizer L, int year, IReadOnlyList<LedgerEntry> entries, DocumentLink? link, Func<DateTimeOffset, string> date, Func<DateTimeOffset, string> format)
    {
        var card = new AdaptiveCard().Title(L.Format("points.ledger.title", year))
            .Text(L.Format("points.ledger.summary", entries.Count, entries.Sum(e => e.Exchange.Points), entries.Select(e => e.Exchange.VolunteerAadObjectId).Distinct(StringComparer.OrdinalIgnoreCase).Count()));
        if (entries.Count == 0)
        {
            return card.Text(L["points.ledger.empty"], subtle: true);
        }

        card.Add(El.Facts(entries.Take(LedgerShown).Select(e => (date(e.Exchange.At), L.Format("points.ledger.line", Md(e.VolunteerName), Md(e.Exchange.Item), e.Exchange.Points)))));
        if (entries.Count > LedgerShown)
        {
            card.Text(L.Format("points.mine.more", entries.Count - LedgerShown), subtle: true);
        }

        if (link is not null)
        {
            card.Text(L.Format("hours.link.expires", format(link.ExpiresAt)), subtle: true).Action(Act.OpenUrl(L["points.ledger.download"], link.Url));
        }

        return card;
    }

    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>User text shown in card markdown: the characters markdown would act on are escaped.</summary>
    public static string Md(string text)
    {
        var b = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '`' or '#' or '>' or '~' or '|')
            {
                b.Append('\\');
            }

            b.Append(c);
        }

        return b.ToString();
    }
}
