using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Division rosters, the committee's overview (registered vs. not, R1/R9) and liaison appointment (R2).</summary>
public static class TeamRosterCards
{
    public const string CandidateKey = "candidate";
    public const string LiaisonKey = "liaison";

    /// <summary>Set on the confirmation of removing a division's last liaison.</summary>
    public const string ConfirmLastKey = "confirmLast";

    /// <summary>Names listed on a card before "… and others".</summary>
    private const int MaxNames = 30;

    public static AdaptiveCard Chooser(Localizer L, string title, string? intro, IEnumerable<Division> divisions, string verb, string button, string? error = null)
    {
        var card = new AdaptiveCard().Title(title);
        if (intro is not null)
        {
            card.Text(intro);
        }

        return card
            .Add(El.Choices(TeamDivisionCards.DivisionId, L["team.roster.choose"], divisions.Select(d => (d.Name, d.Id)), error: error))
            .Action(Act.Execute(button, verb));
    }

    public static AdaptiveCard Division(Localizer L, Division division, IReadOnlyList<Volunteer> members, bool committee)
    {
        var party = members.Where(m => m.IsPartyMember).ToList();
        var liaisons = members.Where(m => division.IsLiaison(m.AadObjectId)).Select(m => m.Name).ToList();
        var card = new AdaptiveCard().Title(L.Format("team.roster.title", division.Name)).Facts(
            (L["team.roster.members"], members.Count.ToString(L.Culture)),
            (L["team.roster.party"], party.Count.ToString(L.Culture)),
            (L["team.roster.liaisons"], liaisons.Count == 0 ? L["team.liaison.noneYet"] : L.List(liaisons)),
            (L["team.roster.communityMissing"], party.Count(p => !p.HasReportedToCommunity).ToString(L.Culture)));
        if (members.Count == 0)
        {
            card.Text(L["team.roster.empty"], subtle: true);
        }

        foreach (var m in members.OrderByDescending(m => division.IsLiaison(m.AadObjectId)).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            var tags = new List<string>();
            if (division.IsLiaison(m.AadObjectId))
            {
                tags.Add(L["team.roster.tagLiaison"]);
            }

            if (m.IsPartyMember)
            {
                tags.Add(L["team.roster.tagParty"]);
                tags.Add(m.HasReportedToCommunity ? L["team.roster.tagCommunity"] : L["team.roster.tagNoCommunity"]);
            }

            card.Add(El.Text(tags.Count == 0 ? m.Name : L.Joined([m.Name, .. tags]), size: "Small"));
        }

        if (committee)
        {
            card.Action(Act.Execute(L["team.divisions.liaisons"], TeamVerbs.LiaisonOpen, Act.Data((TeamDivisionCards.DivisionId, division.Id))));
            card.Action(Act.Execute(L["team.divisions.title"], TeamVerbs.DivisionsShow));
        }

        return card;
    }

    /// <summary>The committee's overview: staff registered vs. not, party members without a community report, and a division picker.</summary>
    public static AdaptiveCard Overview(Localizer L, IReadOnlyList<Division> divisions, IReadOnlyList<StaffRecord> staff, IReadOnlyList<Volunteer> volunteers)
    {
        var registered = volunteers.Select(v => v.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var card = new AdaptiveCard().Title(L["team.roster.overviewTitle"]);
        var facts = new List<(string, string)> { (L["team.roster.members"], volunteers.Count.ToString(L.Culture)) };
        var notRegistered = staff.Where(s => !registered.Contains(s.AadObjectId)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        if (staff.Count > 0)
        {
            facts.Add((L["team.roster.staff"], staff.Count.ToString(L.Culture)));
            facts.Add((L["team.roster.registered"], (staff.Count - notRegistered.Count).ToString(L.Culture)));
            facts.Add((L["team.roster.notRegistered"], notRegistered.Count.ToString(L.Culture)));
        }

        var noCommunity = volunteers.Where(v => v.IsPartyMember && !v.HasReportedToCommunity).OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        facts.Add((L["team.roster.communityMissing"], noCommunity.Count.ToString(L.Culture)));
        card.Add(El.Facts(facts));
        if (staff.Count == 0)
        {
            card.Text(L["team.roster.noStaff"], subtle: true);
        }
        else if (notRegistered.Count > 0)
        {
            card.Text(L.Format("team.roster.notRegisteredNames", Names(L, notRegistered.Select(s => s.Name).ToList())), subtle: true);
        }

        if (noCommunity.Count > 0)
        {
            card.Text(L["team.roster.communityMissing"] + "：" + Names(L, noCommunity.Select(v => v.Name).ToList()), subtle: true);
        }

        if (divisions.Count > 0)
        {
            card.Add(El.Choices(TeamDivisionCards.DivisionId, L["team.roster.choose"], divisions.Select(d => (d.Name, d.Id))));
            card.Action(Act.Execute(L["team.roster.show"], TeamVerbs.RosterShow));
        }

        if (notRegistered.Count > 0)
        {
            card.Action(Act.Execute(L["team.staff.invite"], TeamVerbs.StaffInvite, validate: false));
        }

        return card;
    }

    public static AdaptiveCard Liaisons(Localizer L, Division division, IReadOnlyList<Volunteer> members, IReadOnlyList<(string Id, string Name)> current,
        string? notice = null, string? error = null)
    {
        var card = new AdaptiveCard().Title(L.Joined(L["team.liaison.title"], division.Name)).Text(L["team.liaison.intro"], subtle: true);
        if (notice is not null)
        {
            card.Add(El.Text("✅ " + notice, color: "Good"));
        }

        if (current.Count == 0)
        {
            card.Text(L["team.liaison.noneYet"]);
        }
        else
        {
            card.Add(El.Text(L["team.liaison.current"], bold: true));
            foreach (var (id, name) in current)
            {
                card.Add(El.Actions(Act.Execute(L.Format("team.liaison.remove", name), TeamVerbs.LiaisonRemove,
                    Act.Data((TeamDivisionCards.DivisionId, division.Id), (LiaisonKey, id)), style: "destructive", validate: false)));
            }
        }

        var candidates = members.Where(m => !division.IsLiaison(m.AadObjectId)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        if (members.Count == 0)
        {
            card.Text(L["team.liaison.noMembers"]);
        }
        else if (candidates.Count > 0)
        {
            card.Add(El.Choices(CandidateKey, L["team.liaison.candidate"], candidates.Select(m => (m.Name, m.AadObjectId)), error: error));
            card.Action(Act.Execute(L["team.liaison.appoint"], TeamVerbs.LiaisonAppoint, Act.Data((TeamDivisionCards.DivisionId, division.Id)), style: "positive"));
        }

        card.Action(Act.Execute(L["team.divisions.roster"], TeamVerbs.RosterShow, Act.Data((TeamDivisionCards.DivisionId, division.Id)), validate: false));
        return card;
    }

    /// <summary>Removing the division's last liaison: say so, and ask before doing it.</summary>
    public static AdaptiveCard RemoveLastLiaison(Localizer L, Division division, string liaison, string name) => new AdaptiveCard()
        .Title(L["liaison.removeLast.title"])
        .Text(L.Format("liaison.removeLast.text", name, division.Name))
        .Action(Act.Execute(L["liaison.removeLast.confirm"], TeamVerbs.LiaisonRemove,
            Act.Data((TeamDivisionCards.DivisionId, division.Id), (LiaisonKey, liaison), (ConfirmLastKey, "true")), style: "destructive", validate: false))
        .Action(Act.Execute(L["liaison.removeLast.cancel"], TeamVerbs.LiaisonOpen, Act.Data((TeamDivisionCards.DivisionId, division.Id)), validate: false));

    public static string Names(Localizer L, IReadOnlyList<string> names) =>
        names.Count <= MaxNames ? L.List(names) : L.Format("team.roster.andMore", L.List(names.Take(MaxNames)), names.Count);
}
