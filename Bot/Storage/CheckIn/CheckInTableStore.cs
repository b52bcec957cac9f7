using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.CheckIn;
using static VolunteerBot.Storage.CheckIn.CheckInEntities;

namespace VolunteerBot.Storage.CheckIn;

/// <summary>
/// Table <c>CheckIns</c>: PartitionKey = project id; RowKey "session" (the codes) and "v-{Entra object id}" (one row per
/// person: inserted once, so 200 people checking in at once leave 200 rows and a second check-in finds the first).
/// Table <c>CheckInCodes</c>: PartitionKey "code", RowKey = the six digits: which activity a code belongs to, leased until
/// the activity ends. Table <c>VolunteerCheckIns</c>: PartitionKey = Entra object id; RowKey = project id (an index for
/// overlaps, written after the project partition, which stays the truth) and "~throttle" (wrong codes).
/// Every change is an ETag-guarded read-modify-write; a 412/409 retries from a fresh read.
/// </summary>
public sealed class CheckInTableStore(StorageAccount account) : ICheckInStore
{
    private readonly TableClient _table = account.Table(StorageNames.CheckIns);
    private readonly TableClient _codes = account.Table(StorageNames.CheckInCodes);
    private readonly TableClient _index = account.Table(StorageNames.VolunteerCheckIns);

    public async Task<CheckInSession?> GetSessionAsync(string projectId, CancellationToken cancellationToken)
    {
        var e = await GetAsync(_table, TableKeys.Escape(projectId), SessionRow, cancellationToken).ConfigureAwait(false);
        return e is null ? null : ToSession(e);
    }

    public Task<CheckInSession> UpdateSessionAsync(string projectId, Func<CheckInSession?, CheckInSession> change, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var pk = TableKeys.Escape(projectId);
            var e = await GetAsync(_table, pk, SessionRow, ct).ConfigureAwait(false);
            var before = e is null ? null : ToSession(e);
            var after = change(before);
            if (before is not null && after == before)
            {
                return before;
            }

            var entity = ToEntity(after);
            if (e is null)
            {
                await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, e.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }

            return after;
        }, cancellationToken);

    public Task<bool> TryLeaseCodeAsync(CodeLease lease, DateTimeOffset now, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var entity = ToEntity(lease);
            var e = await GetAsync(_codes, CodePartition, lease.Code, ct).ConfigureAwait(false);
            if (e is null)
            {
                await _codes.AddEntityAsync(entity, ct).ConfigureAwait(false);
                return true;
            }

            var holder = e.GetString("ProjectId");
            if (holder != lease.ProjectId && (e.GetDateTimeOffset("ValidUntil") ?? default) >= now)
            {
                return false; // a live activity holds it
            }

            await _codes.UpdateEntityAsync(entity, e.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<CodeLease?> FindCodeAsync(string code, CancellationToken cancellationToken)
    {
        var e = await GetAsync(_codes, CodePartition, TableKeys.Escape(code), cancellationToken).ConfigureAwait(false);
        return e is null ? null : ToLease(code, e);
    }

    public async Task<CheckInWrite> CheckInAsync(Attendance attendance, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(attendance.ProjectId);
        var rk = RowOf(attendance.VolunteerAadObjectId);
        CheckInWrite write;
        try
        {
            await _table.AddEntityAsync(ToEntity(attendance), cancellationToken).ConfigureAwait(false);
            write = new CheckInWrite(attendance, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await GetAsync(_table, pk, rk, cancellationToken).ConfigureAwait(false);
            write = new CheckInWrite(ToAttendance(existing!), false);
        }

        // The index is written after the truth, and again by a retry that found the row: an index write lost to a crash heals.
        await IndexAsync(write.Attendance, cancellationToken).ConfigureAwait(false);
        return write;
    }

    public async Task<Attendance?> UpdateAsync(string projectId, string volunteerAadObjectId, Func<Attendance, Attendance> change, CancellationToken cancellationToken)
    {
        var result = await OptimisticConcurrency.RunAsync(async ct =>
        {
            var e = await GetAsync(_table, TableKeys.Escape(projectId), RowOf(volunteerAadObjectId), ct).ConfigureAwait(false);
            if (e is null)
            {
                return ((Attendance?)null, false);
            }

            var before = ToAttendance(e);
            var after = change(before);
            if (after == before)
            {
                return (before, false);
            }

            await _table.UpdateEntityAsync(ToEntity(after), e.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return (after, true);
        }, cancellationToken).ConfigureAwait(false);
        if (result.Item2)
        {
            await IndexAsync(result.Item1!, cancellationToken).ConfigureAwait(false);
        }

        return result.Item1;
    }

    public async Task<Attendance?> GetAsync(string projectId, string volunteerAadObjectId, CancellationToken cancellationToken)
    {
        var e = await GetAsync(_table, TableKeys.Escape(projectId), RowOf(volunteerAadObjectId), cancellationToken).ConfigureAwait(false);
        return e is null ? null : ToAttendance(e);
    }

    public async Task<IReadOnlyList<Attendance>> ListByProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(projectId)} and RowKey ge {VolunteerPrefix} and RowKey lt {"v."}");
        var list = new List<Attendance>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToAttendance(e));
        }

        return list.OrderBy(a => a.CheckedInAt).ThenBy(a => a.VolunteerName, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<Attendance>> ListByVolunteerAsync(string volunteerAadObjectId, DateTimeOffset endsAfter, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(volunteerAadObjectId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ne {ThrottleRow} and ProjectEnd gt {endsAfter}");
        var projectIds = new List<string>();
        await foreach (var e in _index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            projectIds.Add(e.GetString("ProjectId") ?? e.RowKey);
        }

        // The project partition is the truth: the index only says where to look.
        var rows = await Task.WhenAll(projectIds.Select(id => GetAsync(id, volunteerAadObjectId, cancellationToken))).ConfigureAwait(false);
        return rows.OfType<Attendance>().OrderByDescending(a => a.CheckedInAt).ToList();
    }

    public async Task<CodeThrottle> GetThrottleAsync(string volunteerAadObjectId, CancellationToken cancellationToken)
    {
        var e = await GetAsync(_index, TableKeys.Escape(volunteerAadObjectId), ThrottleRow, cancellationToken).ConfigureAwait(false);
        return e is null ? CodeThrottle.None : ToThrottle(e);
    }

    public Task<CodeThrottle> RecordFailureAsync(string volunteerAadObjectId, DateTimeOffset at, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var pk = TableKeys.Escape(volunteerAadObjectId);
            var e = await GetAsync(_index, pk, ThrottleRow, ct).ConfigureAwait(false);
            var after = CheckInRules.Fail(e is null ? CodeThrottle.None : ToThrottle(e), at);
            var entity = ToEntity(pk, after);
            if (e is null)
            {
                await _index.AddEntityAsync(entity, ct).ConfigureAwait(false);
            }
            else
            {
                await _index.UpdateEntityAsync(entity, e.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }

            return after;
        }, cancellationToken);

    private Task IndexAsync(Attendance a, CancellationToken ct) =>
        _index.UpsertEntityAsync(ToIndexEntity(a), TableUpdateMode.Replace, ct);

    private static async Task<TableEntity?> GetAsync(TableClient table, string pk, string rk, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}
