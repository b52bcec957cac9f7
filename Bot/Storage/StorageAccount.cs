using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace VolunteerBot.Storage;

/// <summary>
/// One storage account: tables, queues and blobs from <c>ConnectionStrings__Storage</c>, either a connection
/// string (Azurite: UseDevelopmentStorage=true) or an account URL used with managed identity.
/// <see cref="Prefix"/> keeps test runs apart in one Azurite. <c>policies</c> join every client's pipeline once per
/// operation (tests count a turn's storage requests with one).
/// </summary>
public sealed class StorageAccount
{
    public StorageAccount(string connection, string prefix = "", TokenCredential? credential = null, IEnumerable<HttpPipelinePolicy>? policies = null)
    {
        Prefix = prefix;
        var tableOptions = With(new TableClientOptions(), policies);
        var queueOptions = With(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, policies);
        var blobOptions = With(new BlobClientOptions(), policies);
        if (Uri.TryCreate(connection, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            credential ??= new DefaultAzureCredential();
            var account = uri.Host.Split('.')[0];
            var suffix = uri.Host[(uri.Host.IndexOf('.', StringComparison.Ordinal) + 1)..];
            var tail = suffix[(suffix.IndexOf('.', StringComparison.Ordinal) + 1)..];
            Tables = new TableServiceClient(new Uri($"https://{account}.table.{tail}"), credential, tableOptions);
            Queues = new QueueServiceClient(new Uri($"https://{account}.queue.{tail}"), credential, queueOptions);
            Blobs = new BlobServiceClient(new Uri($"https://{account}.blob.{tail}"), credential, blobOptions);
        }
        else
        {
            Tables = new TableServiceClient(connection, tableOptions);
            Queues = new QueueServiceClient(connection, queueOptions);
            Blobs = new BlobServiceClient(connection, blobOptions);
        }
    }

    private static T With<T>(T options, IEnumerable<HttpPipelinePolicy>? policies)
        where T : ClientOptions
    {
        foreach (var policy in policies ?? [])
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        return options;
    }

    public string Prefix { get; }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => Tables.GetTableClient(Prefix + name);

    public QueueClient Queue(string name) => Queues.GetQueueClient((Prefix + name).ToLowerInvariant());

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient((Prefix + name).ToLowerInvariant());
}
