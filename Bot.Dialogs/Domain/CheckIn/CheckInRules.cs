using System.Security.Cryptography;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Dialogs.Domain.CheckIn;

/// <summary>What a typed code turned out to be.</summary>
public enum CodeCheck
{
    /// <summary>The current code, or the one before it within its minute of grace, while check-in is open.</summary>
    Valid,

    /// <summary>Not this activity's code (or an old code past its minute): counts as a wrong code.</summary>
    Wrong,

    /// <summary>The right code before check-in opens (30 minutes before the start).</summary>
    TooEarly,

    /// <summary>The right code after the activity ended.</summary>
    Closed,
}

/// <summary>Why a check-in is refused, apart from the code.</summary>
public enum CheckInRefusal
{
    None,

    /// <summary>A branch-organised activity (支部自行组织) of divisions the volunteer does not belong to.</summary>
    OtherDivision,

    /// <summary>Checked in at another activity whose time overlaps, and not checked out there.</summary>
    Overlap,

    /// <summary>The activity was cancelled, archived or never approved.</summary>
    NotGoingAhead,
}

/// <summary>
/// The rules of check-in at the venue (签到 / 签退), as pure functions on the clock. All instants; the department's
/// zone (Asia/Shanghai) only matters for display and for the record's date.
/// </summary>
public static class CheckInRules
{
    /// <summary>Check-in opens this long before the start and closes at the scheduled end.</summary>
    public static readonly TimeSpan OpensBefore = TimeSpan.FromMinutes(30);

    /// <summary>An old code keeps working this long after a fresh one was shown.</summary>
    public static readonly TimeSpan OldCodeGrace = TimeSpan.FromMinutes(1);

    /// <summary>Who never checked out gets their record this long after the scheduled end (the scheduled end counts).</summary>
    public static readonly TimeSpan NoCheckOutAfter = TimeSpan.FromHours(2);

    /// <summary>Wrong codes allowed within <see cref="FailureWindow"/> before the person must wait <see cref="Lockout"/>.</summary>
    public const int MaxFailures = 5;

    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(10);

    public const int CodeLength = 6;

    public static DateTimeOffset OpensAt(Project p) => p.Start - OpensBefore;

    /// <summary>A new random six-digit code (leading zeros kept), different from <paramref name="avoid"/>.</summary>
    public static string NewCode(string? avoid = null)
    {
        while (true)
        {
            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (code != avoid)
            {
                return code;
            }
        }
    }

    /// <summary>Six ASCII digits, after full-width digits and spaces are normalised; null when not a code.</summary>
    public static string? NormalizeCode(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var digits = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c is >= '０' and <= '９')
            {
                digits.Append((char)('0' + (c - '０')));
            }
            else if (!char.IsWhiteSpace(c) && c != '-')
            {
                return null;
            }
        }

        return digits.Length == CodeLength ? digits.ToString() : null;
    }

    /// <summary>The session with a fresh code: the current one becomes the previous one (valid one more minute).</summary>
    public static CheckInSession Refresh(CheckInSession s, string fresh, DateTimeOffset at) =>
        s with { PreviousCode = s.Code, Code = fresh, CodeShownAt = at, Revision = s.Revision + 1 };

    /// <summary>Is <paramref name="code"/> good for <paramref name="p"/>'s session at <paramref name="now"/>?</summary>
    public static CodeCheck Check(Project p, CheckInSession? session, string code, DateTimeOffset now)
    {
        if (session is null)
        {
            return CodeCheck.Wrong;
        }

        var current = session.Code == code;
        var previous = session.PreviousCode == code && now < session.CodeShownAt + OldCodeGrace;
        if (!current && !previous)
        {
            return CodeCheck.Wrong;
        }

        if (now < OpensAt(p))
        {
            return CodeCheck.TooEarly;
        }

        return now >= p.End ? CodeCheck.Closed : CodeCheck.Valid;
    }

    /// <summary>
    /// Whether the volunteer may check in to <paramref name="p"/> now: it goes ahead, it is open to their division, and they
    /// are not still checked in at another activity whose time overlaps (checked in, not out, its end not yet passed).
    /// Returns the blocking attendance for <see cref="CheckInRefusal.Overlap"/>.
    /// </summary>
    public static (CheckInRefusal Refusal, Attendance? Other) MayCheckIn(Project p, string? divisionId, IEnumerable<Attendance> mine, DateTimeOffset now)
    {
        if (!p.IsGoingAhead() || p.Status == ProjectStatus.Archived)
        {
            return (CheckInRefusal.NotGoingAhead, null);
        }

        if (!p.IsOpenTo(divisionId))
        {
            return (CheckInRefusal.OtherDivision, null);
        }

        var other = mine.FirstOrDefault(a => a.ProjectId != p.Id && Overlaps(a, p, now));
        return other is null ? (CheckInRefusal.None, null) : (CheckInRefusal.Overlap, other);
    }

    /// <summary>
    /// The other attendance still runs (not checked out, its end not passed) and its scheduled window meets this one's:
    /// counting both would count the same time twice.
    /// </summary>
    public static bool Overlaps(Attendance other, Project p, DateTimeOffset now) =>
        other.CheckedOutAt is null && other.ProjectEnd > now && other.ProjectStart < p.End && p.Start < other.ProjectEnd;

    /// <summary>
    /// Hours from the clock: check-in to check-out (the scheduled end when there was none), clipped to the scheduled
    /// window, rounded down to the half hour, at most 24.
    /// </summary>
    public static decimal Hours(DateTimeOffset start, DateTimeOffset end, DateTimeOffset checkedIn, DateTimeOffset? checkedOut)
    {
        var from = checkedIn > start ? checkedIn : start;
        var to = checkedOut is { } o && o < end ? o : end;
        if (to <= from)
        {
            return 0m;
        }

        var halves = decimal.Floor((decimal)(to - from).TotalMinutes / 30m);
        return Math.Min(halves / 2m, HoursRules.MaxPerDay);
    }

    /// <summary>The record is due: checked out, or the scheduled end is two hours past; and not yet written.</summary>
    public static bool RecordDue(Attendance a, DateTimeOffset now) =>
        a.RecordedAt is null && (a.CheckedOutAt is not null || now >= a.ProjectEnd + NoCheckOutAfter);

    /// <summary>
    /// 签退: the time out, once. Refused (same instance) when already out or when the record was already made from the
    /// scheduled end (more than two hours after it).
    /// </summary>
    public static Attendance CheckOut(Attendance a, DateTimeOffset at) =>
        a.CheckedOutAt is not null || a.RecordedAt is not null ? a : a with { CheckedOutAt = at < a.CheckedInAt ? a.CheckedInAt : at };

    /// <summary>A wrong code at <paramref name="at"/>: failures older than the window drop off; the fifth within it blocks.</summary>
    public static CodeThrottle Fail(CodeThrottle before, DateTimeOffset at)
    {
        var recent = before.Failures.Where(f => f > at - FailureWindow).Append(at).OrderBy(f => f).ToList();
        if (recent.Count >= MaxFailures)
        {
            return new CodeThrottle([], at + Lockout);
        }

        return new CodeThrottle(recent, before.BlockedUntil is { } b && b > at ? b : null);
    }

    /// <summary>Until when the person must wait, or null when they may try.</summary>
    public static DateTimeOffset? BlockedUntil(CodeThrottle t, DateTimeOffset now) => t.BlockedUntil is { } b && b > now ? b : null;

    /// <summary>
    /// The pending service record (source 签到) the attendance turns into: dated on the activity's first day, hours from
    /// the clock, flagged <see cref="ServiceRecord.MissingCheckOut"/> when the scheduled end stood in for the check-out.
    /// </summary>
    public static ServiceRecord Record(Project p, Attendance a, DateOnly date, DateTimeOffset at) => new()
    {
        VolunteerAadObjectId = a.VolunteerAadObjectId,
        VolunteerName = a.VolunteerName,
        DivisionId = a.DivisionId,
        ProjectId = p.Id,
        ProjectTitle = p.Title,
        OrganiserDivisionIds = p.AllDivisionIds,
        IsCentralised = p.Organiser == OrganiserType.Centralised,
        DeclarationNumber = p.DeclarationNumber,
        Place = p.Place,
        Content = p.Title,
        Date = date,
        Hours = Hours(p.Start, p.End, a.CheckedInAt, a.CheckedOutAt),
        Status = RecordStatus.Pending,
        Source = RecordSource.CheckIn,
        MissingCheckOut = a.CheckedOutAt is null,
        LoggedByAadObjectId = a.VolunteerAadObjectId,
        LoggedAt = at,
    };

    /// <summary>
    /// Writes the check-in record: new, or replacing a pending self-logged one (the clock is the better evidence); a record
    /// the liaison already decided, or the same check-in record again, changes nothing (null).
    /// </summary>
    public static RecordChange? Apply(ServiceRecord? before, ServiceRecord draft, DateTimeOffset at)
    {
        if (before is not null && (before.Status != RecordStatus.Pending
            || (before.Source == RecordSource.CheckIn && before.Hours == draft.Hours && before.MissingCheckOut == draft.MissingCheckOut)))
        {
            return null;
        }

        var after = draft with { LoggedAt = before?.LoggedAt ?? at, Revision = (before?.Revision ?? 0) + 1, UpdatedAt = at };
        var action = before is null ? AuditAction.Logged : AuditAction.Corrected;
        return new RecordChange(after, new AuditEntry(after.Id, after.Revision, action, draft.VolunteerAadObjectId, draft.VolunteerName, at,
            RecordRules.Describe(before, after), before is null ? null : "check-in"));
    }

    /// <summary>Both times present: the committee's setting may confirm such a record without the liaison.</summary>
    public static bool IsComplete(Attendance a) => a.CheckedOutAt is not null;
}
