using System.Text.Json;
using System.Text.Json.Nodes;

namespace VolunteerBot.Tests.Infrastructure;

/// <summary>Activities shaped like the recorded Playground ones (../shared/samples/playground-activities).</summary>
public static class TestActivities
{
    public const string BotId = "28:00000000-0000-0000-0000-00000000b075";

    public static JsonObject Message(string serviceUrl, TestUser user, string text, string conversationType = "personal") =>
        Base("message", serviceUrl, user, conversationType, o =>
        {
            o["text"] = text;
            o["textFormat"] = "plain";
        });

    public static JsonObject Invoke(string serviceUrl, TestUser user, string verb, object? data = null, string? activityId = null) =>
        Base("invoke", serviceUrl, user, "personal", o =>
        {
            o["name"] = "adaptiveCard/action";
            o["replyToId"] = "card-" + Guid.NewGuid().ToString("N");
            o["value"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["verb"] = verb,
                    ["data"] = data is null ? new JsonObject() : JsonSerializer.SerializeToNode(data),
                },
            };
            if (activityId is not null)
            {
                o["id"] = activityId;
            }
        });

    public static JsonObject InstallationUpdate(string serviceUrl, TestUser user, string action = "add") =>
        Base("installationUpdate", serviceUrl, user, "personal", o => o["action"] = action);

    public static JsonObject Base(string type, string serviceUrl, TestUser user, string conversationType, Action<JsonObject> shape)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString(),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = user.ChannelId, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId },
            ["conversation"] = new JsonObject
            {
                ["conversationType"] = conversationType,
                ["tenantId"] = BotFactory.TenantId,
                ["id"] = conversationType == "personal" ? user.ConversationId : "19:group@thread.v2",
            },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "学雷锋志愿服务" },
            ["locale"] = "en-US",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BotFactory.TenantId } },
        };
        shape(activity);
        return activity;
    }
}
