using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.CheckIn;

/// <summary>What a check-in attempt came to.</summary>
public enum CheckInStatus
{
    CheckedIn,
    AlreadyCheckedIn,
    BadFormat,
    WrongCode,
    Blocked,
    TooEarly,
    Closed,
    OtherDivision,
    Overlap,
    NotGoingAhead,
}

/// <param name="Until">Blocked: until when; TooEarly: when check-in opens.</param>
/// <param name="Other">Overlap: the attendance still running elsewhere.</param>
/// <param name="TriesLeft">WrongCode: wrong codes left before the wait.</param>
public sealed record CheckInOutcome(CheckInStatus Status, Project? Project = null, Attendance? Attendance = null, DateTimeOffset? Until = null,
    Attendance? Other = null, int TriesLeft = 0);

public enum CheckOutStatus
{
    CheckedOut,
    AlreadyCheckedOut,
    NotCheckedIn,

    /// <summary>Two hours after the end the scheduled end was taken and the record made; a late 签退 changes nothing.</summary>
    TooLate,
}

/// <param name="Record">The service record afterwards (pending, or confirmed by the committee's setting).</param>
public sealed record CheckOutOutcome(CheckOutStatus Status, Project? Project = null, Attendance? Attendance = null, ServiceRecord? Record = null);

/// <summary>
/// Check-in at the venue, shared by the handlers and the hours sweep: opening a session with a leased random code, a fresh
/// code, checking in and out, and turning an attendance into one pending service record (source 签到) — confirmed at once
/// when the committee's <see cref="CheckInOptions.AutoConfirmComplete"/> is on and both times are present.
/// </summary>
public sealed class CheckInFlow(
    ICheckInStore store,
    HoursContext context,
    IServiceRecordStore records,
    IServiceRecordConfirmationStore confirmations,
    IPointsRulesStore points,
    IOptions<CheckInOptions> options)
{
    /// <summary>A liaison may open check-in from this long before the start (to print the card).</summary>
    public static readonly TimeSpan OpenableBefore = TimeSpan.FromDays(1);

    /// <summary>Who auto-confirmed a record, as the audit trail names it.</summary>
    public static readonly Actor AutoConfirmer = new("system:check-in", "签到自动确认");

    public ICheckInStore Store => store;

    public HoursContext Context => context;

    /// <summary>The liaison of an organising division, or the committee.</summary>
    public static bool MayManage(Routing.UserRoles roles, Project p) => ActivityConfirmationFlow.MayConfirm(roles, p);

    /// <summary>Going ahead and not yet ended: check-in can be opened for it.</summary>
    public static bool CanOpen(Project p, DateTimeOffset now) =>
        p.Status is ProjectStatus.Approved or ProjectStatus.Open or ProjectStatus.InProgress && now < p.End;

    /// <summary>
    /// The session of the activity: the existing one (a second 开始签到 shows the same code), or a new one; with
    /// <paramref name="fresh"/>, a new code replaces the current one, which keeps working for one minute.
    /// </summary>
    public async Task<CheckInSession> OpenAsync(Project p, Actor by, bool fresh, CancellationToken ct)
    {
        var now = context.Now;
        var existing = await store.GetSessionAsync(p.Id, ct).ConfigureAwait(false);
        if (existing is not null && !fresh)
        {
            return existing;
        }

        var code = await LeaseCodeAsync(p, existing?.Code, now, ct).ConfigureAwait(false);
        return await store.UpdateSessionAsync(p.Id, s => s is null
            ? new CheckInSession { ProjectId = p.Id, Code = code, CodeShownAt = now, OpenedByAadObjectId = by.AadObjectId, OpenedByName = by.Name, OpenedAt = now }
            : fresh && s.Code != code ? CheckInRules.Refresh(s, code, now) : s, ct).ConfigureAwait(false);
    }

    private async Task<string> LeaseCodeAsync(Project p, string? avoid, DateTimeOffset now, CancellationToken ct)
    {
        for (var i = 0; i < 50; i++)
        {
            var code = CheckInRules.NewCode(avoid);
            if (await store.TryLeaseCodeAsync(new CodeLease(code, p.Id, p.End), now, ct).ConfigureAwait(false))
            {
                return code;
            }
        }

        throw new InvalidOperationException("No free check-in code after 50 tries.");
    }

    /// <summary>Checks <paramref name="volunteer"/> in with a typed code, by the rules of <see cref="CheckInRules"/>.</summary>
    public async Task<CheckInOutcome> CheckInAsync(Volunteer volunteer, string? typed, CancellationToken ct)
    {
        var now = context.Now;
        var who = volunteer.AadObjectId;
        if (CheckInRules.BlockedUntil(await store.GetThrottleAsync(who, ct).ConfigureAwait(false), now) is { } blocked)
        {
            return new CheckInOutcome(CheckInStatus.Blocked, Until: blocked);
        }

        if (CheckInRules.NormalizeCode(typed) is not { } code)
        {
            return new CheckInOutcome(CheckInStatus.BadFormat);
        }

        var lease = await store.FindCodeAsync(code, ct).ConfigureAwait(false);
        var project = lease is null ? null : await context.Projects.GetAsync(lease.ProjectId, ct).ConfigureAwait(false);
        var session = project is null ? null : await store.GetSessionAsync(project.Id, ct).ConfigureAwait(false);
        var check = project is null ? CodeCheck.Wrong : CheckInRules.Check(project, session, code, now);
        switch (check)
        {
            case CodeCheck.Wrong:
                var throttle = await store.RecordFailureAsync(who, now, ct).ConfigureAwait(false);
                return CheckInRules.BlockedUntil(throttle, now) is { } until
                    ? new CheckInOutcome(CheckInStatus.Blocked, Until: until)
                    : new CheckInOutcome(CheckInStatus.WrongCode, TriesLeft: CheckInRules.MaxFailures - throttle.Failures.Count);
            case CodeCheck.TooEarly:
                return new CheckInOutcome(CheckInStatus.TooEarly, project, Until: CheckInRules.OpensAt(project!));
            case CodeCheck.Closed:
                return new CheckInOutcome(CheckInStatus.Closed, project);
        }

        var p = project!;
        if (await store.GetAsync(p.Id, who, ct).ConfigureAwait(false) is { } already)
        {
            return new CheckInOutcome(CheckInStatus.AlreadyCheckedIn, p, already);
        }

        var mine = await store.ListByVolunteerAsync(who, now, ct).ConfigureAwait(false);
        var (refusal, other) = CheckInRules.MayCheckIn(p, volunteer.DivisionId, mine, now);
        if (refusal != CheckInRefusal.None)
        {
            var status = refusal switch
            {
                CheckInRefusal.OtherDivision => CheckInStatus.OtherDivision,
                CheckInRefusal.Overlap => CheckInStatus.Overlap,
                _ => CheckInStatus.NotGoingAhead,
            };
            return new CheckInOutcome(status, p, Other: other);
        }

        var seat = await context.SignUps.GetAsync(p.Id, who, ct).ConfigureAwait(false);
        var write = await store.CheckInAsync(new Attendance
        {
            ProjectId = p.Id, ProjectTitle = p.Title, ProjectStart = p.Start, ProjectEnd = p.End,
            VolunteerAadObjectId = who, VolunteerName = volunteer.Name, DivisionId = volunteer.DivisionId,
            IsWalkIn = seat?.Status != SignUpStatus.Confirmed, CheckedInAt = now,
        }, ct).ConfigureAwait(false);
        return new CheckInOutcome(write.Created ? CheckInStatus.CheckedIn : CheckInStatus.AlreadyCheckedIn, p, write.Attendance);
    }

    /// <summary>
    /// 签退 at an activity (or, without <paramref name="projectId"/>, the one the person is checked in at now) and the record
    /// from the clock.
    /// </summary>
    public async Task<CheckOutOutcome> CheckOutAsync(string who, string? projectId, CancellationToken ct)
    {
        var now = context.Now;
        var attendance = projectId is not null
            ? await store.GetAsync(projectId, who, ct).ConfigureAwait(false)
            : (await store.ListByVolunteerAsync(who, now - CheckInRules.NoCheckOutAfter, ct).ConfigureAwait(false))
                .FirstOrDefault(a => a.CheckedOutAt is null && a.RecordedAt is null);
        if (attendance is null)
        {
            return new CheckOutOutcome(CheckOutStatus.NotCheckedIn);
        }

        var project = await context.Projects.GetAsync(attendance.ProjectId, ct).ConfigureAwait(false);
        if (project is null)
        {
            return new CheckOutOutcome(CheckOutStatus.NotCheckedIn);
        }

        var recordId = ServiceRecord.IdOf(context.LocalDate(project.Start), project.Id);
        if (attendance.CheckedOutAt is not null || attendance.RecordedAt is not null)
        {
            var existing = await records.GetAsync(who, recordId, ct).ConfigureAwait(false);
            return new CheckOutOutcome(attendance.CheckedOutAt is not null ? CheckOutStatus.AlreadyCheckedOut : CheckOutStatus.TooLate, project, attendance, existing);
        }

        if (now >= project.End + CheckInRules.NoCheckOutAfter)
        {
            // The sweep has not come by yet: the scheduled end counts, as it would have.
            var late = await RecordAsync(project, attendance, ct).ConfigureAwait(false);
            return new CheckOutOutcome(CheckOutStatus.TooLate, project, late.Attendance, late.Record);
        }

        var after = await store.UpdateAsync(project.Id, who, a => CheckInRules.CheckOut(a, now), ct).ConfigureAwait(false) ?? attendance;
        var written = await RecordAsync(project, after, ct).ConfigureAwait(false);
        return new CheckOutOutcome(CheckOutStatus.CheckedOut, project, written.Attendance, written.Record);
    }

    /// <summary>
    /// Makes the attendance's service record when it is due (checked out, or two hours past the end): one pending record per
    /// person and activity, source 签到; idempotent, so the sweep may run it again after a failure. Returns the attendance
    /// and the record afterwards.
    /// </summary>
    public async Task<(Attendance Attendance, ServiceRecord? Record)> RecordAsync(Project p, Attendance a, CancellationToken ct)
    {
        var now = context.Now;
        var date = context.LocalDate(p.Start);
        var who = a.VolunteerAadObjectId;
        var id = ServiceRecord.IdOf(date, p.Id);
        if (!CheckInRules.RecordDue(a, now))
        {
            return (a, await records.GetAsync(who, id, ct).ConfigureAwait(false));
        }

        var draft = CheckInRules.Record(p, a, date, now);
        var write = await records.ApplyAsync(who, id, before => CheckInRules.Apply(before, draft, now), ct).ConfigureAwait(false);
        var record = write.After ?? await records.GetAsync(who, id, ct).ConfigureAwait(false);
        if (options.Value.AutoConfirmComplete && CheckInRules.IsComplete(a) && draft.Hours > 0)
        {
            var rules = await points.GetAsync(ct).ConfigureAwait(false);
            var confirmed = await records.ApplyAsync(who, id, before => before is { Status: RecordStatus.Pending, Source: RecordSource.CheckIn }
                ? RecordRules.Confirm(before, before.Hours, ServiceQuality.Good, rules, AutoConfirmer, now)
                : null, ct).ConfigureAwait(false);
            record = confirmed.After ?? record;
            if (record?.Status == RecordStatus.Confirmed)
            {
                await confirmations.MarkDecidedAsync(p.Id, [who], AutoConfirmer, now, ct).ConfigureAwait(false);
            }
        }

        var marked = await store.UpdateAsync(p.Id, who, x => x.RecordedAt is null ? x with { RecordedAt = now } : x, ct).ConfigureAwait(false) ?? a;

        // Archived meanwhile with this record pending: take the archive back (see ArchiveGuard).
        await ArchiveGuard.ReopenIfPendingAsync(context.Projects, records, p.Id, context.Zone, now, ct).ConfigureAwait(false);
        return (marked, record);
    }

    /// <summary>The liaison's view of the activity: who came, who left, walk-ins, and who signed up but never came.</summary>
    public async Task<AttendanceSheet> SheetAsync(Project p, CancellationToken ct)
    {
        var rowsTask = store.ListByProjectAsync(p.Id, ct);
        var seats = (await context.SignUps.ListByProjectAsync(p.Id, ct).ConfigureAwait(false)).Where(s => s.Status == SignUpStatus.Confirmed).ToList();
        var rows = await rowsTask.ConfigureAwait(false);
        var came = rows.Select(r => r.VolunteerAadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new AttendanceSheet(rows, seats.Where(s => !came.Contains(s.VolunteerAadObjectId)).ToList());
    }
}

/// <summary>An activity's attendance: the check-in rows and the confirmed seats nobody checked in for.</summary>
public sealed record AttendanceSheet(IReadOnlyList<Attendance> Rows, IReadOnlyList<SignUp> NoShows)
{
    public int CheckedOut => Rows.Count(r => r.CheckedOut);

    public int WalkIns => Rows.Count(r => r.IsWalkIn);
}
