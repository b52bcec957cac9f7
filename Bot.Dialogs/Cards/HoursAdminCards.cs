using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>One volunteer line on the activity confirmation card.</summary>
public sealed record ConfirmationRow(string VolunteerAadObjectId, string Name, ServiceRecord? Record, bool Attended, string Hours, string Quality, bool IsSelf);

/// <summary>
/// Where a page of the activity confirmation card stands: page (0-based) of pages, the position of its first line,
/// how many of all signed-up volunteers are decided, and whether navigation should drop unconfirmed edits.
/// </summary>
public sealed record ConfirmationPage(int Page, int Pages, int First, int Decided, int Total, bool Discard = false)
{
    public bool IsPaged => Pages > 1;
}

/// <summary>Liaison and committee cards: confirm an activity, review a record, pending list, exports, points.</summary>
public static class HoursAdminCards
{
    public const string ProjectId = "projectId";
    public const string Ids = "ids";
    public const string Page = "page";
    public const string Target = "target";
    public const string Discard = "discard";
    public const string Volunteer = "volunteer";
    public const string RecordId = "recordId";
    public const string Quality = "quality";
    public const string Reason = "reason";
    public const string Year = "year";
    public const string Name = "name";
    public const string Who = "who";
    public const string Points = "points";
    public const string Item = "item";
    public const string PerHour = "perHour";
    public const string Good = "good";
    public const string Fair = "fair";
    public const string Poor = "poor";

    public static string Attended(int i) => $"att{i}";

    public static string HoursOf(int i) => $"hrs{i}";

    public static string QualityOf(int i) => $"q{i}";

    public static IEnumerable<(string Title, string Value)> Qualities(Localizer L) =>
        [(L["hours.quality.good"], nameof(ServiceQuality.Good)), (L["hours.quality.fair"], nameof(ServiceQuality.Fair)), (L["hours.quality.poor"], nameof(ServiceQuality.Poor))];

    public static AdaptiveCard Activity(Localizer L, string projectId, string title, string when, string? status, IReadOnlyList<ConfirmationRow> rows,
        ConfirmationPage page, IReadOnlyDictionary<string, string>? errors = null, string? message = null, string? warning = null)
    {
        errors ??= new Dictionary<string, string>();
        var card = new AdaptiveCard().Title(L.Format("hours.activity.title", title)).Text(when, subtle: true);
        if (status is not null)
        {
            card.Text(status, subtle: true);
        }

        if (message is not null)
        {
            card.Add(El.Text(message, color: "Good"));
        }

        if (warning is not null)
        {
            card.Add(El.Text(warning, color: "Attention"));
        }

        if (rows.Count == 0)
        {
            return card.Text(L["hours.activity.noSignUps"]);
        }

        card.Add(El.Text(L.Format("hours.activity.progress", page.Decided, page.Total), bold: true));
        if (page.IsPaged)
        {
            card.Text(L.Format(HoursVerbs.ActivityPage, page.Page + 1, page.Pages, page.First + 1, page.First + rows.Count), subtle: true);
        }

        card.Text(L[page.IsPaged ? "hours.activity.introPaged" : "hours.activity.intro"], subtle: true);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var logged = r.Record is null
                ? L["hours.activity.notLogged"]
                : L.Format("hours.activity.logged", HoursRules.Format(r.Record.Hours), HoursText.Status(L, r.Record.Status));
            var items = new List<JsonObject?> { El.Text(L.Joined($"**{Markdown.Escape(r.Name)}**", logged), size: "Small") };
            if (r.IsSelf)
            {
                items.Add(El.Text(L["hours.activity.self"], subtle: true, size: "Small"));
            }
            else
            {
                items.Add(El.Columns(
                    El.Column("auto", El.Toggle(Attended(i), L["hours.activity.attended"], r.Attended)),
                    El.Column("stretch", El.NumberInput(HoursOf(i), L["hours.field.hours"], r.Hours, 0.5m, HoursRules.MaxPerDay, error: HoursCards.Err(L, errors, HoursOf(i)))),
                    El.Column("stretch", El.Choices(QualityOf(i), L["hours.field.quality"], Qualities(L), r.Quality))));
            }

            card.Add(El.Container(items, separator: i > 0));
        }

        var ids = string.Join(',', rows.Select(r => r.VolunteerAadObjectId));
        var pageText = page.Page.ToString(CultureInfo.InvariantCulture);
        card.Action(Act.Execute(L[page.IsPaged ? "hours.activity.submitPage" : "hours.activity.submit"], HoursVerbs.ActivitySubmit,
            Act.Data((ProjectId, projectId), (Ids, ids), (Page, pageText)), style: "positive"));
        if (page.Page > 0)
        {
            card.Action(Navigate(L["hours.activity.previous"], projectId, ids, page.Page, page.Page - 1, page.Discard));
        }

        if (page.Page < page.Pages - 1)
        {
            card.Action(Navigate(L["hours.activity.next"], projectId, ids, page.Page, page.Page + 1, page.Discard));
        }

        return card;
    }

    // Navigation sends this page's inputs too, so unconfirmed edits are noticed instead of silently dropped.
    private static JsonObject Navigate(string title, string projectId, string ids, int page, int target, bool discard) =>
        Act.Execute(title, HoursVerbs.ActivityPage, Act.Data((ProjectId, projectId), (Ids, ids), (Page, page.ToString(CultureInfo.InvariantCulture)),
            (Target, target.ToString(CultureInfo.InvariantCulture)), (Discard, discard ? "true" : null)));

    public static AdaptiveCard Review(Localizer L, ServiceRecord r, CardData values, IReadOnlyDictionary<string, string>? errors = null, string? message = null)
    {
        errors ??= new Dictionary<string, string>();
        var data = Act.Data((Volunteer, r.VolunteerAadObjectId), (RecordId, r.Id));
        var card = new AdaptiveCard().Title(L["hours.review.title"]);
        if (message is not null)
        {
            card.Add(El.Text(message, color: "Good"));
        }

        card.Facts(
            (L["hours.field.volunteer"], r.VolunteerName),
            (L["hours.field.project"], r.ProjectTitle),
            (L["hours.field.date"], L.Date(r.Date)),
            (L["hours.field.hours"], HoursRules.Format(r.Hours)),
            (L["hours.field.content"], r.Content.Length == 0 ? "—" : r.Content),
            (L["hours.field.status"], HoursText.Status(L, r.Status) + (r.DecidedByName is { } by ? $"（{by}）" : "")));
        return card
            .Add(El.NumberInput(HoursField, L["hours.field.hours"], values.Has(HoursField) ? values.Raw(HoursField) : HoursRules.Format(r.Hours), 0.5m, HoursRules.MaxPerDay, error: HoursCards.Err(L, errors, HoursField)))
            .Add(El.Choices(Quality, L["hours.field.quality"], Qualities(L), values.Get(Quality) ?? r.Quality?.ToString() ?? nameof(ServiceQuality.Good)))
            .Add(El.TextInput(Reason, L["hours.field.reason"], values.Raw(Reason), L["hours.field.reason.hint"], maxLength: HoursRules.ReasonMax, error: HoursCards.Err(L, errors, Reason)))
            .Action(Act.Execute(L["hours.review.confirm"], HoursVerbs.ReviewConfirm, data, style: "positive"))
            .Action(Act.Execute(L["hours.review.reject"], HoursVerbs.ReviewReject, data, style: "destructive"));
    }

    private const string HoursField = HoursCards.HoursField;

    public static AdaptiveCard PeriodForm(Localizer L, string title, string intro, string verb, CardData values, IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        return new AdaptiveCard().Title(title).Text(intro, subtle: true)
            .Add(El.DateInput(HoursCards.From, L["hours.field.from"], values.Raw(HoursCards.From), required: true, error: HoursCards.Err(L, errors, HoursCards.From)))
            .Add(El.DateInput(HoursCards.To, L["hours.field.to"], values.Raw(HoursCards.To), required: true, error: HoursCards.Err(L, errors, HoursCards.To)))
            .Action(Act.Execute(L["hours.export.submit"], verb, style: "positive"));
    }

    public static AdaptiveCard YearForm(Localizer L, string title, string intro, string verb, int thisYear, string? value)
    {
        var years = new[] { thisYear, thisYear - 1 }.Select(y => (y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture)));
        return new AdaptiveCard().Title(title).Text(intro, subtle: true)
            .Add(El.Choices(Year, L["hours.field.year"], years, value ?? thisYear.ToString(CultureInfo.InvariantCulture), required: true))
            .Action(Act.Execute(L["hours.export.submit"], verb, style: "positive"));
    }

    public static AdaptiveCard RedeemForm(Localizer L, CardData values, string requestId, IReadOnlyList<(string Title, string Value)>? matches = null,
        IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        var card = new AdaptiveCard().Title(L["hours.redeem.title"]).Text(L["hours.redeem.intro"], subtle: true)
            .Add(El.TextInput(Name, L["hours.field.volunteer"], values.Raw(Name), L["hours.redeem.nameHint"], required: true, maxLength: 40, error: HoursCards.Err(L, errors, Name)));
        if (matches is { Count: > 1 })
        {
            card.Add(El.Choices(Who, L["hours.redeem.who"], matches, values.Get(Who), required: true, error: HoursCards.Err(L, errors, Who)));
        }

        return card
            .Add(El.NumberInput(Points, L["hours.field.points"], values.Raw(Points), 1, 100000, required: true, error: HoursCards.Err(L, errors, Points)))
            .Add(El.TextInput(Item, L["hours.field.item"], values.Raw(Item), L["hours.redeem.itemHint"], required: true, maxLength: 60, error: HoursCards.Err(L, errors, Item)))
            .Action(Act.Execute(L["hours.redeem.submit"], HoursVerbs.RedeemSubmit, Act.Data((Request, requestId)), style: "positive"));
    }

    private const string Request = HoursCards.Request;

    /// <summary>积分兑换 recorded (or replayed): who, how many points, for what, and the balance left.</summary>
    public static AdaptiveCard Redeemed(Localizer L, string volunteerName, PointsExchange exchange, int balance) =>
        new AdaptiveCard().Title(L["hours.redeem.doneTitle"])
            .Facts(
                (L["hours.field.volunteer"], volunteerName),
                (L["hours.field.points"], exchange.Points.ToString(CultureInfo.InvariantCulture)),
                (L["hours.field.item"], exchange.Item),
                (L["hours.record.balance"], balance.ToString(CultureInfo.InvariantCulture)));

    public static AdaptiveCard RulesForm(Localizer L, PointsRules rules, CardData? values, Func<DateTimeOffset, string> format, IReadOnlyDictionary<string, string>? errors = null, string? message = null)
    {
        errors ??= new Dictionary<string, string>();
        string V(string key, decimal current) => values is not null && values.Has(key) ? values.Raw(key) : current.ToString("0.##", CultureInfo.InvariantCulture);
        var card = new AdaptiveCard().Title(L["hours.rules.title"]);
        if (message is not null)
        {
            card.Add(El.Text(message, color: "Good"));
        }

        card.Text(L.Format("hours.rules.formula",
            rules.PointsPerHour.ToString("0.##", CultureInfo.InvariantCulture), rules.GoodFactor.ToString("0.##", CultureInfo.InvariantCulture),
            rules.FairFactor.ToString("0.##", CultureInfo.InvariantCulture), rules.PoorFactor.ToString("0.##", CultureInfo.InvariantCulture)));
        if (rules.ChangedAt is { } at)
        {
            card.Text(L.Format("hours.rules.changed", rules.ChangedByName ?? "", format(at)), subtle: true);
        }

        return card.Text(L["hours.rules.note"], subtle: true)
            .Add(El.NumberInput(PerHour, L["hours.rules.perHour"], V(PerHour, rules.PointsPerHour), 0, PointsRules.MaxPerHour, true, HoursCards.Err(L, errors, PerHour)))
            .Add(El.NumberInput(Good, L["hours.rules.good"], V(Good, rules.GoodFactor), 0, PointsRules.MaxFactor, true, HoursCards.Err(L, errors, Good)))
            .Add(El.NumberInput(Fair, L["hours.rules.fair"], V(Fair, rules.FairFactor), 0, PointsRules.MaxFactor, true, HoursCards.Err(L, errors, Fair)))
            .Add(El.NumberInput(Poor, L["hours.rules.poor"], V(Poor, rules.PoorFactor), 0, PointsRules.MaxFactor, true, HoursCards.Err(L, errors, Poor)))
            .Action(Act.Execute(L["hours.rules.submit"], HoursVerbs.RulesSubmit, style: "positive"));
    }

    /// <summary>The working-day-8 nudge to a liaison: the activity's confirmation is due soon, with the way to it.</summary>
    public static AdaptiveCard Nudge(Localizer L, string projectId, string title, DateOnly ended, DateOnly deadline) =>
        new AdaptiveCard().Title(L["hours.nudge.title"])
            .Text(L.Format("hours.nudge.text", title, L.Date(ended), L.Date(deadline)))
            .Action(Act.Execute(L["hours.pending.open"], HoursVerbs.ActivityOpen, Act.Data((ProjectId, projectId)), validate: false));
}
