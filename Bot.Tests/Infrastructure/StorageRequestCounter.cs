using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VolunteerBot.Storage;

namespace VolunteerBot.Tests.Infrastructure;

/// <summary>One storage request seen at the Azure SDK pipeline: the HTTP method and the resource without account and table prefix.</summary>
public sealed record StorageRequest(string Method, string Resource)
{
    /// <summary>The table, queue or container the request went to ("Volunteers", "ConversationRefs" …).</summary>
    public string Target => Resource.Split('(', '/', '?')[0];

    public override string ToString() => Method + " " + Resource;
}

/// <summary>
/// Counts the requests a turn sends to storage, at the Azure SDK pipeline (one per operation: tables, queues, blobs),
/// so no store can be missed. Only requests made inside <see cref="Begin"/>'s scope count (an AsyncLocal that flows
/// into the server with <c>TestServer.PreserveExecutionContext</c>); background senders and sweeps do not.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly AsyncLocal<ConcurrentQueue<StorageRequest>?> _scope = new();
    private string _prefix = "";

    /// <summary>Replaces the bot's <see cref="StorageAccount"/> with one whose clients report to this counter.</summary>
    public void Register(IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            _prefix = configuration["Storage:TablePrefix"] ?? "";
            return new StorageAccount(configuration.GetConnectionString("Storage")!, _prefix, policies: [this]);
        });

    /// <summary>Starts counting for the calling flow; the returned list fills as requests are sent.</summary>
    public ConcurrentQueue<StorageRequest> Begin() => _scope.Value = new ConcurrentQueue<StorageRequest>();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        if (_scope.Value is not { } requests)
        {
            return;
        }

        var uri = message.Request.Uri.ToUri();
        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimStart('/');

        // Azurite puts the account first in the path; real storage in the host name.
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && path[..slash] == "devstoreaccount1")
        {
            path = path[(slash + 1)..];
        }

        if (_prefix.Length > 0 && path.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase))
        {
            path = path[_prefix.Length..];
        }

        requests.Enqueue(new StorageRequest(message.Request.Method.ToString(), path + Uri.UnescapeDataString(uri.Query)));
    }
}
