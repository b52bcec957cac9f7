using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Reminders;

/// <summary>
/// The digest's view of service hours over <see cref="IServiceRecordStore"/>: confirmed and pending hours per volunteer
/// (rejected records count for nothing), and pending records per division over the same window liaisons see.
/// </summary>
public sealed class ServiceHoursDigestReader(IServiceRecordStore records, TimeProvider time, IOptions<VolunteeringOptions> options) : IServiceHoursReader
{
    public async Task<IReadOnlyDictionary<string, VolunteerHours>> HoursByVolunteerAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var list = await records.ListByPeriodAsync(from, to, cancellationToken).ConfigureAwait(false);
        return list
            .Where(r => r.Date >= from && r.Date <= to && r.Status != RecordStatus.Rejected)
            .DistinctBy(r => (r.VolunteerAadObjectId.ToUpperInvariant(), r.Id))
            .GroupBy(r => r.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => new VolunteerHours(
                    g.Where(r => r.Status == RecordStatus.Confirmed).Sum(r => r.Hours),
                    g.Where(r => r.Status == RecordStatus.Pending).Sum(r => r.Hours)),
                StringComparer.OrdinalIgnoreCase);
    }

    public async Task<IReadOnlyDictionary<string, int>> PendingByDivisionAsync(CancellationToken cancellationToken)
    {
        var today = ProjectCalendar.LocalDate(time.GetUtcNow(), options.Value.Zone);
        var pending = await records.ListPendingAsync(null, today.AddDays(-HoursContext.LookbackDays), today, cancellationToken).ConfigureAwait(false);
        return pending
            .Where(r => r.Status == RecordStatus.Pending)
            .DistinctBy(r => (r.VolunteerAadObjectId.ToUpperInvariant(), r.Id))
            .GroupBy(r => r.DivisionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }
}
