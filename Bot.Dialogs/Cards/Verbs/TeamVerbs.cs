namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of registration, profile, divisions, roster, liaisons, staff and feedback: cards send them, handlers route on them.</summary>
public static class TeamVerbs
{
    public const string CommunityOpen = "community.open";
    public const string CommunitySubmit = "community.submit";
    public const string DivisionsArchive = "divisions.archive";
    public const string DivisionsCreate = "divisions.create";
    public const string DivisionsRename = "divisions.rename";
    public const string DivisionsRestore = "divisions.restore";
    public const string DivisionsSeed = "divisions.seed";
    public const string DivisionsShow = "divisions.show";
    public const string FeedbackOpen = "feedback.open";
    public const string FeedbackReply = "feedback.reply";
    public const string FeedbackSubmit = "feedback.submit";
    public const string LiaisonAppoint = "liaison.appoint";
    public const string LiaisonOpen = "liaison.open";
    public const string LiaisonRemove = "liaison.remove";
    public const string ProfileShow = "profile.show";
    public const string RegisterOpen = "register.open";
    public const string RegisterSubmit = "register.submit";
    public const string RosterShow = "roster.show";
    public const string StaffImport = "staff.import";
    public const string StaffInvite = "staff.invite";
    public const string StaffInviteSend = "staff.invite.send";
}
