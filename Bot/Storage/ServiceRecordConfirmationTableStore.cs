using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;
using static VolunteerBot.Storage.ServiceRecordConfirmationEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>ServiceRecordConfirmations</c>: PartitionKey = project id; RowKeys <c>card</c> (the liaison's card was sent),
/// <c>nudge</c> (the working-day-8 nudge was sent) — each inserted once, so a claim succeeds for one caller only —
/// <c>confirmed</c> (every line decided: who, when) and <c>v-{volunteer}</c> (that volunteer's line was decided, page by
/// page on a long list).
/// </summary>
public sealed class ServiceRecordConfirmationTableStore(StorageAccount account) : IServiceRecordConfirmationStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = account.Table(StorageNames.ServiceRecordConfirmations);

    public async Task<ActivityConfirmation> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(projectId);
        var rows = new List<TableEntity>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey lt {DecidedPrefix}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(e);
        }

        return ToConfirmation(projectId, rows);
    }

    public Task<bool> TryClaimCardAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken) => ClaimAsync(projectId, CardRow, at, cancellationToken);

    public Task<bool> TryClaimNudgeAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken) => ClaimAsync(projectId, NudgeRow, at, cancellationToken);

    public Task MarkConfirmedAsync(string projectId, Actor by, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(Confirmed(projectId, by, at), TableUpdateMode.Replace, cancellationToken);

    public async Task MarkDecidedAsync(string projectId, IReadOnlyCollection<string> volunteerAadObjectIds, Actor by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(projectId);
        foreach (var chunk in volunteerAadObjectIds.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(MaxBatch))
        {
            await _table.SubmitTransactionAsync(chunk.Select(id => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                Decided(pk, id, by, at))), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlySet<string>> ListDecidedAsync(string projectId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(projectId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {DecidedPrefix} and RowKey lt {"v."}");
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["Volunteer"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (DecidedVolunteerOf(e) is { } id)
            {
                set.Add(id);
            }
        }

        return set;
    }

    private async Task<bool> ClaimAsync(string projectId, string row, DateTimeOffset at, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(Claim(projectId, row, at), ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
