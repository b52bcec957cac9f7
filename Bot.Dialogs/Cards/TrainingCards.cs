using System.Globalization;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Training records (R3): the committee's form with attendance from the roster, the list, and 我的培训.</summary>
public static class TrainingCards
{
    public const string SessionId = "sessionId";
    public const string Title = "title";
    public const string Kind = "kind";
    public const string Date = "date";
    public const string Hours = "hours";
    public const string Organiser = "organiser";
    public const string Content = "content";
    public const string AttendancePrefix = "att.";

    public const int TitleMax = 50;
    public const int OrganiserMax = 30;
    public const int ContentMax = 1000;

    public static string KindName(Localizer L, TrainingKind kind) => L["training.kind." + kind];

    public static string HoursText(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// The form. Attendance is one multi-select per division (grouped, so a long roster stays usable on a phone);
    /// <paramref name="picked"/> keeps what was chosen.
    /// </summary>
    public static AdaptiveCard Form(Localizer L, string id, IReadOnlyList<(Division Division, IReadOnlyList<Volunteer> Members)> roster,
        CardData values, ISet<string> picked, GearCards.Errors? errors = null, string? top = null)
    {
        errors ??= [];
        var card = new AdaptiveCard().Title(L["training.form.title"]).Text(L["training.form.intro"], subtle: true);
        card.Add(El.Error(top));
        card.Add(El.TextInput(Title, L["training.field.title"], values.Raw(Title), L["training.field.titlePlaceholder"], required: true, maxLength: TitleMax, error: errors.For(Title)));
        card.Add(El.Choices(Kind, L["training.field.kind"], Enum.GetValues<TrainingKind>().Select(k => (KindName(L, k), k.ToString())),
            values.Get(Kind) ?? nameof(TrainingKind.MoralLecture), required: true, error: errors.For(Kind)));
        card.Add(El.DateInput(Date, L["training.field.date"], values.Raw(Date), required: true, error: errors.For(Date)));
        card.Add(El.NumberInput(Hours, L["training.field.hours"], values.Raw(Hours), min: 0.5m, max: 24, required: true, error: errors.For(Hours)));
        card.Add(El.TextInput(Organiser, L["training.field.organiser"], values.Raw(Organiser), required: true, maxLength: OrganiserMax, error: errors.For(Organiser)));
        card.Add(El.TextInput(Content, L["training.field.content"], values.Raw(Content), maxLength: ContentMax, multiline: true, error: errors.For(Content)));
        card.Add(El.Text(L["training.field.attendance"], bold: true));
        card.Add(El.Error(errors.For(AttendancePrefix)));
        if (roster.All(r => r.Members.Count == 0))
        {
            card.Add(El.Text(L["training.noRoster"], subtle: true));
        }

        foreach (var (division, members) in roster.Where(r => r.Members.Count > 0))
        {
            var chosen = string.Join(',', members.Where(m => picked.Contains(m.AadObjectId)).Select(m => m.AadObjectId));
            card.Add(El.Choices(AttendancePrefix + division.Id, L.Format("training.field.division", division.Name, members.Count),
                members.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => (m.Name, m.AadObjectId)), chosen, multi: true));
        }

        return card.Action(Act.Execute(L["training.save"], TrainingVerbs.Save, Act.Data((SessionId, id)), style: "positive"));
    }

    public static AdaptiveCard Saved(Localizer L, TrainingSession s, bool created) => new AdaptiveCard()
        .Add(El.Text("✅ " + (created ? L["training.saved"] : L["training.updated"]), bold: true, size: "Medium", color: "Good"))
        .Add(Summary(L, s))
        .Text(L.List(s.Attendees.Select(a => a.Name)), subtle: true)
        .Action(Act.Execute(L["training.edit"], TrainingVerbs.Open, Act.Data((SessionId, s.Id)), validate: false))
        .Action(Act.Execute(L["training.new"], TrainingVerbs.Open, validate: false));

    public static System.Text.Json.Nodes.JsonObject Summary(Localizer L, TrainingSession s) => El.Facts(
    [
        (L["training.field.title"], s.Title),
        (L["training.field.kind"], KindName(L, s.Kind)),
        (L["training.field.date"], L.Date(s.Date)),
        (L["training.field.hours"], HoursText(s.Hours)),
        (L["training.field.organiser"], s.Organiser),
        (L["training.attendees"], s.Attendees.Count.ToString(CultureInfo.InvariantCulture)),
    ]);

    /// <summary>The year's sessions with an edit button each, and a button for a new one.</summary>
    public static AdaptiveCard List(Localizer L, int year, IReadOnlyList<TrainingSession> sessions)
    {
        var card = new AdaptiveCard().Title(L.Format("training.list.title", year));
        if (sessions.Count == 0)
        {
            card.Text(L["training.list.none"], subtle: true);
        }

        foreach (var s in sessions.Take(20))
        {
            card.Add(El.Container([
                El.Text($"{L.Date(s.Date)} {s.Title}", bold: true),
                El.Text(L.Format("training.list.line", KindName(L, s.Kind), HoursText(s.Hours), s.Attendees.Count), subtle: true),
                El.Actions(Act.Execute(L["training.edit"], TrainingVerbs.Open, Act.Data((SessionId, s.Id)), validate: false)),
            ], separator: true));
        }

        return card.Action(Act.Execute(L["training.new"], TrainingVerbs.Open, Act.Data(("new", "1")), style: "positive", validate: false));
    }

    /// <summary>我的培训: a volunteer's trainings and their hours, which are not service hours.</summary>
    public static AdaptiveCard Mine(Localizer L, IReadOnlyList<TrainingAttendance> list)
    {
        var card = new AdaptiveCard().Title(L["training.mine.title"]);
        if (list.Count == 0)
        {
            return card.Text(L["training.mine.none"], subtle: true);
        }

        card.Text(L.Format("training.mine.total", list.Count, HoursText(list.Sum(a => a.Hours))));
        card.Add(El.Facts(list.Take(30).Select(a => (L.Date(a.Date), $"{a.Title}（{KindName(L, a.Kind)}，{HoursText(a.Hours)}h）"))));
        return card.Text(L["training.mine.apart"], subtle: true);
    }
}
