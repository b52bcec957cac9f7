namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>How a record change moves the volunteer's balance and year totals; null where that row does not change.</summary>
public sealed record TotalsChange(PointsBalance? Balance, YearSummary? Year);

/// <summary>
/// The arithmetic of a record change (R13): only confirmed records count, with their hours and points; the balance is
/// earned points minus exchanges; the year totals keep hours by the division they were earned in. Pure: the store reads
/// the rows, asks here, and writes the result with each row's ETag in the record's transaction.
/// </summary>
public static class RecordTotals
{
    /// <summary>What one record counts towards the totals: hours, points and 1 when confirmed; nothing otherwise.</summary>
    public static (decimal Hours, int Points, int Count) Counted(ServiceRecord? record) =>
        record is { Status: RecordStatus.Confirmed } ? (record.Hours, record.Points, 1) : (0m, 0, 0);

    /// <summary>
    /// The balance and year rows after <paramref name="before"/> became <paramref name="after"/>, given their current
    /// values (null: no row yet). A row comes back only when it changes: the year row also when confirmed hours moved to
    /// another division with the same total, or the volunteer's name changed.
    /// </summary>
    public static TotalsChange Move(ServiceRecord? before, ServiceRecord after, PointsBalance? balance, YearSummary? year)
    {
        var (hoursBefore, pointsBefore, countBefore) = Counted(before);
        var (hoursAfter, pointsAfter, countAfter) = Counted(after);
        var pointsDelta = pointsAfter - pointsBefore;
        var hoursDelta = hoursAfter - hoursBefore;
        var recordsDelta = countAfter - countBefore;

        var current = balance ?? PointsBalance.Zero;
        var balanceAfter = pointsDelta == 0 ? null : current with { Earned = current.Earned + pointsDelta };

        YearSummary? yearAfter = null;
        var hoursMoved = before is not null && before.DivisionId != after.DivisionId && (hoursBefore != 0 || hoursAfter != 0);
        if (pointsDelta != 0 || hoursDelta != 0 || recordsDelta != 0 || hoursMoved || (year is not null && year.VolunteerName != after.VolunteerName))
        {
            var totals = year ?? new YearSummary { Year = YearOf(after), VolunteerAadObjectId = after.VolunteerAadObjectId, VolunteerName = after.VolunteerName };
            var byDivision = new Dictionary<string, decimal>(totals.HoursByDivision, StringComparer.Ordinal);
            if (before is not null)
            {
                byDivision[before.DivisionId] = byDivision.GetValueOrDefault(before.DivisionId) - hoursBefore;
            }

            byDivision[after.DivisionId] = byDivision.GetValueOrDefault(after.DivisionId) + hoursAfter;
            yearAfter = totals with
            {
                VolunteerName = after.VolunteerName,
                Hours = totals.Hours + hoursDelta,
                Points = totals.Points + pointsDelta,
                Records = totals.Records + recordsDelta,
                HoursByDivision = byDivision.Where(kv => kv.Value != 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            };
        }

        return new TotalsChange(balanceAfter, yearAfter);
    }

    /// <summary>The balance after an exchange, or why it cannot be made. Exchanges take a positive number of points.</summary>
    public static (ExchangeOutcome Outcome, PointsBalance Balance) Redeem(PointsBalance? balance, PointsExchange exchange, bool alreadyRecorded)
    {
        if (exchange.Points <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exchange), "An exchange takes a positive number of points.");
        }

        var current = balance ?? PointsBalance.Zero;
        if (alreadyRecorded)
        {
            return (ExchangeOutcome.AlreadyRecorded, current);
        }

        return current.Balance < exchange.Points
            ? (ExchangeOutcome.Insufficient, current)
            : (ExchangeOutcome.Recorded, current with { Redeemed = current.Redeemed + exchange.Points });
    }

    /// <summary>The year a record counts in: the year of its id (yyyyMMdd-…), which is the year of its date.</summary>
    public static int YearOf(ServiceRecord record) => record.Date.Year;
}
