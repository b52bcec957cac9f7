using System.Globalization;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The registration confirmation, the profile card and the community report card (R1, R9).</summary>
public static class TeamProfileCards
{
    public const string CommunityName = "community";
    public const string CommunityDate = "reportedOn";

    public static AdaptiveCard Confirmation(Localizer L, VolunteerSaved saved, IReadOnlyList<Division> divisions)
    {
        var title = saved.Outcome switch
        {
            SaveOutcome.Created => L["team.register.done"],
            SaveOutcome.Updated => L["team.register.updated"],
            _ => L["team.register.unchanged"],
        };
        var card = new AdaptiveCard().Add(El.Text("✅ " + title, bold: true, size: "Medium", color: "Good"));
        if (saved.Outcome == SaveOutcome.Created)
        {
            card.Text(L["team.register.doneBody"]);
        }

        if (saved.PreviousDivisionId is { } previous)
        {
            card.Text(L.Format("team.register.moved", NameOf(divisions, previous), NameOf(divisions, saved.Volunteer.DivisionId)));
        }

        card.Add(El.Facts(BasicFacts(L, saved.Volunteer, divisions)));
        card.Action(Act.Execute(L["team.profile.edit"], TeamVerbs.RegisterOpen));
        if (saved.Volunteer.IsPartyMember)
        {
            card.Action(Act.Execute(L["team.menu.community"], TeamVerbs.CommunityOpen));
        }

        card.Action(Act.Execute(L["team.menu.projects"], ProjectVerbs.ProjectsList));
        return card;
    }

    public static AdaptiveCard Profile(Localizer L, Volunteer v, IReadOnlyList<DivisionMembership> history, IReadOnlyList<Division> divisions,
        Func<DateTimeOffset, string> formatTime, string? notice = null)
    {
        var card = new AdaptiveCard().Title(L["team.profile.title"]);
        if (notice is not null)
        {
            card.Add(El.Text("✅ " + notice, color: "Good"));
        }

        var facts = BasicFacts(L, v, divisions);
        if (v.IsPartyMember)
        {
            facts.Add((L["team.profile.community"], CommunityText(L, v)));
        }

        var liaisonOf = divisions.Where(d => d.IsLiaison(v.AadObjectId)).Select(d => d.Name).ToList();
        if (liaisonOf.Count > 0)
        {
            facts.Add((L["team.profile.liaisonOf"], L.List(liaisonOf)));
        }

        facts.Add((L["team.profile.registeredAt"], formatTime(v.RegisteredAt)));
        card.Add(El.Facts(facts));
        if (history.Count > 1)
        {
            card.Add(El.Text(L["team.profile.history"], bold: true));
            foreach (var m in history)
            {
                card.Add(El.Text(L.Format("team.profile.historyLine", NameOf(divisions, m.DivisionId), Date(L, m.From),
                    m.Until is { } until ? Date(L, until) : L["team.profile.historyNow"]), subtle: true, size: "Small"));
            }
        }

        card.Action(Act.Execute(L["team.profile.edit"], TeamVerbs.RegisterOpen));
        if (v.IsPartyMember)
        {
            card.Action(Act.Execute(L["team.menu.community"], TeamVerbs.CommunityOpen));
        }

        card.Action(Act.Execute(L["team.menu.suggestion"], TeamVerbs.FeedbackOpen, Act.Data((TeamFeedbackCards.KindKey, TeamFeedbackCards.SuggestionKind))));
        card.Action(Act.Execute(L["team.menu.help"], TeamVerbs.FeedbackOpen, Act.Data((TeamFeedbackCards.KindKey, TeamFeedbackCards.HelpKind))));
        return card;
    }

    public static AdaptiveCard CommunityForm(Localizer L, Conversation.CardData values, IReadOnlyDictionary<string, string>? errors = null)
    {
        string? Err(string id) => errors is not null && errors.TryGetValue(id, out var e) ? e : null;
        return new AdaptiveCard()
            .Title(L["team.community.title"])
            .Text(errors is { Count: > 0 } ? L["team.register.fixErrors"] : L["team.community.intro"])
            .Add(El.TextInput(CommunityName, L["team.community.name"], values.Raw(CommunityName), L["team.community.namePlaceholder"],
                required: true, maxLength: TeamInput.CommunityMax, error: Err(CommunityName)))
            .Add(El.DateInput(CommunityDate, L["team.community.date"], values.Raw(CommunityDate), required: true, error: Err(CommunityDate)))
            .Action(Act.Execute(L["team.community.submit"], TeamVerbs.CommunitySubmit, style: "positive"));
    }

    public static string NameOf(IReadOnlyList<Division> divisions, string divisionId) =>
        divisions.FirstOrDefault(d => d.Id == divisionId)?.Name ?? divisionId;

    private static List<(string, string)> BasicFacts(Localizer L, Volunteer v, IReadOnlyList<Division> divisions) =>
    [
        (L["team.profile.name"], v.Name),
        (L["team.profile.division"], NameOf(divisions, v.DivisionId)),
        (L["team.profile.party"], v.IsPartyMember ? L["team.yes"] : L["team.no"]),
        (L["team.profile.mobile"], v.Mobile ?? L["team.none"]),
        (L["team.profile.nationalId"], v.NationalVolunteerId ?? L["team.none"]),
    ];

    private static string CommunityText(Localizer L, Volunteer v) =>
        v.Community is { } c && v.CommunityReportedOn is { } on
            ? L.Format("team.profile.communityValue", c, Date(L, on))
            : L["team.profile.communityMissing"];

    private static string Date(Localizer L, DateOnly d) => L.Date(d);

    /// <summary>社区报到 is for Party members: says so, with the way to correct the profile.</summary>
    public static AdaptiveCard NotPartyMember(Localizer L) =>
        new AdaptiveCard().Title(L["team.community.title"]).Text(L["team.community.notParty"])
            .Action(Act.Execute(L["team.profile.edit"], TeamVerbs.RegisterOpen));
}
