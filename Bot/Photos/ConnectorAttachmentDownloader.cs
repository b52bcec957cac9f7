using VolunteerBot.Channel.Connector;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Photos;

namespace VolunteerBot.Photos;

/// <summary>
/// Fetches a Teams attachment through <see cref="IConnectorClient.DownloadAttachmentAsync"/>, which attaches the bot
/// token only to allow-listed Teams/Bot Framework hosts. File attachments use their pre-authenticated downloadUrl.
/// </summary>
public sealed partial class ConnectorAttachmentDownloader(IConnectorClient connector, ILogger<ConnectorAttachmentDownloader> logger) : IAttachmentDownloader
{
    public async Task<AttachmentDownload> DownloadAsync(IncomingAttachment attachment, long maxBytes, CancellationToken cancellationToken)
    {
        var url = attachment.DownloadUrl ?? attachment.ContentUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return new AttachmentDownload(null, DownloadFailure.NoUrl);
        }

        try
        {
            var bytes = await connector.DownloadAttachmentAsync(url, maxBytes, cancellationToken).ConfigureAwait(false);
            return bytes.LongLength > maxBytes ? new AttachmentDownload(null, DownloadFailure.TooLarge) : new AttachmentDownload(bytes, null);
        }
        catch (ServiceUrlNotAllowedException)
        {
            LogRefused(new Uri(url).Host);
            return new AttachmentDownload(null, DownloadFailure.NotAllowed);
        }
        catch (ConnectorException ex) when (ex.Code == "AttachmentTooLarge")
        {
            return new AttachmentDownload(null, DownloadFailure.TooLarge);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or UriFormatException or InvalidOperationException)
        {
            LogFailed(ex);
            return new AttachmentDownload(null, DownloadFailure.Failed);
        }
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Attachment from {Host} refused: not a Teams/Bot Framework host")]
    private partial void LogRefused(string host);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Attachment download failed")]
    private partial void LogFailed(Exception ex);
}
