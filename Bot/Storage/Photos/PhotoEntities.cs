using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Photos;

namespace VolunteerBot.Storage.Photos;

/// <summary>Maps photo records to table entities and back.</summary>
internal static class PhotoEntities
{
    public static TableEntity ToEntity(PhotoRecord p) => new(TableKeys.Escape(p.ProjectId), p.PhotoId)
    {
        ["ProjectId"] = p.ProjectId, ["Kind"] = p.Kind.ToString(), ["Size"] = p.Size, ["FileName"] = p.FileName,
        ["Sender"] = p.SenderAadObjectId, ["SenderName"] = p.SenderName, ["ReceivedAt"] = p.ReceivedAt, ["HasThumbnail"] = p.HasThumbnail,
    };

    public static PhotoRecord ToPhoto(TableEntity e) => new()
    {
        ProjectId = e.GetString("ProjectId") ?? "",
        PhotoId = e.RowKey,
        Kind = Enum.TryParse<ImageKind>(e.GetString("Kind"), out var k) ? k : ImageKind.Jpeg,
        Size = e.GetInt64("Size") ?? 0,
        FileName = e.GetString("FileName"),
        SenderAadObjectId = e.GetString("Sender") ?? "",
        SenderName = e.GetString("SenderName") ?? "",
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default,
        HasThumbnail = e.GetBoolean("HasThumbnail") ?? false,
    };
}
