using VolunteerBot.Dialogs.Conversation;

namespace VolunteerBot.Delivery;

/// <summary>Delivers notifications and channel posts that a turn produced, outside the request.</summary>
public interface IProactiveDispatcher
{
    ValueTask EnqueueAsync(IReadOnlyList<Notification> notifications, IReadOnlyList<ChannelPost> posts, CancellationToken cancellationToken);
}
