using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using VolunteerBot.Dialogs.Conversation;

namespace VolunteerBot.Delivery;

/// <summary>
/// Hands a turn's notifications to a background sender so the user's own reply is never held up.
/// Large fan-outs (announcements, reminders) go through the storage queue instead (Reminders/).
/// </summary>
public sealed partial class InProcessDispatcher(ProactiveMessenger messenger, ILogger<InProcessDispatcher> logger)
    : BackgroundService, IProactiveDispatcher
{
    private readonly System.Threading.Channels.Channel<object> _queue = System.Threading.Channels.Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public ValueTask EnqueueAsync(IReadOnlyList<Notification> notifications, IReadOnlyList<ChannelPost> posts, CancellationToken cancellationToken)
    {
        foreach (var n in notifications)
        {
            _queue.Writer.TryWrite(n);
        }

        foreach (var p in posts)
        {
            _queue.Writer.TryWrite(p);
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                _ = item switch
                {
                    Notification n => await messenger.SendToUserAsync(n.RecipientAadObjectId, n.Message, stoppingToken).ConfigureAwait(false),
                    ChannelPost p => await messenger.PostToChannelAsync(p.TeamId, p.ChannelId, p.Message, stoppingToken).ConfigureAwait(false),
                    _ => DeliveryOutcome.NoConversation,
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Proactive delivery failed")]
    private partial void LogFailed(Exception ex);
}
