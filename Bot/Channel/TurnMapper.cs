using System.Text.Json;
using System.Text.RegularExpressions;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Channel;

/// <summary>Turns a wire activity into a dialog <see cref="Turn"/>: mention stripped, card verb and inputs extracted.</summary>
public static partial class TurnMapper
{
    public const string VerbKey = "verb";

    public static Turn ToTurn(Activity activity, Language language, UserRoles roles)
    {
        var (verb, data) = ExtractAction(activity);
        return new Turn
        {
            User = new UserIdentity(activity.From?.AadObjectId ?? activity.From?.Id ?? "", activity.From?.Id ?? "", activity.From?.Name ?? ""),
            TenantId = activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id ?? "",
            ConversationId = activity.Conversation?.Id ?? "",
            Kind = KindOf(activity.Conversation?.ConversationType),
            Text = StripMentions(activity),
            Verb = verb,
            Data = data,
            IsInvoke = activity.Type == ActivityTypes.Invoke,
            ReplyToId = activity.ReplyToId,
            TeamId = activity.ChannelData?.Team?.Id,
            ChannelId = activity.ChannelData?.Channel?.Id,
            Attachments = (activity.Attachments ?? [])
                .Where(a => a.ContentType is not null && a.ContentType != "text/html")
                .Select(a => new IncomingAttachment(a.ContentType!, a.ContentUrl, a.Name, DownloadUrl(a), FileType(a)))
                .ToList(),
            L = Localizer.For(language),
            Roles = roles,
            ActivityId = activity.Id ?? "",
            BotId = activity.Recipient?.Id ?? "",
        };
    }

    public static ConversationKind KindOf(string? conversationType) => conversationType switch
    {
        "groupChat" => ConversationKind.GroupChat,
        "channel" => ConversationKind.Channel,
        _ => ConversationKind.Personal,
    };

    /// <summary>Removes &lt;at&gt;…&lt;/at&gt; mentions of the bot (and the entity's text) so "@Bot 注册" routes as "注册".</summary>
    public static string StripMentions(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.Type == "mention" && entity.Text is { Length: > 0 } mentionText
                && (entity.Mentioned?.Id is null || entity.Mentioned.Id == activity.Recipient?.Id))
            {
                text = text.Replace(mentionText, " ", StringComparison.Ordinal);
            }
        }

        text = AtTag().Replace(text, " ");
        return text.Replace('\u00a0', ' ').Trim();
    }

    /// <summary>
    /// Action.Execute arrives as invoke value.action {verb, data}; Action.Submit as a message whose value is
    /// the data (our cards put the verb under "verb"). Every value becomes a string, as Teams sends inputs.
    /// </summary>
    public static (string? Verb, CardData Data) ExtractAction(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return (null, CardData.Empty);
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            if (!value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            {
                return (null, CardData.Empty);
            }

            var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var data = action.TryGetProperty("data", out var d) ? Flatten(d) : new Dictionary<string, string>();
            return (verb ?? "", new CardData(data));
        }

        var submitted = Flatten(value);
        submitted.TryGetValue(VerbKey, out var submitVerb);
        return (submitVerb ?? "", new CardData(submitted));
    }

    /// <summary>
    /// True for the invoke Teams sends on its own when a card with a <c>refresh</c> is shown (value.trigger =
    /// "automatic"), as opposed to a user's tap ("manual"). Our refresh verbs only read.
    /// </summary>
    public static bool IsAutomaticRefresh(Activity activity) =>
        activity.Type == ActivityTypes.Invoke
        && activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("trigger", out var trigger)
        && trigger.ValueKind == JsonValueKind.String
        && string.Equals(trigger.GetString(), "automatic", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> Flatten(JsonElement element)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return values;
        }

        foreach (var property in element.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString() ?? "",
                JsonValueKind.Null => "",
                _ => property.Value.GetRawText(),
            };
        }

        return values;
    }

    private static string? DownloadUrl(Attachment a) =>
        a.Content is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("downloadUrl", out var u) && u.ValueKind == JsonValueKind.String
            ? u.GetString() : null;

    private static string? FileType(Attachment a) =>
        a.Content is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("fileType", out var u) && u.ValueKind == JsonValueKind.String
            ? u.GetString() : null;

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();
}
