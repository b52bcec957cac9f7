using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace VolunteerBot.Storage;

/// <summary>
/// One storage account: tables, queues and blobs from <c>ConnectionStrings__Storage</c>, either a connection
/// string (Azurite: UseDevelopmentStorage=true) or an account URL used with managed identity.
/// <see cref="Prefix"/> keeps test runs apart in one Azurite.
/// </summary>
public sealed class StorageAccount
{
    public StorageAccount(string connection, string prefix = "", TokenCredential? credential = null)
    {
        Prefix = prefix;
        if (Uri.TryCreate(connection, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            credential ??= new DefaultAzureCredential();
            var account = uri.Host.Split('.')[0];
            var suffix = uri.Host[(uri.Host.IndexOf('.', StringComparison.Ordinal) + 1)..];
            var tail = suffix[(suffix.IndexOf('.', StringComparison.Ordinal) + 1)..];
            Tables = new TableServiceClient(new Uri($"https://{account}.table.{tail}"), credential);
            Queues = new QueueServiceClient(new Uri($"https://{account}.queue.{tail}"), credential,
                new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            Blobs = new BlobServiceClient(new Uri($"https://{account}.blob.{tail}"), credential);
        }
        else
        {
            Tables = new TableServiceClient(connection);
            Queues = new QueueServiceClient(connection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            Blobs = new BlobServiceClient(connection);
        }
    }

    public string Prefix { get; }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => Tables.GetTableClient(Prefix + name);

    public QueueClient Queue(string name) => Queues.GetQueueClient((Prefix + name).ToLowerInvariant());

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient((Prefix + name).ToLowerInvariant());
}
