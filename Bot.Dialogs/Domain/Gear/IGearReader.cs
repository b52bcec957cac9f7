namespace VolunteerBot.Dialogs.Domain.Gear;

/// <summary>Gear that is out, with the day it is due back and whether that day has passed.</summary>
/// <param name="AwaitingReceipt">The liaison reported it returned; the committee has not confirmed receipt yet.</param>
public sealed record OutstandingGear(GearLoan Loan, DateOnly DueOn, bool IsOverdue, bool AwaitingReceipt);

/// <summary>What reminders and digests read about gear (R4: nothing stays out unnoticed).</summary>
public interface IGearReader
{
    /// <summary>Gear handed over and not yet confirmed back, for one division or (null) all; overdue first.</summary>
    Task<IReadOnlyList<OutstandingGear>> ListOutstandingAsync(string? divisionId, CancellationToken cancellationToken);
}
