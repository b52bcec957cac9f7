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

    /// <summary>The queue message: run id and recipient only (the row holds the rest), well under 64 KiB.</summary>
    public static string QueueBody(string runId, string recipientId) =>
        new JsonObject { ["run"] = runId, ["to"] = recipientId }.ToJsonString();

    public static bool TryParseQueueBody(string body, out string runId, out string recipientId)
    {
        runId = recipientId = "";
        try
        {
            if (JsonNode.Parse(body) is JsonObject o && o["run"]?.GetValue<string>() is { Length: > 0 } r && o["to"]?.GetValue<string>() is { Length: > 0 } t)
            {
                runId = r;
                recipientId = t;
                return true;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
        }

        return false;
    }
}
