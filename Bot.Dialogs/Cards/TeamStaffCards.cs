using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Staff list import from a Teams team and registration invitations (R1: all serving staff take part).</summary>
public static class TeamStaffCards
{
    public const string TeamKey = "teamId";

    public static AdaptiveCard ChooseTeam(Localizer L, IReadOnlyList<InstalledTeam> teams, string? error = null)
    {
        var card = new AdaptiveCard().Title(L["team.staff.importTitle"]);
        if (teams.Count == 0)
        {
            return card.Text(L["team.staff.noTeams"]);
        }

        return card
            .Add(El.Choices(TeamKey, L["team.staff.chooseTeam"], teams.Select(t => (t.Name, t.TeamId)), teams.Count == 1 ? teams[0].TeamId : null, error: error))
            .Action(Act.Execute(L["team.staff.import"], TeamVerbs.StaffImport, style: "positive"));
    }

    public static AdaptiveCard Imported(Localizer L, string teamName, StaffImportResult result, int staff, int registered)
    {
        var card = new AdaptiveCard().Title(L["team.staff.importTitle"])
            .Add(El.Text("✅ " + L.Format("team.staff.imported", teamName, result.Imported, result.Added, staff, registered, staff - registered), color: "Good"));
        if (staff > registered)
        {
            card.Action(Act.Execute(L["team.staff.invite"], TeamVerbs.StaffInvite, validate: false));
        }

        card.Action(Act.Execute(L["team.roster.overviewTitle"], TeamVerbs.RosterShow, validate: false));
        return card;
    }

    public static AdaptiveCard InviteConfirm(Localizer L, int unregistered)
    {
        var card = new AdaptiveCard().Title(L["team.invite.title"]);
        if (unregistered == 0)
        {
            return card.Text(L["team.invite.nobody"]);
        }

        return card.Text(L.Format("team.invite.confirm", unregistered))
            .Action(Act.Execute(L["team.invite.send"], TeamVerbs.StaffInviteSend, style: "positive", validate: false));
    }

    public static AdaptiveCard InviteResult(Localizer L, int invited, int unreachable, int recent)
    {
        var card = new AdaptiveCard().Title(L["team.invite.title"])
            .Add(El.Text("✅ " + L.Format("team.invite.result", invited, unreachable, recent), color: "Good"));
        if (unreachable > 0)
        {
            card.Text(L["team.invite.noConversationHint"], subtle: true);
        }

        return card;
    }

    /// <summary>What an unregistered staff member receives.</summary>
    public static AdaptiveCard Invitation(Localizer L, string name) => new AdaptiveCard()
        .Title(L["team.register.title"])
        .Text(L.Format("team.invite.message", name))
        .Action(Act.Execute(L["menu.register"], TeamVerbs.RegisterOpen, style: "positive"));
}
