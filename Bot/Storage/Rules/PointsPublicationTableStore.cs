using System.Globalization;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Honours;
using static VolunteerBot.Storage.Rules.PointsPublicationEntities;

namespace VolunteerBot.Storage.Rules;

/// <summary>
/// Table <c>PointsPublications</c>: PartitionKey = year (yyyy); RowKey <c>meta</c> (who published, when, where posted) and
/// <c>p-{aadObjectId}</c> (one line per staff member). Publishing again deletes lines of people no longer listed and
/// upserts the rest, in transactions of at most 100 rows; a volunteer's 我的积分 reads their own row.
/// </summary>
public sealed class PointsPublicationTableStore(StorageAccount account) : IPointsPublicationStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = account.Table(StorageNames.PointsPublications);

    public async Task SaveAsync(PointsPublication publication, CancellationToken cancellationToken)
    {
        var pk = Pk(publication.Year);
        var keep = publication.Lines.Select(l => Row(l.AadObjectId)).ToHashSet(StringComparer.Ordinal);
        var actions = new List<TableTransactionAction>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {"p-"} and RowKey lt {"p."}"), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!keep.Contains(e.RowKey))
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(pk, e.RowKey), Azure.ETag.All));
            }
        }

        foreach (var l in publication.Lines)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, ToEntity(pk, l)));
        }

        foreach (var chunk in actions.Chunk(MaxBatch))
        {
            await _table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        // The meta row last: a publication whose lines failed half-way is not shown as published.
        await _table.UpsertEntityAsync(new TableEntity(pk, "meta")
        {
            ["PublishedAt"] = publication.PublishedAt, ["PublishedByName"] = publication.PublishedByName, ["Count"] = publication.Lines.Count,
            ["PostedTeamId"] = publication.PostedTeamId, ["PostedChannelId"] = publication.PostedChannelId, ["PostedChannelName"] = publication.PostedChannelName,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PointsPublication?> GetAsync(int year, CancellationToken cancellationToken)
    {
        var pk = Pk(year);
        TableEntity? meta = null;
        var lines = new List<PublicationLine>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.RowKey == "meta")
            {
                meta = e;
            }
            else
            {
                lines.Add(ToLine(year, e));
            }
        }

        return meta is null ? null : new PointsPublication(year, meta.GetDateTimeOffset("PublishedAt") ?? default, meta.GetString("PublishedByName") ?? "",
            lines.OrderBy(l => l.DivisionName, StringComparer.Ordinal).ThenBy(l => l.Rank).ThenBy(l => l.Name, StringComparer.Ordinal).ToList())
        {
            PostedTeamId = meta.GetString("PostedTeamId"), PostedChannelId = meta.GetString("PostedChannelId"), PostedChannelName = meta.GetString("PostedChannelName"),
        };
    }

    public async Task<PublicationLine?> FindLineAsync(int year, string aadObjectId, CancellationToken cancellationToken)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(Pk(year), Row(aadObjectId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return e.HasValue ? ToLine(year, e.Value!) : null;
    }
}
