using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>The <c>Hours:CopyRepair</c> section.</summary>
/// <remarks>Every 5 minutes, owed copies are looked for.</remarks>
public sealed class CopyRepairOptions() : PeriodicOptions(TimeSpan.FromMinutes(5))
{
    public const string Section = "Hours:CopyRepair";

    /// <summary>
    /// An outbox row younger than this belongs to a write that may still be writing its copies: left alone. Longer than
    /// a write can take with the SDK's retries (a slow write repaired under it would let its own late copies be skipped).
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(15);
}
