using System.Globalization;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The volunteer's hours cards: log (登记), my record (我的志愿记录), certificate (志愿服务证明).</summary>
public static class HoursCards
{
    public const string Project = "project";
    public const string Date = "date";
    public const string HoursField = "hours";
    public const string Content = "content";
    public const string From = "from";
    public const string To = "to";
    public const string Request = "req";
    public const string Community = ServiceRecord.CommunityProject;

    public static AdaptiveCard LogForm(Localizer L, IReadOnlyList<(string Id, string Title, DateOnly Date)> candidates, CardData values, IReadOnlyDictionary<string, string>? errors = null, string? note = null)
    {
        errors ??= new Dictionary<string, string>();
        var choices = candidates
            .Select(p => ($"{p.Title}（{L.MonthDay(p.Date)}）", p.Id))
            .Append((L["hours.log.community"], Community))
            .ToList();
        var card = new AdaptiveCard().Title(L["hours.log.title"]);
        if (note is not null)
        {
            card.Text(note, subtle: true);
        }

        if (candidates.Count == 0)
        {
            card.Text(L["hours.log.noProjects"], subtle: true);
        }

        return card
            .Add(El.Choices(Project, L["hours.field.project"], choices, values.Get(Project), required: true, error: Err(L, errors, Project)))
            .Add(El.DateInput(Date, L["hours.field.date"], values.Raw(Date), required: true, error: Err(L, errors, Date)))
            .Add(El.NumberInput(HoursField, L["hours.field.hours"], values.Raw(HoursField), min: 0.5m, max: HoursRules.MaxPerDay, required: true, error: Err(L, errors, HoursField)))
            .Add(El.TextInput(Content, L["hours.field.content"], values.Raw(Content), L["hours.field.content.hint"], maxLength: HoursRules.ContentMax, multiline: true, error: Err(L, errors, Content)))
            .Action(Act.Execute(L["hours.log.submit"], HoursVerbs.LogSubmit, style: "positive"));
    }

    public static AdaptiveCard Logged(Localizer L, ServiceRecord r, string message) => new AdaptiveCard()
        .Title(L["hours.log.doneTitle"])
        .Text(message)
        .Facts(
            (L["hours.field.project"], r.ProjectTitle),
            (L["hours.field.date"], L.Date(r.Date)),
            (L["hours.field.hours"], HoursRules.Format(r.Hours)),
            (L["hours.field.status"], HoursText.Status(L, r.Status)))
        .Action(Act.Execute(L["menu.myRecord"], HoursVerbs.RecordShow));

    public static AdaptiveCard MyRecord(Localizer L, string name, MyStanding s, PointsBalance balance, IReadOnlyList<ServiceRecord> recent, DateOnly today,
        IReadOnlyList<Honour>? honours = null)
    {
        var quarter = ((today.Month - 1) / 3) + 1;
        var card = new AdaptiveCard().Title(L.Format("hours.record.title", name))
            .Facts(
                (L.Format("hours.record.quarter", today.Year, quarter), L.Format("hours.record.hoursPoints", HoursRules.Format(s.QuarterHours), s.QuarterPoints)),
                (L.Format("hours.record.year", today.Year), L.Format("hours.record.hoursPoints", HoursRules.Format(s.YearHours), s.YearPoints)),
                (L["hours.record.balance"], balance.Balance.ToString(CultureInfo.InvariantCulture)),
                (L["hours.record.pending"], s.PendingCount.ToString(CultureInfo.InvariantCulture)))
            .Text(s.ToOutstanding == 0
                ? L["hours.record.outstandingReached"]
                : L.Format("hours.record.outstandingToGo", HoursRules.Format(s.ToOutstanding), HoursRules.Format(HoursTargets.OutstandingHours)))
            .Text(L.Format("hours.record.targets", 90, HoursRules.Format(HoursTargets.AverageHours)), subtle: true)
            .Text(s.MeetsAverage ? L["hours.record.standMet"] : s.Participated ? L.Format("hours.record.standPartial", HoursRules.Format(HoursTargets.AverageHours - s.YearHours)) : L["hours.record.standNone"]);
        if (recent.Count == 0)
        {
            card.Text(L["hours.record.none"], subtle: true);
        }
        else
        {
            card.Add(El.Text(L["hours.record.recent"], bold: true));
            card.Add(El.Facts(recent.Take(5).Select(r => (
                $"{L.MonthDay(r.Date)} {r.ProjectTitle}",
                L.Joined(L.Format("hours.record.recentHours", HoursRules.Format(r.Hours)), HoursText.Status(L, r.Status))
                    + (r.Status == RecordStatus.Confirmed ? L.Separator() + L.Format("hours.record.recentPoints", r.Points) : "")
                    + (r.RejectReason is { } why ? $"（{why}）" : "")))));
        }

        if (honours is not null)
        {
            card.AddRange(HonourCards.OnRecord(L, honours)); // R14: only when the handler read them (20 hours reached)
        }

        return card
            .Action(Act.Execute(L["hours.record.log"], HoursVerbs.LogOpen))
            .Action(Act.Execute(L["hours.record.certificate"], HoursVerbs.CertificateOpen));
    }

    public static AdaptiveCard CertificateForm(Localizer L, CardData values, string requestId, IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        return new AdaptiveCard().Title(L["hours.certificate.title"])
            .Text(L["hours.certificate.intro"], subtle: true)
            .Add(El.DateInput(From, L["hours.field.from"], values.Raw(From), required: true, error: Err(L, errors, From)))
            .Add(El.DateInput(To, L["hours.field.to"], values.Raw(To), required: true, error: Err(L, errors, To)))
            .Action(Act.Execute(L["hours.certificate.submit"], HoursVerbs.CertificateSubmit, Act.Data((Request, requestId)), style: "positive"));
    }

    public static AdaptiveCard CertificateIssued(Localizer L, IssuedCertificate c, decimal hours, DateOnly from, DateOnly to, Func<DateTimeOffset, string> format) => new AdaptiveCard()
        .Title(L["hours.certificate.doneTitle"])
        .Facts(
            (L["hours.certificate.number"], c.Number),
            (L["hours.certificate.period"], $"{L.Date(from)} – {L.Date(to)}"),
            (L["hours.field.hours"], HoursRules.Format(hours)))
        .Text(L.Format("hours.link.expires", format(c.Link.ExpiresAt)), subtle: true)
        .Action(Act.OpenUrl(L["hours.certificate.download"], c.Link.Url));

    public static AdaptiveCard Link(Localizer L, string title, string summary, DocumentLink link, Func<DateTimeOffset, string> format) => new AdaptiveCard()
        .Title(title)
        .Text(summary)
        .Text(L.Format("hours.link.expires", format(link.ExpiresAt)), subtle: true)
        .Action(Act.OpenUrl(L["hours.link.download"], link.Url));

    public static string? Err(Localizer L, IReadOnlyDictionary<string, string> errors, string field) =>
        errors.TryGetValue(field, out var key) ? (key.StartsWith("hours.", StringComparison.Ordinal) ? L[key] : key) : null;
}
