using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Photos;

namespace VolunteerBot.Storage;

/// <summary>Table <c>Highlights</c>: PartitionKey project id, RowKey highlight id. Adding an id twice fails, so a highlight posts once.</summary>
public sealed class HighlightTableStore(StorageAccount account) : IHighlightStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = account.Table(StorageNames.Highlights);

    public async Task<bool> TryAddAsync(Highlight h, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(h.ProjectId), TableKeys.Escape(h.Id))
        {
            ["HighlightId"] = h.Id, ["ProjectId"] = h.ProjectId, ["Text"] = h.Text, ["PhotoIds"] = JsonSerializer.Serialize(h.PhotoIds, Json),
            ["TeamId"] = h.TeamId, ["ChannelId"] = h.ChannelId, ["PostedBy"] = h.PostedByAadObjectId, ["PostedByName"] = h.PostedByName,
            ["PostedAt"] = h.PostedAt,
        };
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
            list.Add(new Highlight
            {
                Id = e.GetString("HighlightId") ?? "", ProjectId = e.GetString("ProjectId") ?? "", Text = e.GetString("Text") ?? "",
                PhotoIds = JsonSerializer.Deserialize<List<string>>(e.GetString("PhotoIds") ?? "[]", Json) ?? [],
                TeamId = e.GetString("TeamId") ?? "", ChannelId = e.GetString("ChannelId") ?? "",
                PostedByAadObjectId = e.GetString("PostedBy") ?? "", PostedByName = e.GetString("PostedByName") ?? "",
                PostedAt = e.GetDateTimeOffset("PostedAt") ?? default,
            });
        }

        return [.. list.OrderBy(h => h.PostedAt)];
    }
}
