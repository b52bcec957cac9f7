using System.Globalization;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>积分公示 (R15): the committee's form (year, optional team channel), the channel post, and a stored publication shown again.</summary>
public static class PublicationCards
{
    public const string ShowVerb = "points.publication.show";
    public const string Channel = "channel";
    public const int TopPerDivision = 3;

    public static readonly IReadOnlyList<string> Headers = ["处室", "处室内排名", "姓名", "是否注册志愿者", "服务时长（小时）", "积分", "全厅排名"];

    public static string ChannelKey(TeamChannel c) => c.TeamId + "|" + c.ChannelId;

    public static AdaptiveCard Form(Localizer L, int thisYear, IReadOnlyList<TeamChannel> channels, PointsPublication? stored, Func<DateTimeOffset, string> format)
    {
        var years = new[] { thisYear, thisYear - 1 }.Select(y => (y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture)));
        var card = new AdaptiveCard().Title(L["hours.publish.title"]).Text(L["publication.intro"], subtle: true);
        if (stored is not null)
        {
            card.Text(L.Format("publication.storedNote", stored.Year, format(stored.PublishedAt), stored.PublishedByName), subtle: true);
            card.Add(El.Actions(Act.Execute(L.Format("publication.showAgain", stored.Year), ShowVerb, Act.Data((HoursAdminCards.Year, stored.Year.ToString(CultureInfo.InvariantCulture))), validate: false)));
        }

        card.Add(El.Choices(HoursAdminCards.Year, L["hours.field.year"], years, thisYear.ToString(CultureInfo.InvariantCulture), required: true));
        if (channels.Count > 0)
        {
            card.Add(El.Choices(Channel, L["publication.channel"], [(L["publication.noChannel"], ""), .. channels.Select(c => (L.Joined(c.TeamName, c.ChannelName), ChannelKey(c)))], ""));
        }

        return card.Action(Act.Execute(L["publication.submit"], HoursVerbs.PublishSubmit, style: "positive"));
    }

    /// <summary>The post: summary, the top of each division, and a link to the full list.</summary>
    public static AdaptiveCard Post(Localizer L, PointsPublication p, DocumentLink? fullList)
    {
        var served = p.Lines.Where(l => l.Hours > 0).ToList();
        var card = new AdaptiveCard().Title(L.Format("publication.post.title", p.Year))
            .Text(L.Format("publication.post.summary", p.Lines.Count, served.Count, HoursRules.Format(served.Sum(l => l.Hours)), p.Lines.Sum(l => l.Points)));
        var tops = p.Lines.GroupBy(l => l.DivisionName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Where(l => l.Points > 0).OrderBy(l => l.Rank).Take(TopPerDivision).ToList()))
            .Where(x => x.Item2.Count > 0)
            .ToList();
        if (tops.Count > 0)
        {
            card.Add(El.Text(L["publication.post.top"], bold: true));
            card.Add(El.Facts(tops.Select(t => (PointsCards.Md(t.Key), L.List(t.Item2.Select(l => L.Format("publication.post.topLine", PointsCards.Md(l.Name), l.Points)))))));
        }

        card.Text(L["publication.post.own"], subtle: true);
        if (fullList is not null)
        {
            card.Action(Act.OpenUrl(L["publication.post.full"], fullList.Url));
        }

        return card;
    }

    public static Spreadsheet Sheet(PointsPublication p) => new($"{p.Year}年度志愿服务积分公示.xlsx",
        [new Sheet($"{p.Year}年度积分", Headers, [.. p.Lines.Select(l => (IReadOnlyList<object?>)[l.DivisionName, l.Rank, l.Name, l.Registered ? "是" : "否", l.Hours, l.Points, l.DepartmentRank])])]);

    /// <summary>Nothing was published for that year.</summary>
    public static AdaptiveCard None(Localizer L, int year) =>
        new AdaptiveCard().Title(L["hours.publish.title"]).Text(L.Format("publication.none", year));

    /// <summary>A stored publication shown again, with who published it and when.</summary>
    public static AdaptiveCard Stored(Localizer L, PointsPublication p, DocumentLink? fullList, string publishedAt) =>
        Post(L, p, fullList).Text(L.Format("publication.storedNote", p.Year, publishedAt, p.PublishedByName), subtle: true);

    /// <summary>The form again when the chosen channel is no longer there.</summary>
    public static AdaptiveCard ChannelGone(Localizer L, int thisYear, IReadOnlyList<TeamChannel> channels, Func<DateTimeOffset, string> format) =>
        Form(L, thisYear, channels, null, format).Add(El.Error(L["publication.error.channel"]));

    /// <summary>The committee's card once published: the figures, the download, and (when posted) where.</summary>
    public static AdaptiveCard Published(Localizer L, int year, int people, int registered, int points, DocumentLink link, Func<DateTimeOffset, string> format, TeamChannel? postedTo)
    {
        var card = HoursCards.Link(L, L["hours.publish.doneTitle"], L.Format("publication.done", year, people, registered, points), link, format);
        return postedTo is null ? card : card.Text(L.Format("publication.posted", postedTo.TeamName, postedTo.ChannelName));
    }
}
