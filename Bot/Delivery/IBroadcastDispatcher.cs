using VolunteerBot.Dialogs.Conversation;

namespace VolunteerBot.Delivery;

/// <summary>Starts a turn's broadcasts (one message to many people) on the reminder queue, outside the request.</summary>
public interface IBroadcastDispatcher
{
    /// <summary>Claims the broadcast's run (once per key) and hands its fan-out to the background; returns at once.</summary>
    Task StartAsync(Broadcast broadcast, string? requestedBy, CancellationToken cancellationToken);
}
