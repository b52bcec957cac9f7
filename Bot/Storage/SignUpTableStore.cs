using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Projects;
using static VolunteerBot.Storage.SignUpEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>SignUps</c>: PartitionKey = project id; RowKey "counter" (Confirmed, Waitlisted, NextSequence) and
/// "v-{Entra object id}" (one row per volunteer, so nobody is signed up twice). A sign-up inserts its row and
/// updates the counter in one transaction guarded by the counter's ETag; a 412/409 retries from a fresh read, so
/// parallel sign-ups never overbook and get distinct arrival numbers. Table <c>VolunteerSignUps</c>: PartitionKey =
/// Entra object id, RowKey = project id — an index for "my sign-ups", written after the project partition (which
/// stays the truth: listing re-reads each row from it). See docs/storage.md.
/// </summary>
public sealed class SignUpTableStore(StorageAccount account) : ISignUpStore
{
    private const int MaxBatch = 100;

    // Every sign-up of a project writes its one counter row: under a rush (200 at once) a writer may lose many rounds.
    private const int HotRowAttempts = 1000;
    private readonly TableClient _table = account.Table(StorageNames.SignUps);
    private readonly TableClient _index = account.Table(StorageNames.VolunteerSignUps);

    public async Task<SignUpResult> SignUpAsync(SignUpRequest request, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(request.ProjectId);
        var rk = RowOf(request.VolunteerAadObjectId);
        var result = await OptimisticConcurrency.RunAsync(async ct =>
        {
            var counterTask = _table.GetEntityIfExistsAsync<TableEntity>(pk, CounterRow, cancellationToken: ct);
            var existingTask = _table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct);
            var counter = (await counterTask.ConfigureAwait(false)) is { HasValue: true } c ? c.Value : null;
            var existing = (await existingTask.ConfigureAwait(false)) is { HasValue: true } x ? x.Value : null;
            if (existing is not null && StatusOf(existing) != SignUpStatus.Cancelled)
            {
                var signUp = ToSignUp(existing);
                var position = signUp.Status == SignUpStatus.Waitlisted ? await PositionAsync(pk, signUp.Sequence, ct).ConfigureAwait(false) : 0;
                return new SignUpResult(signUp, SignUpOutcome.AlreadySignedUp, position);
            }

            var (confirmed, waitlisted, sequence) = CounterOf(counter);
            var status = confirmed < request.Capacity ? SignUpStatus.Confirmed : SignUpStatus.Waitlisted;
            if (status == SignUpStatus.Confirmed)
            {
                confirmed++;
            }
            else
            {
                waitlisted++;
            }

            var newCounter = Counter(pk, confirmed, waitlisted, sequence + 1);
            var row = new SignUp
            {
                ProjectId = request.ProjectId,
                VolunteerAadObjectId = request.VolunteerAadObjectId,
                VolunteerName = request.VolunteerName,
                DivisionId = request.DivisionId,
                Status = status,
                Sequence = sequence,
                SignedUpAt = request.At,
                UpdatedAt = request.At,
            };
            var actions = new List<TableTransactionAction>
            {
                counter is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, newCounter)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, newCounter, counter.ETag),
                existing is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, ToEntity(row))
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(row), existing.ETag),
            };
            await SubmitAsync(actions, ct).ConfigureAwait(false);
            return new SignUpResult(row, status == SignUpStatus.Confirmed ? SignUpOutcome.Confirmed : SignUpOutcome.Waitlisted,
                status == SignUpStatus.Waitlisted ? waitlisted : 0);
        }, HotRowAttempts, cancellationToken).ConfigureAwait(false);

        if (result.Outcome != SignUpOutcome.AlreadySignedUp)
        {
            await IndexAsync(result.SignUp, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public async Task<CancelResult> CancelAsync(string projectId, string volunteerAadObjectId, int capacity, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(projectId);
        var rk = RowOf(volunteerAadObjectId);
        var result = await OptimisticConcurrency.RunAsync(async ct =>
        {
            var existing = (await _table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct).ConfigureAwait(false)) is { HasValue: true } x ? x.Value : null;
            if (existing is null || StatusOf(existing) == SignUpStatus.Cancelled)
            {
                return new CancelResult(existing is null ? null : ToSignUp(existing), [], false);
            }

            var counter = (await _table.GetEntityIfExistsAsync<TableEntity>(pk, CounterRow, cancellationToken: ct).ConfigureAwait(false)).Value!;
            var (confirmed, waitlisted, nextSequence) = CounterOf(counter);
            var before = ToSignUp(existing);
            if (before.Status == SignUpStatus.Confirmed)
            {
                confirmed--;
            }
            else
            {
                waitlisted--;
            }

            var cancelled = before with { Status = SignUpStatus.Cancelled, CancelledAt = at, UpdatedAt = at };
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ToEntity(cancelled), existing.ETag) };
            var promoted = new List<SignUp>();
            var free = capacity - confirmed;
            if (free > 0 && waitlisted > 0)
            {
                // Two actions are taken (the cancellation and the counter): at most 98 promotions fit one transaction.
                var next = await ListEntitiesAsync(pk, TableClient.CreateQueryFilter($"Status eq {nameof(SignUpStatus.Waitlisted)}"), ct).ConfigureAwait(false);
                foreach (var entity in next.Where(e => e.RowKey != rk).OrderBy(e => ToSignUp(e).Sequence).Take(Math.Min(free, MaxBatch - 2)))
                {
                    var up = ToSignUp(entity) with { Status = SignUpStatus.Confirmed, PromotedAt = at, UpdatedAt = at };
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(up), entity.ETag));
                    promoted.Add(up);
                    confirmed++;
                    waitlisted--;
                }
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, Counter(pk, confirmed, waitlisted, nextSequence), counter.ETag));
            await SubmitAsync(actions, ct).ConfigureAwait(false);
            return new CancelResult(cancelled, promoted, true);
        }, HotRowAttempts, cancellationToken).ConfigureAwait(false);

        if (result.WasActive)
        {
            foreach (var s in result.Promoted.Prepend(result.Cancelled!))
            {
                await IndexAsync(s, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    public async Task<SignUp?> GetAsync(string projectId, string volunteerAadObjectId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(projectId), RowOf(volunteerAadObjectId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToSignUp(response.Value!) : null;
    }

    public async Task<IReadOnlyList<SignUp>> ListByProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        var entities = await ListEntitiesAsync(TableKeys.Escape(projectId), null, cancellationToken).ConfigureAwait(false);
        return entities.Select(ToSignUp).OrderBy(s => s.Sequence).ToList();
    }

    public async Task<IReadOnlyList<SignUp>> ListByVolunteerAsync(string volunteerAadObjectId, CancellationToken cancellationToken)
    {
        var projectIds = new List<string>();
        var pk = TableKeys.Escape(volunteerAadObjectId);
        await foreach (var e in _index.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            projectIds.Add(e.GetString("ProjectId") ?? e.RowKey);
        }

        // The project partition is the truth: the index only says where to look.
        var rows = await Task.WhenAll(projectIds.Select(id => GetAsync(id, volunteerAadObjectId, cancellationToken))).ConfigureAwait(false);
        return rows.OfType<SignUp>().OrderByDescending(s => s.SignedUpAt).ToList();
    }

    public async Task<SignUpCounts> CountAsync(string projectId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(projectId), CounterRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        var (confirmed, waitlisted, _) = CounterOf(response.HasValue ? response.Value : null);
        return new SignUpCounts(confirmed, waitlisted);
    }

    public async Task<int> EraseNameAsync(string volunteerAadObjectId, string replacement, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var s in await ListByVolunteerAsync(volunteerAadObjectId, cancellationToken).ConfigureAwait(false))
        {
            if (s.VolunteerName != replacement)
            {
                // Only the name property: a sign-up or cancellation racing this keeps its own ETag-guarded replace (it
                // re-reads on 412), and the counter row is untouched.
                await _table.UpdateEntityAsync(NamePatch(s.ProjectId, volunteerAadObjectId, replacement), ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                changed++;
            }
        }

        return changed;
    }

    private async Task SubmitAsync(List<TableTransactionAction> actions, CancellationToken ct)
    {
        // Azure rejects a transaction over 100 operations or across partitions; Azurite does not, so check here.
        if (actions.Count > MaxBatch || actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            throw new InvalidOperationException("A table transaction holds at most 100 operations in one partition.");
        }

        await _table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
    }

    private async Task<int> PositionAsync(string pk, long sequence, CancellationToken ct)
    {
        var ahead = await ListEntitiesAsync(pk, TableClient.CreateQueryFilter($"Status eq {nameof(SignUpStatus.Waitlisted)} and Sequence le {sequence}"), ct).ConfigureAwait(false);
        return ahead.Count;
    }

    private async Task<List<TableEntity>> ListEntitiesAsync(string pk, string? extra, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {VolunteerPrefix} and RowKey lt {"v."}") + (extra is null ? "" : " and " + extra);
        var list = new List<TableEntity>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            list.Add(e);
        }

        return list;
    }

    private Task IndexAsync(SignUp s, CancellationToken ct) =>
        _index.UpsertEntityAsync(ToIndexEntity(s), TableUpdateMode.Replace, ct);
}
