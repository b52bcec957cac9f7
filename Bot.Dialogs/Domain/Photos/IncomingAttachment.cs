namespace VolunteerBot.Dialogs.Domain.Photos;

/// <summary>A file or image the user sent with a message (Teams attachment), as the channel saw it.</summary>
public sealed record IncomingAttachment(string ContentType, string? ContentUrl, string? Name, string? DownloadUrl, string? FileType);
