using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Honours;
using static VolunteerBot.Storage.Rules.HonourEntities;

namespace VolunteerBot.Storage.Rules;

/// <summary>
/// Table <c>Honours</c>: PartitionKey = year (yyyy) with RowKeys <c>v-{aadObjectId}</c> (outstanding volunteer), <c>t-{divisionId}</c>
/// (outstanding team) and <c>f-{projectId}</c> (featured project); PartitionKey <c>p-{aadObjectId}</c>, RowKey = year: a copy of an
/// announced volunteer honour, so 我的志愿记录 reads one partition.
/// </summary>
public sealed class HonourTableStore(StorageAccount account) : IHonourStore
{
    private readonly TableClient _table = account.Table(StorageNames.Honours);

    public async Task<IReadOnlyList<Honour>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        var list = new List<Honour>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Y(year)} and RowKey ge {"t-"} and RowKey lt {"w"}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.RowKey.StartsWith("v-", StringComparison.Ordinal) || e.RowKey.StartsWith("t-", StringComparison.Ordinal))
            {
                list.Add(ToHonour(year, e));
            }
        }

        return list.OrderBy(h => h.Kind).ThenBy(h => h.NamedAt).ToList();
    }

    public async Task SaveAsync(Honour honour, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(ToEntity(Y(honour.Year), Row(honour.Kind, honour.SubjectId), honour), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (honour.Kind == HonourKind.Volunteer && honour.AnnouncedAt is not null)
        {
            await _table.UpsertEntityAsync(ToEntity(Person(honour.SubjectId), Y(honour.Year), honour), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> RemoveAsync(int year, HonourKind kind, string subjectId, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(Y(year), Row(kind, subjectId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
        {
            return false;
        }

        await _table.DeleteEntityAsync(Y(year), Row(kind, subjectId), ETag.All, cancellationToken).ConfigureAwait(false);
        if (kind == HonourKind.Volunteer)
        {
            await _table.DeleteEntityAsync(Person(subjectId), Y(year), ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task<IReadOnlyList<Honour>> ListForVolunteerAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var list = new List<Honour>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Person(aadObjectId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToHonour(int.Parse(e.RowKey, CultureInfo.InvariantCulture), e));
        }

        return list.OrderByDescending(h => h.Year).ToList();
    }

    public Task SaveFeaturedAsync(FeaturedProject project, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(ToEntity(Y(project.Year), "f-" + TableKeys.Escape(project.ProjectId), project), TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> RemoveFeaturedAsync(int year, string projectId, CancellationToken cancellationToken)
    {
        var response = await _table.DeleteEntityAsync(Y(year), "f-" + TableKeys.Escape(projectId), ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    public async Task<IReadOnlyList<FeaturedProject>> ListFeaturedAsync(int year, CancellationToken cancellationToken)
    {
        var list = new List<FeaturedProject>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Y(year)} and RowKey ge {"f-"} and RowKey lt {"f."}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToFeatured(year, e));
        }

        return list.OrderBy(f => f.MarkedAt).ToList();
    }

    private static string Y(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    private static string Person(string aad) => "p-" + TableKeys.Escape(aad.ToLowerInvariant());

    private static string Row(HonourKind kind, string subjectId) =>
        (kind == HonourKind.Volunteer ? "v-" : "t-") + TableKeys.Escape(kind == HonourKind.Volunteer ? subjectId.ToLowerInvariant() : subjectId);
}
