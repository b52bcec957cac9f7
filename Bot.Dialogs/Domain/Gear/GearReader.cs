using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Options;

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

public sealed class GearReader(IGearStore store, IOptions<GearOptions> gear, IOptions<VolunteeringOptions> volunteering, TimeProvider time) : IGearReader
{
    public async Task<IReadOnlyList<OutstandingGear>> ListOutstandingAsync(string? divisionId, CancellationToken cancellationToken)
    {
        var open = await store.ListOpenAsync(cancellationToken).ConfigureAwait(false);
        var today = ProjectCalendar.LocalDate(time.GetUtcNow(), volunteering.Value.Zone);
        return [.. open
            .Where(l => l.IsOut && (divisionId is null || l.DivisionId == divisionId))
            .Select(l => Assess(l, today, gear.Value.ReturnWithinDays, volunteering.Value.Zone))
            .OrderByDescending(o => o.IsOverdue).ThenBy(o => o.DueOn)];
    }

    /// <summary>Due on the activity's last day plus the allowed days; overdue from the day after, unless reported back.</summary>
    public static OutstandingGear Assess(GearLoan loan, DateOnly today, int returnWithinDays, TimeZoneInfo zone)
    {
        var due = ProjectCalendar.LocalDate(loan.ActivityEnd, zone).AddDays(returnWithinDays);
        var awaiting = loan.Status == GearLoanStatus.ReturnReported;
        return new OutstandingGear(loan, due, !awaiting && today > due, awaiting);
    }
}
