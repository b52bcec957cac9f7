using VolunteerBot.Dialogs.Domain.Calendar;

namespace VolunteerBot.Dialogs.Domain.Gear;

/// <summary>Who is nudged about overdue gear (R4): the holder the day after the due day, the division's liaisons after 3 working days.</summary>
public enum GearNudgeStage
{
    /// <summary>The day after the due day: the holder gets a card with 归还 and 申请延期.</summary>
    Holder,

    /// <summary>Three working days after the due day (holidays and 调休 counted): the division's liaisons are told.</summary>
    Liaison,
}

/// <summary>The overdue rules, as pure functions of the due day, today and the working-day calendar.</summary>
public static class GearOverdue
{
    public const int LiaisonAfterWorkingDays = 3;

    /// <summary>Working days after <paramref name="due"/> up to and including <paramref name="today"/>.</summary>
    public static int WorkingDaysLate(DateOnly due, DateOnly today, WorkingDayCalendar calendar)
    {
        var count = 0;
        for (var d = due.AddDays(1); d <= today; d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The stages due for gear that is out and overdue (none when reported back or not yet overdue).</summary>
    public static IReadOnlyList<GearNudgeStage> Due(OutstandingGear gear, DateOnly today, WorkingDayCalendar calendar)
    {
        if (!gear.IsOverdue)
        {
            return [];
        }

        return WorkingDaysLate(gear.DueOn, today, calendar) >= LiaisonAfterWorkingDays
            ? [GearNudgeStage.Holder, GearNudgeStage.Liaison]
            : [GearNudgeStage.Holder];
    }

    /// <summary>The claim and dedupe name of a stage for one due day, so an extended loan that passes its new day is nudged again.</summary>
    public static string StageKey(GearNudgeStage stage, DateOnly due) =>
        (stage == GearNudgeStage.Holder ? "d1-" : "w3-") + due.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Exactly-once claims of overdue nudges: one row per loan and stage key, insert-if-absent.</summary>
public interface IGearNudgeClaims
{
    /// <summary>True only for the first caller for this loan and stage.</summary>
    Task<bool> TryClaimAsync(string loanId, string stageKey, DateTimeOffset at, CancellationToken cancellationToken);
}
