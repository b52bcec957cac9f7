using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Tests.Durability;

/// <summary>
/// Store decorators that run another user's action at one exact point of a turn, so a race is replayed
/// deterministically: just before a project is written as archived, or just before a service record is written.
/// Each hook runs once.
/// </summary>
internal sealed class ArchiveRaceHooks
{
    public Func<Task>? BeforeArchiveWrite { get; set; }

    public Func<Task>? BeforeRecordWrite { get; set; }

    public IProjectStore Wrap(IProjectStore inner) => new Projects(this, inner);

    public IServiceRecordStore Wrap(IServiceRecordStore inner) => new Records(this, inner);

    private Func<Task>? TakeArchive()
    {
        var hook = BeforeArchiveWrite;
        BeforeArchiveWrite = null;
        return hook;
    }

    private Func<Task>? TakeRecord()
    {
        var hook = BeforeRecordWrite;
        BeforeRecordWrite = null;
        return hook;
    }

    private sealed class Projects(ArchiveRaceHooks hooks, IProjectStore inner) : IProjectStore
    {
        public Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken) => inner.GetAsync(projectId, cancellationToken);

        public Task CreateAsync(Project project, CancellationToken cancellationToken) => inner.CreateAsync(project, cancellationToken);

        public async Task<ProjectUpdate> UpdateAsync(string projectId, Func<Project, Project> change, CancellationToken cancellationToken)
        {
            if (hooks.BeforeArchiveWrite is not null && await inner.GetAsync(projectId, cancellationToken) is { Status: not ProjectStatus.Archived } current
                && change(current).Status == ProjectStatus.Archived && hooks.TakeArchive() is { } hook)
            {
                await hook();
            }

            return await inner.UpdateAsync(projectId, change, cancellationToken);
        }

        public Task<IReadOnlyList<Project>> ListByStatusAsync(IReadOnlyCollection<ProjectStatus> statuses, CancellationToken cancellationToken) =>
            inner.ListByStatusAsync(statuses, cancellationToken);

        public Task<IReadOnlyList<Project>> ListStartingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            inner.ListStartingAsync(from, to, cancellationToken);

        public Task<IReadOnlyList<Project>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken) =>
            inner.ListByDivisionAsync(divisionId, cancellationToken);
    }

    private sealed class Records(ArchiveRaceHooks hooks, IServiceRecordStore inner) : IServiceRecordStore
    {
        public async Task<RecordWrite> ApplyAsync(string volunteerAadObjectId, string recordId, Func<ServiceRecord?, RecordChange?> change, CancellationToken cancellationToken)
        {
            if (hooks.TakeRecord() is { } hook)
            {
                await hook();
            }

            return await inner.ApplyAsync(volunteerAadObjectId, recordId, change, cancellationToken);
        }

        public Task<ServiceRecord?> GetAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken) => inner.GetAsync(volunteerAadObjectId, recordId, cancellationToken);

        public Task<IReadOnlyList<ServiceRecord>> ListByVolunteerAsync(string volunteerAadObjectId, DateOnly? from, CancellationToken cancellationToken) =>
            inner.ListByVolunteerAsync(volunteerAadObjectId, from, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken) =>
            inner.ListAuditAsync(volunteerAadObjectId, recordId, cancellationToken);

        public Task<PointsBalance> GetBalanceAsync(string volunteerAadObjectId, CancellationToken cancellationToken) => inner.GetBalanceAsync(volunteerAadObjectId, cancellationToken);

        public Task<IReadOnlyList<PointsExchange>> ListExchangesAsync(string volunteerAadObjectId, CancellationToken cancellationToken) =>
            inner.ListExchangesAsync(volunteerAadObjectId, cancellationToken);

        public Task<ExchangeResult> RedeemAsync(PointsExchange exchange, CancellationToken cancellationToken) => inner.RedeemAsync(exchange, cancellationToken);

        public Task<IReadOnlyList<ServiceRecord>> ListByPeriodAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
            inner.ListByPeriodAsync(from, to, cancellationToken);

        public Task<IReadOnlyList<ServiceRecord>> ListPendingAsync(IReadOnlyCollection<string>? divisionIds, DateOnly since, DateOnly until, CancellationToken cancellationToken) =>
            inner.ListPendingAsync(divisionIds, since, until, cancellationToken);

        public Task<IReadOnlyList<YearSummary>> ListYearAsync(int year, CancellationToken cancellationToken) => inner.ListYearAsync(year, cancellationToken);
    }
}
