using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Storage;
using VolunteerBot.Delivery;

namespace VolunteerBot.Storage.Reminders;

/// <summary>
/// Container <c>broadcasts</c>: one blob per broadcast run ("{runId}.json": label, recipients, message), written
/// before the run is claimed. A run row holds no recipient list (thousands of ids exceed a table property), so this
/// is what lets any instance resume a broadcast whose fan-out stopped with its instance. Written once, never changed.
/// </summary>
public sealed class BroadcastPlanStore(StorageAccount account)
{
    private readonly BlobContainerClient _container = account.Container(StorageNames.BroadcastContainer);

    /// <summary>Stores the plan unless one is already stored for the run (a double start keeps the first).</summary>
    public async Task SaveAsync(string runId, Broadcast broadcast, CancellationToken cancellationToken)
    {
        var json = new JsonObject
        {
            ["key"] = broadcast.Key,
            ["label"] = broadcast.Label,
            ["recipients"] = new JsonArray([.. broadcast.Recipients.Select(r => (JsonNode)JsonValue.Create(r))]),
            ["message"] = JsonNode.Parse(ReminderMessages.Serialize(broadcast.Message)),
        };
        if (broadcast.Translations is { } translations)
        {
            var messages = new JsonObject();
            foreach (var (language, message) in translations)
            {
                messages[language.Code()] = JsonNode.Parse(ReminderMessages.Serialize(message));
            }

            json["messages"] = messages;
        }

        try
        {
            await _container.GetBlobClient(runId + ".json").UploadAsync(BinaryData.FromString(json.ToJsonString()), overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already stored by the first start: that plan stands.
        }
    }

    public async Task<Broadcast?> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(runId + ".json");
        try
        {
            var content = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            var json = JsonNode.Parse(content.ToString()) as JsonObject ?? throw new JsonException("Broadcast plan is not a JSON object.");
            return new Broadcast(
                json["key"]?.GetValue<string>() ?? "",
                json["label"]?.GetValue<string>() ?? "",
                [.. (json["recipients"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>()],
                ReminderMessages.Deserialize(json["message"]?.ToJsonString() ?? "{}"))
            {
                // Plans stored before the per-language messages have only "message": everyone gets that one.
                Translations = json["messages"] is JsonObject messages
                    ? messages.Where(kv => LanguageCodes.Parse(kv.Key) is not null && kv.Value is not null)
                        .ToDictionary(kv => LanguageCodes.Parse(kv.Key)!.Value, kv => ReminderMessages.Deserialize(kv.Value!.ToJsonString()))
                    : null,
            };
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
