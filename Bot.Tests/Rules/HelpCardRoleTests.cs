using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Dialogs.Handlers.Core;

namespace VolunteerBot.Tests.Rules;

/// <summary>
/// What the help menu offers a role is what the server lets that role do (the menu-wide check for every role is
/// Findway/CommandUnderstandingTests.Help_MenuForRole_ShowsOnlyCommandsTheRoleMayRunAndFitsAPhone); here the case the
/// audit found: 照片档案 was offered to volunteers though its route needs a liaison.
/// </summary>
public sealed class HelpCardRoleTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector);
        _ = _bot.Server;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    public static TheoryData<string, string> Cases() => new()
    {
        { "volunteer", "zh-CN" }, { "liaison", "zh-CN" }, { "committee", "zh-CN" },
        { "volunteer", "en-US" }, { "liaison", "en-US" }, { "committee", "en-US" },
    };

    private static UserRoles RolesOf(string role) => role switch
    {
        "volunteer" => new UserRoles(true, false, new HashSet<string>(), "d1"),
        "liaison" => new UserRoles(true, false, new HashSet<string> { "d1" }, "d1"),
        _ => new UserRoles(true, true, new HashSet<string>(), "d1"),
    };

    private static Turn TurnOf(UserRoles roles, Language language, string text = "", string? verb = null) => new()
    {
        User = new UserIdentity("u1", "29:u1", "王芳"),
        TenantId = BotFactory.TenantId,
        ConversationId = "a:personal-u1",
        Kind = ConversationKind.Personal,
        L = Localizer.For(language),
        Roles = roles,
        Text = text,
        Verb = verb,
    };

    [Fact]
    public void HelpCard_Volunteer_DoesNotOfferPhotoArchive()
    {
        var help = _bot.Service<HelpHandler>();
        var text = CardText.Of(help.Menu(TurnOf(RolesOf("volunteer"), Language.ZhCn)).ToJson());

        Assert.DoesNotContain("照片档案", text, StringComparison.Ordinal);
        var handler = _bot.Service<TurnRouter>().Match(TurnOf(RolesOf("liaison"), Language.ZhCn, text: "照片档案"));
        Assert.NotNull(handler);
        Assert.True(RolesOf("liaison").Has(handler.Route.Required));
        Assert.False(RolesOf("volunteer").Has(handler.Route.Required));
    }

    /// <summary>Command words of every text line shaped "**角色**：a · b · c".</summary>
    private static IEnumerable<string> CommandsIn(JsonNode node)
    {
        foreach (var text in Texts(node))
        {
            var colon = text.IndexOfAny(['：', ':']);
            if (!text.StartsWith("**", StringComparison.Ordinal) || colon < 0 || !text.Contains(" · ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var part in text[(colon + 1)..].Split('·', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return part;
            }
        }
    }

    private static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "TextBlock" && o["text"] is JsonValue v)
                {
                    yield return v.GetValue<string>();
                }

                foreach (var (_, child) in o)
                {
                    foreach (var t in Texts(child))
                    {
                        yield return t;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var t in Texts(child))
                    {
                        yield return t;
                    }
                }

                break;
        }
    }

    private static IEnumerable<string> VerbsIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"] is JsonValue v)
                {
                    yield return v.GetValue<string>();
                }

                foreach (var (_, child) in o)
                {
                    foreach (var t in VerbsIn(child))
                    {
                        yield return t;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var t in VerbsIn(child))
                    {
                        yield return t;
                    }
                }

                break;
        }
    }
}
