namespace VolunteerBot.Dialogs.Domain.Reminders;

/// <summary>Delivery state of one recipient in one run. Queued → Sending → Sent | Failed | Unreachable.</summary>
public enum DeliveryStatus
{
    Queued,
    Sending,
    Sent,
    Failed,
    Unreachable,
}

/// <summary>A reminder run's progress and outcome as the committee sees it.</summary>
public sealed record ReminderRunSummary
{
    public required string RunId { get; init; }
    public required string QuarterId { get; init; }
    public required ReminderKind Kind { get; init; }

    /// <summary>"schedule", "catch-up", "manual" or "announcement".</summary>
    public required string Trigger { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What the run is about when that is not its kind alone (an announcement: the project's title).</summary>
    public string? Label { get; init; }
    public string? RequestedBy { get; init; }

    /// <summary>True once every recipient has a status row and a queue message.</summary>
    public bool FanOutDone { get; init; }
    public int Recipients { get; init; }
    public int Queued { get; init; }
    public int Sending { get; init; }
    public int Sent { get; init; }
    public int Failed { get; init; }
    public int Unreachable { get; init; }

    /// <summary>Of <see cref="Unreachable"/>: the app is not installed for them or they blocked it (install it for them).</summary>
    public int NotInstalled { get; init; }

    /// <summary>Of <see cref="Unreachable"/>: Teams does not know them in the team, or no Teams id on the roster (add them to the team, re-import).</summary>
    public int NotInTeam { get; init; }

    /// <summary>Of <see cref="Unreachable"/>: left the department (roster); nothing to do.</summary>
    public int Left { get; init; }

    public int Pending => Queued + Sending;
}

/// <summary>Outcome of asking for a run now: the run id and whether this call started it (false: already running).</summary>
public sealed record ReminderRunStart(string RunId, bool Started);

/// <summary>The committee's view of reminder runs (implemented in Bot/Reminders on Table Storage and the queue).</summary>
public interface IReminderRuns
{
    /// <summary>A run by id, or the latest run of this or the previous quarter when <paramref name="runId"/> is null.</summary>
    Task<ReminderRunSummary?> GetAsync(string? runId, CancellationToken cancellationToken);

    /// <summary>Starts a run now (content as the mid-quarter check). A second request in the same minute joins the first.</summary>
    Task<ReminderRunStart> StartNowAsync(string requestedBy, CancellationToken cancellationToken);

    /// <summary>Puts the run's failed recipients back in the queue; returns how many.</summary>
    Task<int> ResendFailedAsync(string runId, CancellationToken cancellationToken);
}
