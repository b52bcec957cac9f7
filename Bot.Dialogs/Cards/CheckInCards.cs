using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>
/// Check-in at the venue (签到 / 签退): the venue card with the code and QR image (the liaison's, with 刷新签到码 and
/// posting; the shared one in a group chat or channel, with a 签到 button that asks for the code), the volunteer's
/// 已签到 / 已签退 cards, the code prompt, the activity picker and the liaison's attendance sheet.
/// </summary>
public static class CheckInCards
{
    public const string ProjectId = "projectId";
    public const string Code = "checkinCode";
    public const string Channel = "checkinChannel";

    /// <summary>The venue card. <paramref name="manager"/>: the liaison's own copy (codes, sheet, posting); else the shared copy.</summary>
    public static AdaptiveCard Venue(Localizer L, Project p, CheckInSession session, CheckInLink link, TimeZoneInfo zone, bool manager,
        IReadOnlyList<TeamChannel>? channels = null, string? notice = null)
    {
        var card = new AdaptiveCard()
            .Title(L.Format("checkin.venue.title", Escape(p.Title)))
            .Text(L.Joined(ProjectCards.When(L, p, zone), Escape(p.Place)), subtle: true);
        if (notice is not null)
        {
            card.Add(El.Text(notice, bold: true, color: "Good"));
        }

        card.Add(El.Text(L.Format("checkin.venue.code", Spaced(session.Code)), bold: true, size: "ExtraLarge"));
        card.Add(new JsonObject
        {
            ["type"] = "Image", ["url"] = link.QrImageDataUri, ["altText"] = L.Format("checkin.venue.qrAlt", session.Code),
            ["size"] = "Large", ["horizontalAlignment"] = "Center",
        });
        card.Text(L.Format("checkin.venue.how", session.Code, Time(L, CheckInRules.OpensAt(p), zone), Time(L, p.End, zone)));
        if (manager)
        {
            card.Text(L.Format("checkin.venue.shown", Time(L, session.CodeShownAt, zone)), subtle: true);
            card.Action(Act.Execute(L["checkin.venue.refresh"], CheckInVerbs.Refresh, Act.Data((ProjectId, p.Id))));
            card.Action(Act.Execute(L["checkin.venue.sheet"], CheckInVerbs.Sheet, Act.Data((ProjectId, p.Id))));
            if (channels is { Count: > 0 })
            {
                var post = new AdaptiveCard()
                    .Add(El.Choices(Channel, L["checkin.post.channel"], channels.Select(c => (L.Joined(c.TeamName, c.ChannelName), ChannelKey(c))),
                        required: true, error: null))
                    .Action(Act.Execute(L["checkin.post.submit"], CheckInVerbs.Post, Act.Data((ProjectId, p.Id))));
                card.Action(Act.ShowCard(L["checkin.post.button"], post));
            }

            card.Text(L["checkin.venue.groupHint"], subtle: true);
        }
        else
        {
            card.Action(Act.ShowCard(L["checkin.button"], CodeForm(L, p.Id, null, null)));
        }

        return card;
    }

    /// <summary>The code prompt (typed 签到 without a code, or the shared card's 签到 button).</summary>
    public static AdaptiveCard Ask(Localizer L, string? projectId, string? value, string? error) =>
        new AdaptiveCard().Title(L["checkin.ask.title"]).Add(Body(CodeForm(L, projectId, value, error)));

    private static AdaptiveCard CodeForm(Localizer L, string? projectId, string? value, string? error)
    {
        var input = El.TextInput(Code, L["checkin.ask.label"], value, L["checkin.ask.placeholder"], required: true, maxLength: 12, error: error);
        var field = input["type"]?.GetValue<string>() == "Input.Text" ? input : (JsonObject)input["items"]![0]!;
        field["errorMessage"] = L["checkin.ask.required"];
        field["regex"] = "^\\s*[0-9０-９]{6}\\s*$";
        return new AdaptiveCard()
            .Text(L["checkin.ask.text"], subtle: true)
            .Add(input)
            .Action(Act.Execute(L["checkin.ask.submit"], CheckInVerbs.Code, Act.Data((ProjectId, projectId))));
    }

    private static JsonObject Body(AdaptiveCard form)
    {
        var json = form.ToJson();
        var items = new List<JsonObject?>();
        foreach (var item in json["body"]!.AsArray())
        {
            items.Add(item!.DeepClone().AsObject());
        }

        var actions = json["actions"]!.AsArray().Select(a => a!.DeepClone().AsObject()).ToArray();
        items.Add(El.Actions(actions));
        return El.Container(items);
    }

    /// <summary>已签到: the time in and the 签退 button.</summary>
    public static AdaptiveCard CheckedIn(Localizer L, Attendance a, TimeZoneInfo zone, bool already)
    {
        var card = new AdaptiveCard()
            .Title(already ? L["checkin.done.already"] : L["checkin.done.title"])
            .Facts(
                (L["checkin.field.activity"], Escape(a.ProjectTitle)),
                (L["checkin.field.in"], DateTime(L, a.CheckedInAt, zone)),
                (L["checkin.field.out"], a.CheckedOutAt is { } o ? DateTime(L, o, zone) : L["checkin.field.notYet"]));
        if (a.IsWalkIn)
        {
            card.Text(L["checkin.done.walkIn"], subtle: true);
        }

        if (a.CheckedOutAt is null && a.RecordedAt is null)
        {
            card.Text(L.Format("checkin.done.hint", Time(L, a.ProjectEnd, zone)), subtle: true);
            card.Action(Act.Execute(L["checkin.out.button"], CheckInVerbs.Out, Act.Data((ProjectId, a.ProjectId))));
        }

        return card;
    }

    /// <summary>已签退: both times and the hours from the clock, with where the record stands.</summary>
    public static AdaptiveCard CheckedOut(Localizer L, Attendance a, ServiceRecord? record, TimeZoneInfo zone, string title)
    {
        var card = new AdaptiveCard().Title(title).Facts(
            (L["checkin.field.activity"], Escape(a.ProjectTitle)),
            (L["checkin.field.in"], DateTime(L, a.CheckedInAt, zone)),
            (L["checkin.field.out"], a.CheckedOutAt is { } o ? DateTime(L, o, zone) : L["checkin.mark.noCheckOut"]),
            (L["checkin.field.hours"], record is null ? "—" : L.Format("checkin.field.hoursValue", HoursRules.Format(record.Hours))),
            (L["checkin.field.status"], record is null ? "—" : L["hours.status." + record.Status.ToString().ToLowerInvariant()]));
        card.Text(record?.Status == RecordStatus.Confirmed ? L["checkin.out.confirmed"] : L["checkin.out.pending"], subtle: true);
        card.Action(Act.Execute(L["checkin.out.myRecord"], HoursVerbs.RecordShow));
        return card;
    }

    /// <summary>A short answer: a title and what to do next.</summary>
    public static AdaptiveCard Message(string title, string text, JsonObject? action = null)
    {
        var card = new AdaptiveCard().Title(title).Text(text);
        if (action is not null)
        {
            card.Action(action);
        }

        return card;
    }

    /// <summary>Which activity to open check-in for, when several are near.</summary>
    public static AdaptiveCard Pick(Localizer L, IReadOnlyList<Project> projects, TimeZoneInfo zone)
    {
        var card = new AdaptiveCard().Title(L["checkin.pick.title"]).Text(L["checkin.pick.text"], subtle: true);
        foreach (var p in projects)
        {
            card.Add(El.Container([
                El.Text(Escape(p.Title), bold: true),
                El.Text(L.Joined(ProjectCards.When(L, p, zone), Escape(p.Place)), subtle: true),
                El.Actions(Act.Execute(L["checkin.pick.open"], CheckInVerbs.Open, Act.Data((ProjectId, p.Id)))),
            ], separator: true));
        }

        return card;
    }

    /// <param name="Name">Display name, escaped by the card.</param>
    public sealed record SheetLine(string Name, string Division, DateTimeOffset? In, DateTimeOffset? Out, bool WalkIn);

    /// <summary>The liaison's attendance sheet: checked in (with times, walk-ins marked, 未签退), and signed up but never came.</summary>
    public static AdaptiveCard Sheet(Localizer L, Project p, IReadOnlyList<SheetLine> came, IReadOnlyList<SheetLine> noShows, TimeZoneInfo zone, bool ended)
    {
        var card = new AdaptiveCard()
            .Title(L.Format("checkin.sheet.title", Escape(p.Title)))
            .Text(L.Joined(ProjectCards.When(L, p, zone), Escape(p.Place)), subtle: true)
            .Text(L.Format("checkin.sheet.counts", came.Count, came.Count(c => c.Out is not null), came.Count(c => c.WalkIn), noShows.Count));
        card.Add(El.Text(L["checkin.sheet.came"], bold: true));
        var lines = new StringBuilder();
        for (var i = 0; i < came.Count; i++)
        {
            var c = came[i];
            lines.Append(CultureInfo.InvariantCulture, $"{i + 1}. {Escape(c.Name)}（{Escape(c.Division)}） {Time(L, c.In!.Value, zone)} – ")
                .Append(c.Out is { } o ? Time(L, o, zone) : ended ? L["checkin.mark.noCheckOut"] : L["checkin.mark.present"]);
            if (c.WalkIn)
            {
                lines.Append(' ').Append(L["checkin.mark.walkIn"]);
            }

            lines.Append('\n');
        }

        card.Text(came.Count == 0 ? L["checkin.sheet.none"] : lines.ToString().TrimEnd());
        card.Add(El.Text(L["checkin.sheet.noShows"], bold: true));
        card.Text(noShows.Count == 0 ? L["checkin.sheet.allCame"]
            : string.Join("\n", noShows.Select((s, i) => $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {Escape(s.Name)}（{Escape(s.Division)}）")));
        card.Action(Act.Execute(L["checkin.sheet.refresh"], CheckInVerbs.Sheet, Act.Data((ProjectId, p.Id))));
        if (ended)
        {
            card.Action(Act.Execute(L["checkin.sheet.confirm"], HoursVerbs.ActivityOpen, Act.Data((HoursAdminCards.ProjectId, p.Id))));
        }

        return card;
    }

    public static string ChannelKey(TeamChannel c) => c.TeamId + "|" + c.ChannelId;

    public static string Time(Localizer L, DateTimeOffset at, TimeZoneInfo zone) => L.Time(ProjectCalendar.ToLocal(at, zone));

    public static string DateTime(Localizer L, DateTimeOffset at, TimeZoneInfo zone) => L.DateTime(ProjectCalendar.ToLocal(at, zone));

    private static string Spaced(string code) => code.Length == 6 ? code[..3] + " " + code[3..] : code;

    public static string Escape(string text) => Markdown.Escape(text);

    /// <summary>Only registered volunteers check in: the refusal with the way to register.</summary>
    public static AdaptiveCard NotRegistered(Localizer L) =>
        Message(L["refusal.title"], L["refusal.volunteer"], Act.Execute(L["menu.register"], TeamVerbs.RegisterOpen));

    /// <summary>Still checked in at another activity that overlaps: the way to check out of it.</summary>
    public static AdaptiveCard Overlap(Localizer L, string otherProjectId, string otherTitle, DateTimeOffset otherEnd, TimeZoneInfo zone) =>
        Message(L["checkin.error.title"], L.Format("checkin.error.overlap", Escape(otherTitle), Time(L, otherEnd, zone)),
            Act.Execute(L["checkin.out.button"], CheckInVerbs.Out, Act.Data((ProjectId, otherProjectId))));
}
