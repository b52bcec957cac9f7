using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Storage;

/// <summary>Maps feedback to table entities and back.</summary>
internal static class FeedbackEntities
{
    public static TableEntity ToEntity(Feedback f) => new(TableKeys.Escape(f.AadObjectId), TableKeys.Escape(f.Id))
    {
        ["Id"] = f.Id,
        ["AadObjectId"] = f.AadObjectId,
        ["Name"] = f.Name,
        ["DivisionId"] = f.DivisionId,
        ["Kind"] = f.Kind.ToString(),
        ["Text"] = f.Text,
        ["CreatedAt"] = f.CreatedAt,
        ["Reply"] = f.Reply,
        ["RepliedBy"] = f.RepliedByAadObjectId,
        ["RepliedByName"] = f.RepliedByName,
        ["RepliedAt"] = f.RepliedAt,
    };

    public static Feedback ToFeedback(TableEntity e) => new()
    {
        Id = e.GetString("Id") ?? e.RowKey,
        AadObjectId = e.GetString("AadObjectId") ?? e.PartitionKey,
        Name = e.GetString("Name") ?? "",
        DivisionId = e.GetString("DivisionId"),
        Kind = Enum.TryParse<FeedbackKind>(e.GetString("Kind"), out var kind) ? kind : FeedbackKind.Suggestion,
        Text = e.GetString("Text") ?? "",
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        Reply = e.GetString("Reply"),
        RepliedByAadObjectId = e.GetString("RepliedBy"),
        RepliedByName = e.GetString("RepliedByName"),
        RepliedAt = e.GetDateTimeOffset("RepliedAt"),
    };
}
