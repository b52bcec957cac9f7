using VolunteerBot.Channel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Diagnostics.CodeAnalysis;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Storage;

namespace VolunteerBot.Delivery;

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

    /// <summary>The queue message with run id and recipient only (the sender reads the rest from storage).</summary>
    public static string QueueBody(string runId, string recipientId) => new QueueTicket(runId, recipientId).ToBody();

    public static bool TryParseQueueBody(string body, out string runId, out string recipientId)
    {
        var ok = QueueTicket.TryParse(body, out var ticket);
        runId = ticket?.RunId ?? "";
        recipientId = ticket?.RecipientId ?? "";
        return ok;
    }
}

/// <summary>
/// A reminder queue message: run id and recipient, and — as shortcuts for the sender — the delivery row's ETag when
/// the message was queued, a copy of the row's message and the recipient's conversation address. The row stays the
/// only truth: the sender uses the copies only when its ETag-guarded claim succeeds, which proves the row has not
/// changed since they were made. The address is a snapshot from fan-out time (a personal conversation's id and
/// service URL do not change while the app stays installed; a 403 still marks the user unreachable).
/// </summary>
public sealed record QueueTicket(string RunId, string RecipientId, string? ETag = null, string? Message = null, ConversationReference? Address = null)
{
    public string ToBody()
    {
        var json = new JsonObject { ["run"] = RunId, ["to"] = RecipientId };
        if (!string.IsNullOrEmpty(ETag))
        {
            json["e"] = ETag;
            if (Message is not null && System.Text.Encoding.UTF8.GetByteCount(Message) <= ReminderMessages.MaxCopyBytes)
            {
                json["m"] = Message;
            }
        }

        if (Address is { } a)
        {
            json["a"] = new JsonObject
            {
                ["s"] = a.ServiceUrl, ["c"] = a.ConversationId, ["t"] = a.TenantId, ["b"] = a.BotId, ["bn"] = a.BotName,
            };
        }

        return json.ToJsonString();
    }

    public static bool TryParse(string body, [NotNullWhen(true)] out QueueTicket? ticket)
    {
        ticket = null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject o && o["run"]?.GetValue<string>() is { Length: > 0 } r && o["to"]?.GetValue<string>() is { Length: > 0 } t)
            {
                ConversationReference? address = null;
                if (o["a"] is JsonObject a && a["s"]?.GetValue<string>() is { Length: > 0 } url && a["c"]?.GetValue<string>() is { Length: > 0 } conversation)
                {
                    address = new ConversationReference
                    {
                        ServiceUrl = url, ConversationId = conversation, ConversationType = "personal", AadObjectId = t,
                        TenantId = a["t"]?.GetValue<string>() ?? "", BotId = a["b"]?.GetValue<string>(), BotName = a["bn"]?.GetValue<string>(),
                    };
                }

                ticket = new QueueTicket(r, t, o["e"]?.GetValue<string>(), o["m"]?.GetValue<string>(), address);
                return true;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
        }

        return false;
    }
}
