using System.Runtime.CompilerServices;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel.Connector;

public static class ConnectorClientExtensions
{
    /// <summary>
    /// Every member of a conversation, page by page, following continuation tokens until the connector
    /// stops returning one (never assume one page holds everyone). Stops if a token repeats.
    /// </summary>
    public static async IAsyncEnumerable<ChannelAccount> GetAllMembersAsync(
        this IConnectorClient connector,
        string serviceUrl,
        string conversationId,
        int pageSize = 100,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await connector.GetPagedMembersAsync(serviceUrl, conversationId, pageSize, token, cancellationToken).ConfigureAwait(false);
            foreach (var member in page.Members ?? [])
            {
                yield return member;
            }

            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token) && seen.Add(token));
    }
}
