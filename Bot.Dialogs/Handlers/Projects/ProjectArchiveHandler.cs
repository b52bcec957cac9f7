using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// 待归档项目 / projects to archive: the committee's list of completed activities not yet archived, each with what
/// still stands in the way or an 归档 button; "project.archive" archives one (from this list or the 报名名单 card,
/// <c>from=roster</c>). Archiving is refused, with what to do next, until the activity has ended, the liaison has
/// confirmed attendance and hours, no self-logged hours wait, and the declaration number (R10) is entered.
/// An archived project leaves the working lists but keeps counting in records, exports, quotas and the digest.
/// Pending hours are counted again after the status is written, and a volunteer's log looks at the project again after
/// writing its record (<see cref="ArchiveGuard"/>), so hours logged during the archive never stay pending on it.
/// </summary>
public sealed class ProjectArchiveHandler(ProjectContext ctx, IServiceRecordStore records, IServiceRecordConfirmationStore confirmations, ICheckInStore checkIns) : ITurnHandler
{
    public const int MaxShown = 10;

    public Route Route { get; } = Route.For(Role.Committee, ["待归档项目", "待归档", "归档", "projects to archive", "archive projects"], ProjectVerbs.ProjectsCompleted, ProjectVerbs.Archive).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        if (turn.Verb != ProjectVerbs.Archive)
        {
            var list = await ListAsync(turn, null, cancellationToken).ConfigureAwait(false);
            return TurnResult.Answer(turn, list);
        }

        var project = await ctx.ProjectOfAsync(turn, cancellationToken).ConfigureAwait(false);
        if (project is null)
        {
            return TurnResult.Replace(NoticeCards.Notice(L["projects.notFound"]));
        }

        var now = ctx.Now;
        var hours = await OutstandingAsync(project, cancellationToken).ConfigureAwait(false);
        var block = project.ArchiveBlocker(now, hours);
        string notice;
        if (block == ArchiveBlock.None)
        {
            Transition? t = null;
            var update = await ctx.Projects.UpdateAsync(project.Id, p => (t = ProjectLifecycle.Archive(p, now, turn.User.AadObjectId, turn.User.Name)).Project, cancellationToken).ConfigureAwait(false);
            project = update.After ?? project;
            notice = update.Changed ? L.Format("projects.archive.done", project.Title)
                : t?.Error == TransitionError.AlreadyDone ? Refusal(L, project, ArchiveBlock.AlreadyArchived, hours, now)
                : Refusal(L, project, ArchiveBlock.NotCompleted, hours, now);
            if (update.Changed && await ArchiveGuard.PendingAsync(records, project, ctx.Zone, cancellationToken).ConfigureAwait(false) is > 0 and var late)
            {
                // Hours logged between the check and the write: take this archive back (see ArchiveGuard).
                var archivedAt = project.ArchivedAt;
                var undone = await ctx.Projects.UpdateAsync(project.Id, p => p.ArchivedAt == archivedAt ? ArchiveGuard.Reopen(p, now) : p, cancellationToken).ConfigureAwait(false);
                project = undone.After ?? project;
                notice = Refusal(L, project, ArchiveBlock.HoursPending, hours with { PendingRecords = late }, now);
            }
        }
        else
        {
            notice = Refusal(L, project, block, hours, now);
        }

        var card = turn.Data.Get("from") == "roster"
            ? await ProjectRosterHandler.CardAsync(ctx, turn, project, notice, null, cancellationToken).ConfigureAwait(false)
            : await ListAsync(turn, notice, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(card);
    }

    /// <summary>
    /// Hours of the activity not yet settled. Attendance: volunteers held seats but the liaison has not confirmed the
    /// activity card — or, when people checked in at the venue (签到), attendance comes from the check-ins: someone who
    /// checked in is not yet decided (confirmed on the card, or by the committee's automatic confirmation). Pending:
    /// records for this project still waiting, dated within the activity's days (the only dates a record for it may
    /// carry), so one or two month partitions are read.
    /// </summary>
    public async Task<HoursOutstanding> OutstandingAsync(Project p, CancellationToken ct)
    {
        var attendanceTask = checkIns.ListByProjectAsync(p.Id, ct);
        var seats = (await ctx.SignUps.CountAsync(p.Id, ct).ConfigureAwait(false)).Confirmed;
        var confirmation = await confirmations.GetAsync(p.Id, ct).ConfigureAwait(false);
        var pending = await ArchiveGuard.PendingAsync(records, p, ctx.Zone, ct).ConfigureAwait(false);
        var attendance = await attendanceTask.ConfigureAwait(false);
        if (attendance.Count > 0)
        {
            var decided = await confirmations.ListDecidedAsync(p.Id, ct).ConfigureAwait(false);
            return new HoursOutstanding(confirmation.ConfirmedAt is null && attendance.Any(a => !decided.Contains(a.VolunteerAadObjectId)), pending);
        }

        return new HoursOutstanding(seats > 0 && confirmation.ConfirmedAt is null, pending);
    }

    private async Task<AdaptiveCard> ListAsync(Turn turn, string? notice, CancellationToken ct)
    {
        var L = turn.L;
        var now = ctx.Now;
        var completed = (await ctx.Projects.ListByStatusAsync([ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed], ct).ConfigureAwait(false))
            .Where(p => p.StatusAt(now) == ProjectStatus.Completed)
            .OrderBy(p => p.End)
            .ToList();
        var rows = new List<(Project P, ArchiveBlock Block, HoursOutstanding Hours)>();
        foreach (var p in completed.Take(MaxShown))
        {
            var hours = await OutstandingAsync(p, ct).ConfigureAwait(false);
            rows.Add((p, p.ArchiveBlocker(now, hours), hours));
        }

        return ProjectArchiveCards.List(L, rows, completed.Count, ctx.Zone, notice);
    }

    private static string Refusal(Localizer L, Project p, ArchiveBlock block, HoursOutstanding hours, DateTimeOffset now) => block switch
    {
        ArchiveBlock.AlreadyArchived => L.Format("projects.archive.already", p.ArchivedByName ?? "", p.Title),
        ArchiveBlock.AttendanceUnconfirmed => L["projects.archive.refused.attendance"],
        ArchiveBlock.HoursPending => L.Format("projects.archive.refused.pendingHours", hours.PendingRecords),
        ArchiveBlock.NoDeclaration => L["projects.archive.refused.noDeclaration"],
        _ => L.Format("projects.archive.refused.notCompleted", ProjectCards.Status(L, p, now)),
    };
}
