using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;
using static VolunteerBot.Storage.FeedbackEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Feedback</c>: PartitionKey = the sender's Entra object id, RowKey = the item id (generated when the
/// form opened, so a double tap stores one row). The reply card carries both keys: one point read. See docs/storage.md.
/// </summary>
public sealed class FeedbackTableStore(StorageAccount account) : IFeedbackStore
{
    private readonly TableClient _table = account.Table(StorageNames.Feedback);

    public async Task<FeedbackAdded> AddAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(feedback), cancellationToken).ConfigureAwait(false);
            return new FeedbackAdded(feedback, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var stored = await GetAsync(feedback.AadObjectId, feedback.Id, cancellationToken).ConfigureAwait(false);
            return new FeedbackAdded(stored ?? feedback, false);
        }
    }

    public async Task<Feedback?> GetAsync(string aadObjectId, string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(aadObjectId), TableKeys.Escape(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToFeedback(response.Value!) : null;
    }

    public async Task<IReadOnlyList<Feedback>> ListByVolunteerAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var list = new List<Feedback>();
        var pk = TableKeys.Escape(aadObjectId);
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToFeedback(e));
        }

        return list.OrderByDescending(f => f.CreatedAt).ToList();
    }

    public Task<FeedbackReplied?> ReplyAsync(string aadObjectId, string id, string reply, string byAadObjectId, string byName, DateTimeOffset at, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync<FeedbackReplied?>(async ct =>
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(aadObjectId), TableKeys.Escape(id), cancellationToken: ct).ConfigureAwait(false);
            if (!response.HasValue)
            {
                return null;
            }

            var before = ToFeedback(response.Value!);
            if (before.IsAnswered)
            {
                return new FeedbackReplied(before, false);
            }

            var after = before with { Reply = reply, RepliedByAadObjectId = byAadObjectId, RepliedByName = byName, RepliedAt = at };
            await _table.UpdateEntityAsync(ToEntity(after), response.Value!.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return new FeedbackReplied(after, true);
        }, cancellationToken);

    public async Task<int> EraseNameAsync(string aadObjectId, string replacement, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var f in await ListByVolunteerAsync(aadObjectId, cancellationToken).ConfigureAwait(false))
        {
            if (f.Name != replacement)
            {
                var patch = new TableEntity(TableKeys.Escape(aadObjectId), TableKeys.Escape(f.Id)) { ["Name"] = replacement };
                await _table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                changed++;
            }
        }

        return changed;
    }
}
