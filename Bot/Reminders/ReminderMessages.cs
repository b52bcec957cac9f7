using System.Text.Json;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Conversation;

namespace VolunteerBot.Reminders;

/// <summary>A reminder's message as stored in its delivery row, and the queue message that points at the row.</summary>
public static class ReminderMessages
{
    public static string Serialize(OutgoingMessage message)
    {
        var json = new JsonObject { ["text"] = message.Text };
        if (message.Card is not null)
        {
            json["card"] = message.Card.DeepClone();
        }

        return json.ToJsonString();
    }

    public static OutgoingMessage Deserialize(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("Reminder message is not a JSON object.");
        return new OutgoingMessage(node["text"]?.GetValue<string>(), node["card"]?.DeepClone() as JsonObject);
    }

    /// <summary>A queue message carries at most this many UTF-8 bytes of message copy (Azure allows 64 KiB in all).</summary>
    public const int MaxCopyBytes = 32 * 1024;

    /// <summary>
    /// The queue message: run id and recipient, and — as a shortcut for the sender — the delivery row's ETag when
    /// the message was queued and a copy of the row's message. The row stays the only truth: the sender uses the
    /// copy only when its ETag-guarded claim succeeds, which proves the row has not changed since the copy was made.
    /// </summary>
    public static string QueueBody(string runId, string recipientId, string? etag = null, string? message = null)
    {
        var json = new JsonObject { ["run"] = runId, ["to"] = recipientId };
        if (!string.IsNullOrEmpty(etag))
        {
            json["e"] = etag;
            if (message is not null && System.Text.Encoding.UTF8.GetByteCount(message) <= MaxCopyBytes)
            {
                json["m"] = message;
            }
        }

        return json.ToJsonString();
    }

    public static bool TryParseQueueBody(string body, out string runId, out string recipientId) =>
        TryParseQueueBody(body, out runId, out recipientId, out _, out _);

    public static bool TryParseQueueBody(string body, out string runId, out string recipientId, out string? etag, out string? message)
    {
        runId = recipientId = "";
        etag = message = null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject o && o["run"]?.GetValue<string>() is { Length: > 0 } r && o["to"]?.GetValue<string>() is { Length: > 0 } t)
            {
                runId = r;
                recipientId = t;
                etag = o["e"]?.GetValue<string>();
                message = o["m"]?.GetValue<string>();
                return true;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
        }

        return false;
    }
}
