using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Tests.Projects;

/// <summary>Just enough of the hours stores for the archive dialog: pending records by date, and activity confirmations.</summary>
internal sealed class MemoryPendingRecords : IServiceRecordStore
{
    public List<ServiceRecord> Items { get; } = [];

    public Task<IReadOnlyList<ServiceRecord>> ListPendingAsync(IReadOnlyCollection<string>? divisionIds, DateOnly since, DateOnly until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServiceRecord>>(Items.Where(r => r.Status == RecordStatus.Pending && r.Date >= since && r.Date <= until
            && (divisionIds is null || divisionIds.Contains(r.DivisionId) || r.OrganiserDivisionIds.Any(divisionIds.Contains))).ToList());

    // The archive dialog only reads pending records; the rest is the hours feature's and tested there.
    public Task<ServiceRecord?> GetAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ServiceRecord>> ListByVolunteerAsync(string volunteerAadObjectId, DateOnly? from, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RecordWrite> ApplyAsync(string volunteerAadObjectId, string recordId, Func<ServiceRecord?, RecordChange?> change, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PointsBalance> GetBalanceAsync(string volunteerAadObjectId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<PointsExchange>> ListExchangesAsync(string volunteerAadObjectId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ExchangeResult> RedeemAsync(PointsExchange exchange, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ServiceRecord>> ListByPeriodAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<YearSummary>> ListYearAsync(int year, CancellationToken cancellationToken) => throw new NotSupportedException();
}

internal sealed class MemoryConfirmations : IServiceRecordConfirmationStore
{
    private readonly Dictionary<string, ActivityConfirmation> _items = [];

    public Task<ActivityConfirmation> GetAsync(string projectId, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue(projectId, out var c) ? c : new ActivityConfirmation(projectId, null, null, null, null));

    public Task<bool> TryClaimCardAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> TryClaimNudgeAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task MarkConfirmedAsync(string projectId, Actor by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _items[projectId] = new ActivityConfirmation(projectId, null, null, at, by.Name);
        return Task.CompletedTask;
    }

    public Task MarkDecidedAsync(string projectId, IReadOnlyCollection<string> volunteerAadObjectIds, Actor by, DateTimeOffset at, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlySet<string>> ListDecidedAsync(string projectId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
