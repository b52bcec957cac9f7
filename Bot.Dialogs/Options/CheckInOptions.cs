namespace VolunteerBot.Dialogs.Options;

/// <summary>The <c>CheckIn</c> configuration section: the committee's settings for check-in at the venue (签到 / 签退).</summary>
public sealed class CheckInOptions
{
    public const string Section = "CheckIn";

    /// <summary>
    /// When true, a check-in record with both times (checked in and out) is confirmed at once, with quality 好, without
    /// waiting for the liaison; records without a check-out (未签退) still wait. Off by default.
    /// </summary>
    public bool AutoConfirmComplete { get; set; }
}
