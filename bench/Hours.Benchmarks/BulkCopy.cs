using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// Asks scripts/bench/azurite-table-bulk.cjs to copy the rows of one template volunteer per division to every other
/// volunteer of that division, replacing the template's id, name and national volunteer number. The templates are
/// written through the product's Table code, so the copies have exactly the stored shape the product writes.
/// </summary>
internal sealed class BulkCopy(string url, string prefix, IReadOnlyList<string> ids, int divisions, Func<string, string> name)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(30) };

    /// <summary>The first volunteer of each division (volunteer i belongs to division i mod <c>divisions</c>).</summary>
    public IReadOnlyList<string> Templates { get; } = ids.Take(divisions).ToList();

    public async Task<string> CopyAsync(CancellationToken ct)
    {
        var clones = Templates.Select((template, d) => new
        {
            template,
            copies = ids.Skip(divisions).Where((_, i) => i % divisions == d)
                .Select(id => new[] { new[] { template, id }, [name(template), name(id)], ["NV-" + template[^6..], "NV-" + id[^6..]] })
                .ToArray(),
        });
        using var response = await Http.PostAsJsonAsync(new Uri(new Uri(url), "clone"), new { prefix, clones }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Bulk copy failed ({(int)response.StatusCode}): {body}");
        }

        using var result = JsonDocument.Parse(body);
        var root = result.RootElement;
        return $"(copied inside Azurite: {root.GetProperty("inserted").GetInt32():N0} rows added, {root.GetProperty("updated").GetInt32():N0} updated, {root.GetProperty("ms").GetInt32():N0} ms)";
    }
}
