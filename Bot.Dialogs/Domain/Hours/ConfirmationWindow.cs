using VolunteerBot.Dialogs.Domain.Calendar;

namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>
/// The national rule: records are confirmed within 10 working days of the activity; the liaison is nudged on
/// working day 8. Working days come from the one <see cref="WorkingDayCalendar"/> (public holidays and 调休 workdays
/// of the <c>Reminders</c> section), the same calendar the quarterly reminders use.
/// </summary>
public static class ConfirmationWindow
{
    public const int ConfirmWithin = 10;
    public const int NudgeOn = 8;

    /// <summary>The last day to confirm: the 10th working day after the activity.</summary>
    public static DateOnly Deadline(WorkingDayCalendar calendar, DateOnly activityDay) => calendar.AddWorkingDays(activityDay, ConfirmWithin);
}
