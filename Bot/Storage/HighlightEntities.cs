using System.Text.Json;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Photos;

namespace VolunteerBot.Storage;

/// <summary>Maps highlights (photo ids as a JSON column) to table entities and back.</summary>
internal static class HighlightEntities
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TableEntity ToEntity(Highlight h) => new(TableKeys.Escape(h.ProjectId), TableKeys.Escape(h.Id))
    {
        ["HighlightId"] = h.Id, ["ProjectId"] = h.ProjectId, ["Text"] = h.Text, ["PhotoIds"] = JsonSerializer.Serialize(h.PhotoIds, Json),
        ["TeamId"] = h.TeamId, ["ChannelId"] = h.ChannelId, ["PostedBy"] = h.PostedByAadObjectId, ["PostedByName"] = h.PostedByName,
        ["PostedAt"] = h.PostedAt,
    };

    public static Highlight ToHighlight(TableEntity e) => new()
    {
        Id = e.GetString("HighlightId") ?? "", ProjectId = e.GetString("ProjectId") ?? "", Text = e.GetString("Text") ?? "",
        PhotoIds = JsonSerializer.Deserialize<List<string>>(e.GetString("PhotoIds") ?? "[]", Json) ?? [],
        TeamId = e.GetString("TeamId") ?? "", ChannelId = e.GetString("ChannelId") ?? "",
        PostedByAadObjectId = e.GetString("PostedBy") ?? "", PostedByName = e.GetString("PostedByName") ?? "",
        PostedAt = e.GetDateTimeOffset("PostedAt") ?? default,
    };
}
