using Azure.Data.Tables;

namespace VolunteerBot.Storage.Delivery;

/// <summary>Maps a dead-lettered reminder message to a <c>ReminderDeadLetters</c> row and back.</summary>
internal static class ReminderDeadLetterEntities
{
    /// <summary>What a string property holds at most (32K characters), with room to spare.</summary>
    public const int MaxBodyChars = 30_000;

    /// <summary>PartitionKey the run id ("unknown" when unreadable), RowKey newest first + the queue message id.</summary>
    public static TableEntity ToEntity(string? runId, string? recipientId, string messageId, long dequeueCount, string body, string reason, DateTimeOffset at) =>
        new(TableKeys.Escape(runId ?? "unknown"), TableKeys.ReverseTicks(at) + "-" + TableKeys.Escape(messageId))
        {
            ["RecipientId"] = recipientId,
            ["MessageId"] = messageId,
            ["DequeueCount"] = dequeueCount,
            ["Body"] = body.Length > MaxBodyChars ? body[..MaxBodyChars] : body,
            ["Reason"] = reason,
            ["At"] = at,
        };

    public static (string? RecipientId, string Reason) ToDeadLetter(TableEntity e) => (e.GetString("RecipientId"), e.GetString("Reason") ?? "");
}
