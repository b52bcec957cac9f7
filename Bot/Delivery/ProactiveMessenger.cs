using VolunteerBot.Channel.Connector;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage;
using VolunteerBot.Channel;

namespace VolunteerBot.Delivery;

public enum DeliveryOutcome
{
    Sent,

    /// <summary>No personal conversation and nothing to create one from (not on the roster, or no Teams id yet).</summary>
    NoConversation,

    /// <summary>A send answered 403 (blocked or uninstalled).</summary>
    Unreachable,

    /// <summary>Creating the 1:1 chat answered 403: the app is not installed for the person (or they blocked it).</summary>
    CreateForbidden,

    /// <summary>Creating the 1:1 chat answered 404: Teams does not know the person in this tenant / team.</summary>
    CreateNotFound,

    /// <summary>The person has left (marked by a roster re-import): they get nothing.</summary>
    Left,
}

/// <summary>Why a recipient could not be reached, as 提醒进度 groups it.</summary>
public enum UnreachableKind
{
    Other,
    NotInstalled,
    NotInTeam,
    Left,
}

/// <summary>
/// Sends one proactive message to a user (by Entra object id) through their stored personal conversation, or to a
/// team channel. A person on the staff roster with no personal conversation gets one created first
/// (<c>POST /v3/conversations</c> with their Teams id, tenant and the bot, on the team's service URL); the new
/// reference is stored, then the message is sent. A 403/404 on the create marks them unreachable on the roster with
/// the reason; a 403 on a send marks the conversation unreachable. Through the sender's throttled connector, a
/// create takes its share of the rate budget like a send.
/// </summary>
public sealed partial class ProactiveMessenger(
    IConnectorClient connector,
    IConversationReferenceStore references,
    IStaffStore staff,
    TimeProvider time,
    ILogger<ProactiveMessenger> logger,
    IAppInstaller? installer = null)
{
    /// <summary>
    /// How long a team's conversation, read to create chats on its service URL, is reused: creating the chats of a
    /// whole roster costs one storage read per team a minute, not one per person.
    /// </summary>
    public static readonly TimeSpan TeamReuse = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ConversationReference Team, DateTimeOffset At)> _teams = new(StringComparer.Ordinal);

    public const string CreateForbiddenReason = "create refused (403): the app is not installed for this person, or they blocked it";
    public const string CreateNotFoundReason = "create failed (404): Teams does not know this person in the tenant or the team";

    /// <summary>Sends to a delivery row's recipient: a person (Entra object id) or a channel (<see cref="DeliveryTargets.Channel"/>).</summary>
    public Task<DeliveryOutcome> SendAsync(string recipientId, OutgoingMessage message, CancellationToken cancellationToken) =>
        DeliveryTargets.TryParseChannel(recipientId, out var teamId, out var channelId)
            ? PostToChannelAsync(teamId, channelId, message, cancellationToken)
            : SendToUserAsync(recipientId, message, cancellationToken);

    public async Task<DeliveryOutcome> SendToUserAsync(string aadObjectId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var personTask = staff.GetAsync(aadObjectId, cancellationToken);
        var reference = await references.GetPersonalAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        var person = await personTask.ConfigureAwait(false);
        if (person is { IsActive: false })
        {
            LogLeft(aadObjectId);
            return DeliveryOutcome.Left;
        }

        if (reference is { Active: true })
        {
            return reference.Unreachable
                ? DeliveryOutcome.Unreachable
                : await SendToReferenceAsync(aadObjectId, reference, message, cancellationToken).ConfigureAwait(false);
        }

        var (created, outcome) = await CreatePersonalAsync(aadObjectId, person, cancellationToken).ConfigureAwait(false);
        return created is null ? outcome : await SendToReferenceAsync(aadObjectId, created, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the 1:1 chat with a roster member and stores it. Null with the outcome when there is nothing to create
    /// it from (not staff, no Teams id, the team's conversation unknown) or Teams refused (403/404, recorded).
    /// </summary>
    public async Task<(ConversationReference? Reference, DeliveryOutcome Outcome)> CreatePersonalAsync(string aadObjectId, StaffRecord? person, CancellationToken cancellationToken)
    {
        if (person?.TeamsUserId is not { Length: > 0 } teamsUserId || person.TeamId is not { Length: > 0 } teamId)
        {
            LogNoConversation(aadObjectId);
            return (null, DeliveryOutcome.NoConversation);
        }

        var team = await TeamForCreateAsync(teamId, cancellationToken).ConfigureAwait(false);
        var tenant = person.TenantId is { Length: > 0 } t ? t : team?.TenantId;
        if (team is not { Active: true } || string.IsNullOrEmpty(tenant))
        {
            LogNoConversation(aadObjectId);
            return (null, DeliveryOutcome.NoConversation);
        }

        ConversationResourceResponse response;
        Task<ConversationResourceResponse> CreateAsync() => connector.CreateConversationAsync(team.ServiceUrl, new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = team.BotId, Name = team.BotName },
            Members = [new ChannelAccount { Id = teamsUserId, Name = person.Name }],
            TenantId = tenant,
        }, cancellationToken);
        try
        {
            ConversationResourceResponse? first = null;
            ConnectorException? refused = null;
            try
            {
                first = await CreateAsync().ConfigureAwait(false);
            }
            catch (ConnectorException ex) when (ex.StatusCode is 403 or 404)
            {
                refused = ex;
            }

            if (refused is not null)
            {
                // The team came from the minute's cache: if the app has left it since, the refusal is the team's, not
                // the person's. Nobody is marked unreachable and nothing is installed.
                if (await TeamLeftSinceAsync(teamId, cancellationToken).ConfigureAwait(false))
                {
                    LogNoConversation(aadObjectId);
                    return (null, DeliveryOutcome.NoConversation);
                }

                if (refused.StatusCode != 403 || installer is null)
                {
                    throw refused;
                }

                // Graph:ProactiveInstall: install the app for them, then open the chat again (once).
                if (await installer.InstallForUserAsync(aadObjectId, cancellationToken).ConfigureAwait(false) == AppInstallOutcome.Refused)
                {
                    throw refused;
                }
            }

            response = first ?? await CreateAsync().ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (ex.StatusCode is 403 or 404)
        {
            var forbidden = ex.StatusCode == 403;
            await staff.MarkUnreachableAsync(aadObjectId, forbidden ? CreateForbiddenReason : CreateNotFoundReason, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogCreateRefused(aadObjectId, ex.StatusCode);
            return (null, forbidden ? DeliveryOutcome.CreateForbidden : DeliveryOutcome.CreateNotFound);
        }

        if (string.IsNullOrEmpty(response.Id))
        {
            throw new ConnectorException(502, "NoConversationId", "createConversation answered without a conversation id");
        }

        var reference = new ConversationReference
        {
            ConversationId = response.Id,
            ConversationType = "personal",
            ServiceUrl = response.ServiceUrl is { Length: > 0 } url ? url : team.ServiceUrl,
            TenantId = tenant,
            AadObjectId = aadObjectId,
            ChannelUserId = teamsUserId,
            UserName = person.Name,
            BotId = team.BotId,
            BotName = team.BotName,
            Active = true,
            Unreachable = false,
            UpdatedAt = time.GetUtcNow(),
        };
        await references.SaveAsync(reference, cancellationToken).ConfigureAwait(false);
        if (person.UnreachableReason is not null)
        {
            await staff.MarkUnreachableAsync(aadObjectId, null, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        LogCreated(aadObjectId);
        return (reference, DeliveryOutcome.Sent);
    }

    /// <summary>Sends through a personal conversation the caller already holds (the reminder queue carries it).</summary>
    public async Task<DeliveryOutcome> SendToReferenceAsync(string aadObjectId, ConversationReference reference, OutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, ActivityFactory.ToReference(reference, message), cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Sent;
        }
        catch (UserUnreachableException)
        {
            await references.MarkUnreachableAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
            LogUnreachable(aadObjectId);
            return DeliveryOutcome.Unreachable;
        }
    }

    /// <summary>Drops the team from the cache and reads it again: true when the app is no longer in it.</summary>
    private async Task<bool> TeamLeftSinceAsync(string teamId, CancellationToken cancellationToken)
    {
        _teams.TryRemove(teamId, out _);
        return await TeamForCreateAsync(teamId, cancellationToken).ConfigureAwait(false) is not { Active: true };
    }

    private async Task<ConversationReference?> TeamForCreateAsync(string teamId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_teams.TryGetValue(teamId, out var known) && now - known.At < TeamReuse)
        {
            return known.Team;
        }

        var team = await references.GetTeamAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (team is { Active: true })
        {
            _teams[teamId] = (team, now);
        }
        else
        {
            _teams.TryRemove(teamId, out _);
        }

        return team;
    }

    public async Task<DeliveryOutcome> PostToChannelAsync(string teamId, string channelId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var reference = await references.GetTeamAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (reference is null || !reference.Active)
        {
            return DeliveryOutcome.NoConversation;
        }

        var activity = ActivityFactory.ToReference(reference with { ConversationId = channelId }, message);
        await connector.SendToConversationAsync(reference.ServiceUrl, channelId, activity, cancellationToken).ConfigureAwait(false);
        return DeliveryOutcome.Sent;
    }

    /// <summary>The reason a delivery row records for an outcome other than <see cref="DeliveryOutcome.Sent"/>.</summary>
    public static string ReasonOf(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.NoConversation => NoConversationReason,
        DeliveryOutcome.CreateForbidden => CreateForbiddenReason,
        DeliveryOutcome.CreateNotFound => CreateNotFoundReason,
        DeliveryOutcome.Left => LeftReason,
        _ => BlockedReason,
    };

    public const string NoConversationReason = "no personal conversation, and no Teams id on the roster to create one: add them to the team and import the roster (导入名册)";
    public const string LeftReason = "left the department (roster re-import): not sent";
    public const string BlockedReason = "blocked or uninstalled (403)";

    /// <summary>What the committee can do about an unreachable recipient, from the reason the delivery row holds.</summary>
    public static UnreachableKind Classify(string? reason) => reason switch
    {
        CreateForbiddenReason or BlockedReason => UnreachableKind.NotInstalled,
        CreateNotFoundReason or NoConversationReason => UnreachableKind.NotInTeam,
        LeftReason => UnreachableKind.Left,
        _ => UnreachableKind.Other,
    };

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "No personal conversation stored for {AadObjectId}, and none can be created; message not sent")]
    private partial void LogNoConversation(string aadObjectId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "User {AadObjectId} is unreachable (403); marked")]
    private partial void LogUnreachable(string aadObjectId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Personal conversation created for {AadObjectId}")]
    private partial void LogCreated(string aadObjectId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Creating a personal conversation for {AadObjectId} answered {Status}; marked unreachable")]
    private partial void LogCreateRefused(string aadObjectId, int status);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "{AadObjectId} has left (roster); message not sent")]
    private partial void LogLeft(string aadObjectId);
}
