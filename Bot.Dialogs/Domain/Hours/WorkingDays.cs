namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>
/// The national rule: records are confirmed within 10 working days of the activity; the liaison is nudged on
/// working day 8. Working days are Monday to Friday (public holidays and make-up days are not modelled; the
/// rule errs on the early side).
/// </summary>
public static class WorkingDays
{
    public const int ConfirmWithin = 10;
    public const int NudgeOn = 8;

    /// <summary>Working days after <paramref name="activityDay"/> up to and including <paramref name="today"/>.</summary>
    public static int Between(DateOnly activityDay, DateOnly today)
    {
        var count = 0;
        for (var d = activityDay.AddDays(1); d <= today; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The last day to confirm: the 10th working day after the activity.</summary>
    public static DateOnly Deadline(DateOnly activityDay) => AddWorkingDays(activityDay, ConfirmWithin);

    public static DateOnly AddWorkingDays(DateOnly day, int n)
    {
        var d = day;
        while (n > 0)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d))
            {
                n--;
            }
        }

        return d;
    }

    public static bool IsWorkingDay(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
