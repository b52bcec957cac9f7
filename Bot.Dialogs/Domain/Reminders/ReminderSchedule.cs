using VolunteerBot.Dialogs.Domain.Calendar;

namespace VolunteerBot.Dialogs.Domain.Reminders;

/// <summary>One scheduled run: which quarter, which kind, and the instant it is due.</summary>
public sealed record ScheduledRun(Quarter Quarter, ReminderKind Kind, DateOnly LocalDate, DateTimeOffset DueAt)
{
    public string RunId => ReminderRunIds.Of(Quarter, Kind.Slug());
}

public static class ReminderRunIds
{
    /// <summary>"2026Q4-kickoff", "2026Q4-manual-202611291030": quarter, then the kind.</summary>
    public static string Of(Quarter quarter, string kindKey) => quarter.Id + "-" + kindKey;

    public static bool TryParse(string? runId, out Quarter quarter, out string kindKey)
    {
        kindKey = "";
        quarter = default;
        var dash = runId?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash < 0 || !Quarter.TryParse(runId![..dash], out quarter))
        {
            return false;
        }

        kindKey = runId[(dash + 1)..];
        return kindKey.Length > 0;
    }
}

/// <summary>
/// The quarterly reminder calendar, as pure functions of an instant: runs of a quarter, the most recent due
/// run (for catch-up after downtime) and the next one. All dates are local to <c>Volunteering:TimeZone</c>.
/// </summary>
public sealed class ReminderSchedule(ReminderOptions options, WorkingDayCalendar calendar, TimeZoneInfo zone)
{
    public ReminderSchedule(ReminderOptions options, TimeZoneInfo zone)
        : this(options, WorkingDayCalendar.From(options), zone)
    {
    }

    public WorkingDayCalendar Calendar => calendar;

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public Quarter QuarterOf(DateTimeOffset instant) => Quarter.Of(LocalDate(instant));

    public DateOnly DueDate(Quarter quarter, ReminderKind kind) => kind switch
    {
        ReminderKind.KickOff => calendar.FirstWorkingDayOnOrAfter(quarter.FirstDay),
        ReminderKind.MidQuarter => calendar.FirstWorkingDayOnOrAfter(quarter.FirstDay.AddDays(options.MidQuarterDay - 1)),
        ReminderKind.FinalCall => calendar.FirstWorkingDayOnOrAfter(quarter.LastDay.AddDays(-options.FinalCallDaysBeforeEnd)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Manual runs are not scheduled."),
    };

    /// <summary>The local date at <see cref="ReminderOptions.SendAt"/> as an instant.</summary>
    public DateTimeOffset At(DateOnly localDate)
    {
        var local = localDate.ToDateTime(options.SendAt, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The enabled runs of a quarter in time order.</summary>
    public IReadOnlyList<ScheduledRun> RunsOf(Quarter quarter)
    {
        var runs = new List<ScheduledRun>(3);
        Add(ReminderKind.KickOff, options.KickOffEnabled);
        Add(ReminderKind.MidQuarter, options.MidQuarterEnabled);
        Add(ReminderKind.FinalCall, options.FinalCallEnabled);
        return [.. runs.OrderBy(r => r.DueAt).ThenBy(r => r.Kind)];

        void Add(ReminderKind kind, bool enabled)
        {
            if (enabled)
            {
                var date = DueDate(quarter, kind);
                runs.Add(new ScheduledRun(quarter, kind, date, At(date)));
            }
        }
    }

    /// <summary>The most recent run of the current quarter that is due at <paramref name="now"/> (due time ≤ now), if any.</summary>
    public ScheduledRun? LatestDue(DateTimeOffset now) =>
        RunsOf(QuarterOf(now)).LastOrDefault(r => r.DueAt <= now);

    /// <summary>The first run strictly after <paramref name="now"/>.</summary>
    public ScheduledRun? NextAfter(DateTimeOffset now)
    {
        var quarter = QuarterOf(now);
        for (var i = 0; i < 5; i++, quarter = quarter.Next)
        {
            var next = RunsOf(quarter).FirstOrDefault(r => r.DueAt > now);
            if (next is not null)
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>A missed run is made up when it is the latest due one and not older than the catch-up window.</summary>
    public ScheduledRun? DueForCatchUp(DateTimeOffset now) =>
        LatestDue(now) is { } due && now - due.DueAt <= options.CatchUpWindow ? due : null;
}
