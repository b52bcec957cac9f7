using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>
/// The quarterly digest card (季度简报), the liaison's division standing and the volunteer's personal reminder.
/// The chart is drawn with ColumnSets (a coloured column per bar, widths in proportion), which every Teams
/// client renders; the same figures are always in text next to it, so nothing depends on the picture.
/// </summary>
public static class DigestCards
{
    private const int MaxBars = 12;

    public static AdaptiveCard Digest(Localizer L, QuarterlyDigest d, string? runId = null)
    {
        var card = new AdaptiveCard().Title(L.Format("digest.title", ReminderCards.QuarterName(L, d.Quarter)));
        var none = L["digest.noData"];
        card.Add(El.Text(L["digest.section.activities"], bold: true));
        card.Facts(
            (L["digest.activitiesThisQuarter"], d.HasProjectData ? Mark(d.ActivitiesThisQuarter >= DigestTargets.ActivitiesPerQuarter, N(d.ActivitiesThisQuarter)) : none),
            (L["digest.centralised"], d.HasProjectData ? Mark(d.CentralisedTargetMet, L.Format("digest.ofTarget", d.CentralisedThisYear, DigestTargets.CentralisedPerYear)) : none),
            (L["digest.branch"], d.HasProjectData ? Mark(d.DivisionsMeetingBranchTarget == d.Divisions.Count && d.Divisions.Count > 0, L.Format("digest.divisionsMet", d.DivisionsMeetingBranchTarget, d.Divisions.Count, DigestTargets.BranchPerDivisionPerYear)) : none));
        if (d.HasProjectData && d.Divisions.Count > 0)
        {
            card.Add(El.Text(L["digest.chart.title"], subtle: true, size: "Small"));
            var max = Math.Max(1, d.Divisions.Max(s => s.ActivitiesThisQuarter));
            foreach (var s in d.Divisions.OrderByDescending(s => s.ActivitiesThisQuarter).ThenBy(s => s.Name, StringComparer.Ordinal).Take(MaxBars))
            {
                card.Add(Bar(s.Name, s.ActivitiesThisQuarter, max, N(s.ActivitiesThisQuarter), s.ActivitiesThisQuarter >= DigestTargets.ActivitiesPerQuarter ? "good" : "attention"));
            }

            if (d.Divisions.Count > MaxBars)
            {
                card.Text(L.Format("digest.chart.more", d.Divisions.Count - MaxBars), subtle: true);
            }
        }

        card.Add(El.Text(L["digest.section.people"], bold: true));
        card.Facts(
            (L["digest.registered"], N(d.RegisteredVolunteers)),
            (L["digest.participation"], d.ParticipationRate is { } p ? Mark(p >= DigestTargets.ParticipationRate, L.Format("digest.percentOfTarget", TextFormat.Percent(p), TextFormat.Percent(DigestTargets.ParticipationRate))) : none),
            (L["digest.averageHours"], d.AverageHours is { } a ? Mark(a >= DigestTargets.AverageHours, L.Format("digest.hoursOfTarget", a.ToString("0.#", CultureInfo.InvariantCulture), DigestTargets.AverageHours)) : none),
            (L["digest.at20"], d.VolunteersAt20Hours is { } n ? N(n) : none),
            (L["digest.unregistered"], N(d.UnregisteredStaff)),
            (L["digest.invited"], L.Format("digest.invitedValue", N(d.InvitedStaff), N(d.RegisteredSinceInvited))));
        if (d.ParticipationRate is { } rate)
        {
            card.Add(Bar(L["digest.chart.participation"], (double)rate, 1, TextFormat.Percent(rate), rate >= DigestTargets.ParticipationRate ? "good" : "attention"));
        }

        card.Add(El.Text(L["digest.section.liaisons"], bold: true));
        card.Facts((L["digest.noLiaison"], d.DivisionsWithoutLiaison.Count == 0 ? L["digest.noLiaisonNone"] : "⚠ " + L.List(d.DivisionsWithoutLiaison)));
        if (d.Divisions.Any(s => s.FeaturedProjects is > 0))
        {
            card.Add(El.Text(L["honours.digest.featured"], bold: true));
            card.Facts([.. d.Divisions.Where(s => s.FeaturedProjects is > 0).OrderByDescending(s => s.FeaturedProjects).ThenBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => (s.Name, L.Format("honours.digest.featuredCount", s.FeaturedProjects)))]);
        }

        card.Add(El.Text(L["digest.section.filings"], bold: true));
        card.Facts(
            (L["digest.awaitingApproval"], d.FilingsAwaitingApproval is { } f ? N(f) : none),
            (L["digest.withoutDeclaration"], d.ApprovedWithoutDeclaration is { } w ? N(w) : none));
        card.Action(Act.Execute(L["digest.action.refresh"], ReminderVerbs.DigestShow));
        if (runId is not null)
        {
            card.Action(Act.Execute(L["reminder.action.status"], ReminderVerbs.ReminderStatus, Act.Data(("runId", runId))));
        }

        return card;
    }

    public static AdaptiveCard Standing(Localizer L, Quarter quarter, IReadOnlyList<DivisionStanding> standings, bool hasProjectData)
    {
        var card = new AdaptiveCard().Title(L.Format("reminder.liaison.title", ReminderCards.QuarterName(L, quarter)));
        var none = L["digest.noData"];
        foreach (var s in standings)
        {
            card.Add(El.Text(Markdown.Escape(s.Name), bold: true));
            card.Facts(
                (L["digest.activitiesThisQuarter"], hasProjectData ? Mark(s.ActivitiesThisQuarter >= DigestTargets.ActivitiesPerQuarter, N(s.ActivitiesThisQuarter)) : none),
                (L["digest.branchThisYear"], hasProjectData ? Mark(s.BranchTargetMet, L.Format("digest.ofTarget", s.BranchActivitiesThisYear, DigestTargets.BranchPerDivisionPerYear)) : none),
                (L["digest.notServed"], s.MembersNotServed is { } ns ? L.Format("digest.notServedCount", ns.Count, s.Members) : none),
                (L["digest.awaitingConfirmation"], s.AwaitingConfirmation is { } a ? N(a) : none),
                (L["digest.gearOut"], s.GearOut is { } g ? N(g) : none));
            if (s.MembersNotServed is { Count: > 0 } names)
            {
                card.Text(L.List(names.Take(15)) + (names.Count > 15 ? L.Format("digest.andMore", names.Count - 15) : ""), subtle: true);
            }
        }

        card.Text(L["reminder.liaison.hint"], subtle: true);
        card.Action(Act.Execute(L["reminder.action.projects"], ProjectVerbs.ProjectsList));
        return card;
    }

    public static AdaptiveCard VolunteerReminder(Localizer L, ReminderRunContext run, IReadOnlyList<DigestOpenProject>? open, TimeZoneInfo zone)
    {
        var card = ReminderCards.VolunteerLetterBody(L, run);
        if (open is { Count: > 0 })
        {
            card.Add(El.Text(L["reminder.volunteer.open"], bold: true));
            foreach (var p in open.Take(5))
            {
                var local = TimeZoneInfo.ConvertTime(p.Start, zone);
                var seats = p.SeatsLeft is { } left ? L.Separator() + L.Format("reminder.volunteer.seats", left) : "";
                card.Add(El.Text($"**{Markdown.Escape(p.Title)}**  \n{L.Joined(When(L, p.Start, zone), Markdown.Escape(p.Place))}{seats}", size: "Small"));
            }
        }
        else if (open is not null)
        {
            card.Text(L["reminder.volunteer.noOpen"], subtle: true);
        }

        card.Action(Act.Execute(L["reminder.action.projects"], ProjectVerbs.ProjectsList));
        return card;
    }

    /// <summary>A start time on the calendar of <paramref name="zone"/> (Asia/Shanghai), written as the card's language writes dates.</summary>
    public static string When(Localizer L, DateTimeOffset start, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(start, zone).ToString(L["reminder.volunteer.when"], L.Culture);

    /// <summary>A labelled horizontal bar: a coloured column whose width is the value's share of the largest.</summary>
    private static JsonObject Bar(string label, double value, double max, string text, string style)
    {
        var filled = (int)Math.Round(100 * Math.Clamp(value / max, 0, 1));
        var bar = new JsonArray();
        if (filled > 0)
        {
            bar.Add(new JsonObject { ["type"] = "Column", ["width"] = filled.ToString(CultureInfo.InvariantCulture), ["style"] = style, ["minHeight"] = "16px", ["items"] = new JsonArray() });
        }

        if (filled < 100)
        {
            bar.Add(new JsonObject { ["type"] = "Column", ["width"] = (100 - filled).ToString(CultureInfo.InvariantCulture), ["items"] = new JsonArray() });
        }

        return El.Columns(
            El.Column("2", El.Text(label, size: "Small")),
            new JsonObject { ["type"] = "Column", ["width"] = "3", ["verticalContentAlignment"] = "Center", ["items"] = new JsonArray(new JsonObject { ["type"] = "ColumnSet", ["columns"] = bar }) },
            El.Column("1", El.Text(text, size: "Small")));
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);


    private static string Mark(bool met, string text) => (met ? "✅ " : "⚠️ ") + text;
}
