using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory IServiceRecordStore (unit tests only); runs the same contract suite as ServiceRecordTableStore.
/// The totals move by the same domain arithmetic (<see cref="RecordTotals"/>); a write checks the record is the one read, as the ETag does.
/// </summary>
public sealed class MemoryServiceRecordStore : IServiceRecordStore
{
    private const int MaxAttempts = 50;
    private readonly object _gate = new();
    private readonly Dictionary<(string Volunteer, string Record), ServiceRecord> _records = [];
    private readonly Dictionary<(string Volunteer, string Record), List<AuditEntry>> _audit = [];
    private readonly Dictionary<string, PointsBalance> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Volunteer, int Year), YearSummary> _years = [];
    private readonly Dictionary<(string Volunteer, string Exchange), PointsExchange> _exchanges = [];

    /// <summary>Seeds a record as it is, without audit or totals: for tests that need records to read, not the hours workflow.</summary>
    public ServiceRecord Seed(ServiceRecord record)
    {
        lock (_gate)
        {
            _records[(record.VolunteerAadObjectId, record.Id)] = record;
            return record;
        }
    }

    /// <summary>Forgets every record (seeded or written); totals and exchanges stay.</summary>
    public void ClearRecords()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }

    public Task<ServiceRecord?> GetAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault((volunteerAadObjectId, recordId)));
        }
    }

    public Task<IReadOnlyList<ServiceRecord>> ListByVolunteerAsync(string volunteerAadObjectId, DateOnly? from, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ServiceRecord>>(_records.Values
                .Where(r => r.VolunteerAadObjectId == volunteerAadObjectId && (from is null || r.Date >= from))
                .OrderByDescending(r => r.Date).ThenByDescending(r => r.UpdatedAt).ToList());
        }
    }

    public Task<RecordWrite> ApplyAsync(string volunteerAadObjectId, string recordId, Func<ServiceRecord?, RecordChange?> change, CancellationToken cancellationToken)
    {
        var key = (volunteerAadObjectId, recordId);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // As the table store: read, decide outside the lock, write only if nobody wrote the record meanwhile (its ETag);
            // otherwise the change runs again on the fresh record.
            ServiceRecord? before;
            lock (_gate)
            {
                before = _records.GetValueOrDefault(key);
            }

            var decided = change(before);
            if (decided is null)
            {
                return Task.FromResult(new RecordWrite(before, before, false));
            }

            var after = decided.After;
            if (after.Id != recordId || after.VolunteerAadObjectId != volunteerAadObjectId)
            {
                throw new InvalidOperationException("A record change may not move the record to another key.");
            }

            lock (_gate)
            {
                if (!ReferenceEquals(_records.GetValueOrDefault(key), before))
                {
                    continue;
                }

                var audit = _audit.TryGetValue(key, out var trail) ? trail : _audit[key] = [];
                if (audit.Any(a => a.Revision == decided.Audit.Revision))
                {
                    // The table refuses a second audit row of one revision (409) and the change runs again.
                    continue;
                }

                var yearKey = (volunteerAadObjectId, after.Date.Year);
                var totals = RecordTotals.Move(before, after, _balances.GetValueOrDefault(volunteerAadObjectId), _years.GetValueOrDefault(yearKey));
                _records[key] = after;
                audit.Add(decided.Audit);
                if (totals.Balance is { } balance)
                {
                    _balances[volunteerAadObjectId] = balance;
                }

                if (totals.Year is { } year)
                {
                    _years[yearKey] = year;
                }

                return Task.FromResult(new RecordWrite(before, after, true));
            }
        }

        throw new InvalidOperationException($"Record {recordId} kept changing under {MaxAttempts} attempts (or its audit revision exists).");
    }

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(
                (_audit.GetValueOrDefault((volunteerAadObjectId, recordId)) ?? []).OrderBy(a => a.Revision).ToList());
        }
    }

    public Task<PointsBalance> GetBalanceAsync(string volunteerAadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_balances.GetValueOrDefault(volunteerAadObjectId) ?? PointsBalance.Zero);
        }
    }

    public Task<IReadOnlyList<PointsExchange>> ListExchangesAsync(string volunteerAadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PointsExchange>>(_exchanges.Values.Where(x => x.VolunteerAadObjectId == volunteerAadObjectId).OrderByDescending(x => x.At).ToList());
        }
    }

    public Task<ExchangeResult> RedeemAsync(PointsExchange exchange, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (exchange.VolunteerAadObjectId, exchange.Id);
            var (outcome, balance) = RecordTotals.Redeem(_balances.GetValueOrDefault(exchange.VolunteerAadObjectId), exchange, _exchanges.ContainsKey(key));
            if (outcome == ExchangeOutcome.Recorded)
            {
                _exchanges[key] = exchange;
                _balances[exchange.VolunteerAadObjectId] = balance;
            }

            return Task.FromResult(new ExchangeResult(outcome, balance));
        }
    }

    /// <summary>In the month copy's order: by day, then volunteer, then project.</summary>
    public Task<IReadOnlyList<ServiceRecord>> ListByPeriodAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ServiceRecord>>(InPeriod(from, to).ToList());
        }
    }

    public Task<IReadOnlyList<ServiceRecord>> ListPendingAsync(IReadOnlyCollection<string>? divisionIds, DateOnly since, DateOnly until, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ServiceRecord>>(InPeriod(since, until)
                .Where(r => r.Status == RecordStatus.Pending && (divisionIds is null || divisionIds.Contains(r.DivisionId) || r.OrganiserDivisionIds.Any(divisionIds.Contains)))
                .ToList());
        }
    }

    public Task<IReadOnlyList<YearSummary>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<YearSummary>>(_years.Where(kv => kv.Key.Year == year).OrderBy(kv => kv.Key.Volunteer, StringComparer.Ordinal).Select(kv => kv.Value).ToList());
        }
    }

    private IEnumerable<ServiceRecord> InPeriod(DateOnly from, DateOnly to) =>
        _records.Values.Where(r => r.Date >= from && r.Date <= to)
            .OrderBy(r => r.Date).ThenBy(r => r.VolunteerAadObjectId, StringComparer.Ordinal).ThenBy(r => r.ProjectId ?? ServiceRecord.CommunityProject, StringComparer.Ordinal);
}
