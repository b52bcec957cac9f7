namespace VolunteerBot.Dialogs.Domain.Gear;

/// <summary>The <c>Gear</c> configuration section.</summary>
public sealed class GearOptions
{
    public const string Section = "Gear";

    /// <summary>Gear must be back within this many days after the activity ends (Asia/Shanghai dates); later is overdue.</summary>
    public int ReturnWithinDays { get; set; } = 3;
}
