using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;
using static VolunteerBot.Storage.VolunteerEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Volunteers</c>: PartitionKey = Entra object id; RowKey "profile" (the profile) and
/// "m-yyyyMMdd-divisionId" (membership history). A profile and its history are one partition, written in one
/// transaction. Table <c>DivisionMembers</c>: PartitionKey = division id, RowKey = Entra object id, a copy of the
/// profile, so a division roster is one partition. See docs/storage.md.
/// </summary>
public sealed class VolunteerTableStore(StorageAccount account) : IVolunteerStore
{
    private readonly TableClient _table = account.Table(StorageNames.Volunteers);
    private readonly TableClient _members = account.Table(StorageNames.DivisionMembers);

    public async Task<Volunteer?> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(aadObjectId), ProfileRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToVolunteer(response.Value!) : null;
    }

    public async Task<IReadOnlyList<Volunteer>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken)
    {
        var list = new List<Volunteer>();
        var pk = TableKeys.Escape(divisionId);
        await foreach (var e in _members.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToVolunteer(e));
        }

        return list;
    }

    public async Task<IReadOnlyList<Volunteer>> ListAllAsync(CancellationToken cancellationToken)
    {
        var list = new List<Volunteer>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {ProfileRow}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToVolunteer(e));
        }

        return list;
    }

    public async Task<IReadOnlyList<DivisionMembership>> GetMembershipsAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var list = new List<DivisionMembership>();
        await foreach (var e in QueryMembershipsAsync(TableKeys.Escape(aadObjectId), cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToMembership(e));
        }

        return list.OrderBy(m => m.From).ThenBy(m => m.Until ?? DateOnly.MaxValue).ToList();
    }

    public async Task<VolunteerSaved> SaveAsync(VolunteerProfile profile, DateTimeOffset at, DateOnly today, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(profile.AadObjectId);
        var saved = await OptimisticConcurrency.RunAsync(async ct =>
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(pk, ProfileRow, cancellationToken: ct).ConfigureAwait(false);
            var before = existing.HasValue ? ToVolunteer(existing.Value!) : null;
            if (before is not null && Same(before, profile))
            {
                return new VolunteerSaved(before, SaveOutcome.Unchanged, null);
            }

            var after = new Volunteer
            {
                AadObjectId = profile.AadObjectId,
                Name = profile.Name,
                DivisionId = profile.DivisionId,
                IsPartyMember = profile.IsPartyMember,
                Mobile = profile.Mobile,
                NationalVolunteerId = profile.NationalVolunteerId,
                PledgeAcceptedAt = before?.PledgeAcceptedAt ?? at,
                // Registering (or editing) needs the notice accepted on the card, so a save records consent once.
                PrivacyConsentAt = before?.PrivacyConsentAt ?? at,
                RegisteredAt = before?.RegisteredAt ?? at,
                UpdatedAt = at,
                Community = before?.Community,
                CommunityReportedOn = before?.CommunityReportedOn,
            };

            var batch = new List<TableTransactionAction>();
            var entity = ToEntity(pk, ProfileRow, after);
            if (existing.HasValue)
            {
                CarryLanguage(existing.Value!, entity);
            }

            batch.Add(before is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, existing.Value!.ETag));

            var moved = before is not null && before.DivisionId != after.DivisionId;
            if (before is null || moved)
            {
                await AddMembershipChangeAsync(batch, pk, after.DivisionId, today, ct).ConfigureAwait(false);
            }

            await SubmitAsync(batch, ct).ConfigureAwait(false);
            return new VolunteerSaved(after, before is null ? SaveOutcome.Created : SaveOutcome.Updated, moved ? before!.DivisionId : null);
        }, cancellationToken).ConfigureAwait(false);

        // The roster index follows the profile (a second table, so not in the transaction): write the new row
        // first, then drop the old one. Saving again repairs an index a crash left behind.
        if (saved.Outcome != SaveOutcome.Unchanged)
        {
            await WriteIndexAsync(saved.Volunteer, cancellationToken).ConfigureAwait(false);
            if (saved.PreviousDivisionId is { } previous)
            {
                await DeleteIndexAsync(previous, saved.Volunteer.AadObjectId, cancellationToken).ConfigureAwait(false);
            }
        }

        return saved;
    }

    public async Task<Volunteer?> SetCommunityAsync(string aadObjectId, string community, DateOnly reportedOn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(aadObjectId);
        var updated = await OptimisticConcurrency.RunAsync(async ct =>
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(pk, ProfileRow, cancellationToken: ct).ConfigureAwait(false);
            if (!existing.HasValue)
            {
                return null;
            }

            var before = ToVolunteer(existing.Value!);
            if (before.Community == community && before.CommunityReportedOn == reportedOn)
            {
                return before;
            }

            var after = before with { Community = community, CommunityReportedOn = reportedOn, UpdatedAt = at };
            var entity = ToEntity(pk, ProfileRow, after);
            CarryLanguage(existing.Value!, entity);
            await _table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return after;
        }, cancellationToken).ConfigureAwait(false);

        if (updated is not null)
        {
            await WriteIndexAsync(updated, cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }

    private async Task AddMembershipChangeAsync(List<TableTransactionAction> batch, string pk, string divisionId, DateOnly today, CancellationToken ct)
    {
        await foreach (var open in QueryMembershipsAsync(pk, ct).ConfigureAwait(false))
        {
            if (open.GetString("Until") is not null)
            {
                continue;
            }

            var membership = ToMembership(open);
            if (membership.From >= today)
            {
                // Moved again on the day it began: the stretch is empty, so it leaves no history.
                batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, open, open.ETag));
            }
            else
            {
                open["Until"] = today.ToString(DateFormat, CultureInfo.InvariantCulture);
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, open, open.ETag));
            }
        }

        var row = MembershipRow(today, divisionId);
        batch.RemoveAll(a => a.ActionType == TableTransactionActionType.Delete && a.Entity.RowKey == row);
        batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(pk, row)
        {
            ["DivisionId"] = divisionId,
            ["From"] = today.ToString(DateFormat, CultureInfo.InvariantCulture),
        }));
    }

    private async Task SubmitAsync(List<TableTransactionAction> batch, CancellationToken ct)
    {
        if (batch.Count > 100 || batch.Select(a => a.Entity.PartitionKey).Distinct().Count() != 1)
        {
            throw new InvalidOperationException("A table transaction holds at most 100 operations in one partition.");
        }

        try
        {
            await _table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex)
        {
            // Surface 412/409 as RequestFailedException so OptimisticConcurrency retries from a fresh read.
            throw new RequestFailedException(ex.Status, ex.Message, ex.ErrorCode, ex);
        }
    }

    private IAsyncEnumerable<TableEntity> QueryMembershipsAsync(string pk, CancellationToken ct) =>
        _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {MembershipPrefix} and RowKey lt {"m."}"), cancellationToken: ct);

    public async Task<bool> EraseAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(aadObjectId);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(pk, ProfileRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
        {
            return false;
        }

        var before = ToVolunteer(existing.Value!);
        // The index row first: a crash in between leaves a profile still listed, which erasing again finishes.
        await DeleteIndexAsync(before.DivisionId, aadObjectId, cancellationToken).ConfigureAwait(false);
        await _table.DeleteEntityAsync(pk, ProfileRow, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task WriteIndexAsync(Volunteer volunteer, CancellationToken ct) =>
        _members.UpsertEntityAsync(ToEntity(TableKeys.Escape(volunteer.DivisionId), TableKeys.Escape(volunteer.AadObjectId), volunteer), TableUpdateMode.Replace, ct);

    private async Task DeleteIndexAsync(string divisionId, string aadObjectId, CancellationToken ct)
    {
        try
        {
            await _members.DeleteEntityAsync(TableKeys.Escape(divisionId), TableKeys.Escape(aadObjectId), ETag.All, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    private static bool Same(Volunteer v, VolunteerProfile p) =>
        v.Name == p.Name && v.DivisionId == p.DivisionId && v.IsPartyMember == p.IsPartyMember
        && v.Mobile == p.Mobile && v.NationalVolunteerId == p.NationalVolunteerId && v.PrivacyConsentAt is not null;
}
