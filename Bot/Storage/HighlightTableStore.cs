using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Photos;
using static VolunteerBot.Storage.HighlightEntities;

namespace VolunteerBot.Storage;

/// <summary>Table <c>Highlights</c>: PartitionKey project id, RowKey highlight id. Adding an id twice fails, so a highlight posts once.</summary>
public sealed class HighlightTableStore(StorageAccount account) : IHighlightStore
{
    private readonly TableClient _table = account.Table(StorageNames.Highlights);

    public async Task<bool> TryAddAsync(Highlight h, CancellationToken cancellationToken)
    {
        var entity = ToEntity(h);
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Highlight>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(projectId);
        var list = new List<Highlight>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToHighlight(e));
        }

        return [.. list.OrderBy(h => h.PostedAt)];
    }
}
