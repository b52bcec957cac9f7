using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Reminders;

namespace VolunteerBot.Dialogs.Handlers.Reminders;

/// <summary>The digest's view of team gear over <see cref="IGearReader"/>: pieces handed out and not yet confirmed back, per division (R4).</summary>
public sealed class GearDigestReader(IGearReader gear) : IGearOutReader
{
    public async Task<IReadOnlyDictionary<string, int>> ItemsOutByDivisionAsync(CancellationToken cancellationToken) =>
        (await gear.ListOutstandingAsync(null, cancellationToken).ConfigureAwait(false))
            .GroupBy(o => o.Loan.DivisionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Loan.Pieces), StringComparer.Ordinal);
}
