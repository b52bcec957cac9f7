using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>优秀志愿者评选 (R14): the committee's board, the congratulation cards, the honours on 我的志愿记录, and 特色项目.</summary>
public static class HonourCards
{
    public const string ShowVerb = "honours.show";
    public const string NameVerb = "honours.name";
    public const string UnnameVerb = "honours.unname";
    public const string PublishVerb = "honours.publish";
    public const string CertificateVerb = "honours.certificate";
    public const string FeaturedShowVerb = "featured.show";
    public const string FeaturedMarkVerb = "featured.mark";
    public const string FeaturedUnmarkVerb = "featured.unmark";

    public const string Year = "year";
    public const string Kind = "kind";
    public const string Subject = "subject";
    public const string VolunteerPick = "volunteerPick";
    public const string VolunteerReason = "volunteerReason";
    public const string TeamPick = "teamPick";
    public const string TeamReason = "teamReason";
    public const string ProjectPick = "projectPick";
    public const string Note = "note";
    public const int ReasonMax = 200;
    public const int MaxChoices = 100;

    public sealed record VolunteerCandidate(string AadObjectId, string Name, string DivisionName, decimal Hours, int Points);

    public sealed record TeamCandidate(string DivisionId, string Name, decimal ParticipationRate, decimal AverageHours, int Featured);

    private static string Y(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string H(decimal hours) => HoursRules.Format(hours);

    public static AdaptiveCard Board(Localizer L, int year, IReadOnlyList<VolunteerCandidate> volunteers, IReadOnlyList<TeamCandidate> teams, IReadOnlyList<Honour> named,
        string? notice, IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        string? Err(string k) => errors.TryGetValue(k, out var e) ? e : null;
        var card = new AdaptiveCard().Title(L.Format("honours.board.title", year)).Text(L["honours.board.intro"], subtle: true);
        if (notice is not null)
        {
            card.Add(El.Text("✅ " + notice, color: "Good"));
        }

        foreach (var (kind, heading) in new[] { (HonourKind.Volunteer, "honours.board.volunteers"), (HonourKind.Team, "honours.board.teams") })
        {
            card.Add(El.Text(L[heading], bold: true));
            var mine = named.Where(h => h.Kind == kind).ToList();
            foreach (var h in mine)
            {
                var who = kind == HonourKind.Volunteer ? $"{PointsCards.Md(h.SubjectName)}（{PointsCards.Md(h.DivisionName ?? "")}，{H(h.Hours)} 小时）" : PointsCards.Md(h.SubjectName);
                card.Add(El.Text(L.Format(h.AnnouncedAt is null ? "honours.board.named" : "honours.board.announced", who, PointsCards.Md(h.Reason))));
                if (h.AnnouncedAt is null)
                {
                    card.Add(El.Actions(Act.Execute(L.Format("honours.board.unname", h.SubjectName), UnnameVerb,
                        Act.Data((Year, Y(year)), (Kind, kind.ToString()), (Subject, h.SubjectId)), validate: false)));
                }
            }

            var ids = mine.Select(h => h.SubjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var choices = kind == HonourKind.Volunteer
                ? volunteers.Where(v => !ids.Contains(v.AadObjectId)).Select(v => (L.Format("honours.board.volunteerChoice", v.Name, v.DivisionName, H(v.Hours), v.Points), v.AadObjectId)).ToList()
                : teams.Where(t => !ids.Contains(t.DivisionId)).Select(t => (L.Format("honours.board.teamChoice", t.Name, TextFormat.Percent(t.ParticipationRate), t.AverageHours.ToString("0.#", CultureInfo.InvariantCulture), t.Featured), t.DivisionId)).ToList();
            if (choices.Count == 0)
            {
                card.Text(L[kind == HonourKind.Volunteer ? "honours.board.noVolunteers" : "honours.board.noTeams"], subtle: true);
                continue;
            }

            var (pick, reason) = kind == HonourKind.Volunteer ? (VolunteerPick, VolunteerReason) : (TeamPick, TeamReason);
            card.Add(El.Container(
            [
                El.Choices(pick, L[kind == HonourKind.Volunteer ? "honours.board.pickVolunteer" : "honours.board.pickTeam"], choices.Take(MaxChoices), error: Err(pick)),
                El.TextInput(reason, L["honours.board.reason"], null, L["honours.board.reasonHint"], maxLength: ReasonMax, error: Err(reason)),
                El.Actions(Act.Execute(L[kind == HonourKind.Volunteer ? "honours.board.nameVolunteer" : "honours.board.nameTeam"], NameVerb,
                    Act.Data((Year, Y(year)), (Kind, kind.ToString())), style: "positive")),
            ], separator: true));
        }

        if (Err("_") is { } general)
        {
            card.Add(El.Error(general)); // an error about the whole board (key "_"), under everything
        }

        if (named.Any(h => h.AnnouncedAt is null))
        {
            card.Action(Act.Execute(L["honours.board.publish"], PublishVerb, Act.Data((Year, Y(year))), style: "positive", validate: false));
        }

        return card.Action(Act.Execute(L["honours.board.refresh"], ShowVerb, Act.Data((Year, Y(year))), validate: false));
    }

    public static AdaptiveCard Congratulations(Localizer L, Honour h, IssuedCertificate? certificate, Func<DateTimeOffset, string> format)
    {
        var card = new AdaptiveCard()
            .Title(L.Format(h.Kind == HonourKind.Volunteer ? "honours.congrats.volunteerTitle" : "honours.congrats.teamTitle", h.Year))
            .Text(L.Format(h.Kind == HonourKind.Volunteer ? "honours.congrats.volunteer" : "honours.congrats.team", PointsCards.Md(h.SubjectName), h.Year, PointsCards.Md(h.Reason)));
        if (certificate is not null)
        {
            card.Facts((L["honours.certificate.number"], certificate.Number))
                .Text(L.Format("hours.link.expires", format(certificate.Link.ExpiresAt)), subtle: true)
                .Action(Act.OpenUrl(L["honours.certificate.download"], certificate.Link.Url))
                .Action(Act.Execute(L["honours.certificate.again"], CertificateVerb, Act.Data((Year, Y(h.Year))), validate: false));
        }

        return card;
    }

    /// <summary>The honours block on 我的志愿记录.</summary>
    public static IEnumerable<JsonObject> OnRecord(Localizer L, IReadOnlyList<Honour> honours)
    {
        if (honours.Count == 0)
        {
            yield break;
        }

        yield return El.Text(L["honours.record.title"], bold: true);
        yield return El.Facts(honours.Select(h => (L.Format("honours.record.year", h.Year), L.Format("honours.record.line", h.CertificateNumber ?? "—"))));
        yield return El.Actions([.. honours.Take(3).Select(h => Act.Execute(L.Format("honours.record.download", h.Year), CertificateVerb, Act.Data((Year, Y(h.Year))), validate: false))]);
    }

    /// <summary>No honour on record for the volunteer, so no certificate to give.</summary>
    public static AdaptiveCard NoCertificate(Localizer L) =>
        new AdaptiveCard().Title(L["honours.certificate.title"]).Text(L["honours.certificate.none"]);

    public static AdaptiveCard Featured(Localizer L, int year, IReadOnlyList<(string Id, string Label)> projects, IReadOnlyList<FeaturedProject> featured,
        IReadOnlyDictionary<string, string> divisionNames, string? notice, IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        string? Err(string k) => errors.TryGetValue(k, out var e) ? e : null;
        var card = new AdaptiveCard().Title(L.Format("honours.featured.title", year)).Text(L["honours.featured.intro"], subtle: true);
        if (notice is not null)
        {
            card.Add(El.Text("✅ " + notice, color: "Good"));
        }

        if (featured.Count == 0)
        {
            card.Text(L["honours.featured.none"], subtle: true);
        }

        foreach (var f in featured)
        {
            card.Add(El.Text(L.Format("honours.featured.line", PointsCards.Md(f.Title), L.List(f.DivisionIds.Select(d => divisionNames.GetValueOrDefault(d, d))), PointsCards.Md(f.Note))));
            card.Add(El.Actions(Act.Execute(L.Format("honours.featured.unmark", f.Title), FeaturedUnmarkVerb, Act.Data((Year, Y(year)), (Subject, f.ProjectId)), validate: false)));
        }

        var ids = featured.Select(f => f.ProjectId).ToHashSet(StringComparer.Ordinal);
        var choices = projects.Where(p => !ids.Contains(p.Id)).Take(MaxChoices).Select(p => (p.Label, p.Id)).ToList();
        if (choices.Count == 0)
        {
            card.Text(L["honours.featured.noProjects"], subtle: true);
        }
        else
        {
            card.Add(El.Choices(ProjectPick, L["honours.featured.pick"], choices, required: true, error: Err(ProjectPick)));
            card.Add(El.TextInput(Note, L["honours.featured.note"], null, L["honours.featured.noteHint"], required: true, maxLength: ReasonMax, error: Err(Note)));
            card.Action(Act.Execute(L["honours.featured.mark"], FeaturedMarkVerb, Act.Data((Year, Y(year))), style: "positive"));
        }

        return card;
    }

}
