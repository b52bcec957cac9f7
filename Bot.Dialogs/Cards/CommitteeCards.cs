using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>机关党委成员 (R2): the committee's members — permanent ones from configuration and those added in chat — with add and remove.</summary>
public static class CommitteeCards
{
    public const string ShowVerb = "committee.show";
    public const string AddVerb = "committee.add";
    public const string RemoveVerb = "committee.remove";
    public const string CandidateKey = "candidate";
    public const string MemberKey = "member";
    public const int MaxCandidates = 100;

    public static AdaptiveCard Members(Localizer L, IReadOnlyList<CommitteeMember> members, IReadOnlyList<StaffRecord> candidates, bool mayRemoveAny,
        Func<DateTimeOffset, string> format, string? notice = null, string? error = null, bool noRoster = false)
    {
        var card = new AdaptiveCard().Title(L["committee.title"]).Text(L["committee.intro"], subtle: true);
        if (notice is not null)
        {
            card.Add(El.Text("✅ " + notice, color: "Good"));
        }

        if (error is not null && candidates.Count == 0)
        {
            card.Add(El.Error(error));
        }

        card.Add(El.Text(L.Format("committee.count", members.Count), bold: true));
        foreach (var m in members)
        {
            var name = PointsCards.Md(m.Name);
            if (m.Bootstrap)
            {
                card.Add(El.Text(L.Format("committee.lineBootstrap", name)));
                continue;
            }

            card.Add(El.Text(m.AddedAt is { } at ? L.Format("committee.line", name, PointsCards.Md(m.AddedByName ?? ""), format(at)) : name));
            if (mayRemoveAny)
            {
                card.Add(El.Actions(Act.Execute(L.Format("committee.remove", m.Name), RemoveVerb, Act.Data((MemberKey, m.AadObjectId)), style: "destructive", validate: false)));
            }
        }

        if (!mayRemoveAny)
        {
            card.Text(L["committee.lastNote"], subtle: true);
        }

        if (candidates.Count == 0)
        {
            card.Text(L["committee.noCandidates"], subtle: true);
        }
        else
        {
            card.Add(El.Choices(CandidateKey, L["committee.candidate"], candidates.Take(MaxCandidates).Select(s => (s.Email is { Length: > 0 } e ? $"{s.Name}（{e}）" : s.Name, s.AadObjectId)),
                required: true, error: error));
            card.Action(Act.Execute(L["committee.add"], AddVerb, style: "positive"));
        }

        if (noRoster)
        {
            card.Text(L["committee.noRoster"], subtle: true); // no staff roster imported yet: nobody to pick from
        }

        return card.Action(Act.Execute(L["committee.refresh"], ShowVerb, validate: false));
    }
}
