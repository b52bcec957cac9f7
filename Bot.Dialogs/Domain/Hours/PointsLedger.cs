namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>One line of the committee's exchange ledger (积分兑换台账): the exchange and whose it was.</summary>
public sealed record LedgerEntry(PointsExchange Exchange, string VolunteerName);

/// <summary>
/// The committee's exchange ledger per year (R13). The truth is the volunteer's own partition (<see cref="IServiceRecordStore.RedeemAsync"/>);
/// this is a copy by year so the committee reads one partition. Writing the same exchange again changes nothing.
/// </summary>
public interface IPointsLedgerStore
{
    Task RecordAsync(int year, LedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>The year's exchanges, newest first.</summary>
    Task<IReadOnlyList<LedgerEntry>> ListYearAsync(int year, CancellationToken cancellationToken);
}
