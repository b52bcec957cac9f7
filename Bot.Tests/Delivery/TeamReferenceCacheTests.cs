using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Channel;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Fakes;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Delivery;

/// <summary>
/// Creating the 1:1 chats of a whole roster reads the team's conversation once a minute, not once per person: one
/// storage read fewer per person in a create-then-send run (issue 14). Azurite, fake clock, a recording connector.
/// </summary>
public sealed class TeamReferenceCacheTests
{
    private const string TeamId = "19:dept@thread.tacv2";
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task SendToUserAsync_ManyPeopleOfOneTeamWithoutChats_TeamReadOncePerMinute()
    {
        var (time, references, _, connector, messenger) = await ArrangeAsync("p1", "p2", "p3", "p4");

        Assert.Equal(DeliveryOutcome.Sent, await messenger.SendToUserAsync("p1", OutgoingMessage.Of("hi"), Ct));
        Assert.Equal(DeliveryOutcome.Sent, await messenger.SendToUserAsync("p2", OutgoingMessage.Of("hi"), Ct));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(DeliveryOutcome.Sent, await messenger.SendToUserAsync("p3", OutgoingMessage.Of("hi"), Ct));
        Assert.Equal(1, references.TeamReads);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(DeliveryOutcome.Sent, await messenger.SendToUserAsync("p4", OutgoingMessage.Of("hi"), Ct));
        Assert.Equal(2, references.TeamReads);
        Assert.Equal(["29:p1", "29:p2", "29:p3", "29:p4"], connector.Created);
        Assert.Equal(4, connector.Sent);
    }

    [Fact]
    public async Task SendToUserAsync_AppRemovedFromTheCachedTeam_CreateRefusedMarksNobodyUnreachable()
    {
        var (_, references, staff, connector, messenger) = await ArrangeAsync("p1", "p2");
        Assert.Equal(DeliveryOutcome.Sent, await messenger.SendToUserAsync("p1", OutgoingMessage.Of("hi"), Ct));

        // The team removes the app within the minute the messenger reuses the team: Teams refuses the next create.
        await references.SetActiveAsync("channel", TeamId, false, Ct);
        connector.CreateRefusal = 403;

        Assert.Equal(DeliveryOutcome.NoConversation, await messenger.SendToUserAsync("p2", OutgoingMessage.Of("hi"), Ct));
        Assert.Null(staff.Records["p2"].UnreachableReason);
    }

    /// <summary>A team the bot is in (on Azurite, reads counted) and roster members of it without a 1:1 chat yet.</summary>
    private static async Task<(FakeTimeProvider Time, CountingReferences References, MemoryStaffStore Staff, RecordingConnector Connector, ProactiveMessenger Messenger)> ArrangeAsync(params string[] people)
    {
        var account = await TestStorage.CreateAccountAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero));
        var references = new CountingReferences(new ConversationReferenceTableStore(account, time));
        await references.SaveAsync(new ConversationReference
        {
            ConversationId = TeamId, ConversationType = "channel", ServiceUrl = "http://127.0.0.1:9/", TenantId = "tenant",
            TeamId = TeamId, BotId = "28:bot", BotName = "bot", Active = true, UpdatedAt = time.GetUtcNow(),
        }, Ct);
        var staff = new MemoryStaffStore();
        foreach (var id in people)
        {
            staff.Records[id] = new StaffRecord { AadObjectId = id, Name = id, TeamsUserId = "29:" + id, TenantId = "tenant", TeamIds = [TeamId], TeamId = TeamId };
        }

        var connector = new RecordingConnector();
        var messenger = new ProactiveMessenger(connector, references, staff, time, NullLogger<ProactiveMessenger>.Instance);
        return (time, references, staff, connector, messenger);
    }

    private sealed class RecordingConnector : IConnectorClient
    {
        public List<string> Created { get; } = [];

        public int Sent { get; private set; }

        public int? CreateRefusal { get; set; }

        public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
        {
            Sent++;
            return Task.FromResult(new ResourceResponse { Id = "m" });
        }

        public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
        {
            if (CreateRefusal is { } status)
            {
                throw new ConnectorException(status, "Forbidden", "the bot is not in the team");
            }

            Created.Add(parameters.Members![0].Id!);
            return Task.FromResult(new ConversationResourceResponse { Id = "a:" + parameters.Members[0].Id });
        }

        public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<byte[]> DownloadAttachmentAsync(string url, long maxBytes, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class CountingReferences(IConversationReferenceStore inner) : IConversationReferenceStore
    {
        private int _teamReads;

        public int TeamReads => Volatile.Read(ref _teamReads);

        public Task<ConversationReference?> GetTeamAsync(string teamId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _teamReads);
            return inner.GetTeamAsync(teamId, cancellationToken);
        }

        public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken) => inner.SaveAsync(reference, cancellationToken);

        public Task RefreshAsync(ConversationReference reference, CancellationToken cancellationToken) => inner.RefreshAsync(reference, cancellationToken);

        public Task<ConversationReference?> GetPersonalAsync(string aadObjectId, CancellationToken cancellationToken) => inner.GetPersonalAsync(aadObjectId, cancellationToken);

        public Task<IReadOnlyDictionary<string, ConversationReference>> GetPersonalManyAsync(IReadOnlySet<string> aadObjectIds, CancellationToken cancellationToken) => inner.GetPersonalManyAsync(aadObjectIds, cancellationToken);

        public Task<IReadOnlyList<ConversationReference>> ListTeamsAsync(CancellationToken cancellationToken) => inner.ListTeamsAsync(cancellationToken);

        public Task SetActiveAsync(string conversationType, string key, bool active, CancellationToken cancellationToken) => inner.SetActiveAsync(conversationType, key, active, cancellationToken);

        public Task MarkUnreachableAsync(string aadObjectId, CancellationToken cancellationToken) => inner.MarkUnreachableAsync(aadObjectId, cancellationToken);
    }
}
