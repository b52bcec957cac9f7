namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of projects: filing, review, sign-up, roster, archive: cards send them, handlers route on them.</summary>
public static class ProjectVerbs
{
    public const string Accept = "project.accept";
    public const string Approve = "project.approve";
    public const string Archive = "project.archive";
    public const string AssignOpen = "project.assign.open";
    public const string AssignSubmit = "project.assign.submit";
    public const string Cancel = "project.cancel";
    public const string Declare = "project.declare";
    public const string FileOpen = "project.file.open";
    public const string FileSubmit = "project.file.submit";
    public const string Question = "project.question";
    public const string RespondOpen = "project.respond.open";
    public const string Return = "project.return";
    public const string ReviewRefresh = "project.review.refresh";
    /// <summary>The 报名名单 card; read-only, so also its refresh verb.</summary>
    public const string Roster = "project.roster";
    /// <summary>A volunteer's project card (details, 报名 / 取消报名); read-only, so also that card's refresh verb.</summary>
    public const string Show = "project.show";
    public const string SignUp = "project.signup";
    public const string SignUpCancel = "project.signup.cancel";
    public const string ProjectsCompleted = "projects.completed";
    public const string ProjectsDeclarations = "projects.declarations";
    public const string ProjectsDivision = "projects.division";
    /// <summary>The open list; read-only, so also the list card's refresh verb.</summary>
    public const string ProjectsList = "projects.list";
    /// <summary>My sign-ups; read-only, so also the card's refresh verb (current status after a promotion or cancellation).</summary>
    public const string ProjectsMine = "projects.mine";
    public const string ProjectsPending = "projects.pending";
}
