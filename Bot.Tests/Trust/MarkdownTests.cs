using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Projects;

namespace VolunteerBot.Tests.Trust;

/// <summary>User text in cards shows literally: never a link, never formatting, in both languages.</summary>
public sealed class MarkdownTests
{
    [Theory]
    [InlineData("[核验](https://x)", "\\[核验\\]\\(https://x\\)")]
    [InlineData("**粗体** _斜体_", "\\*\\*粗体\\*\\* \\_斜体\\_")]
    [InlineData("- 列表", "\\- 列表")]
    [InlineData("1. 第一", "1\\. 第一")]
    [InlineData("# 标题", "\\# 标题")]
    [InlineData("<a href=x>y</a>", "\\<a href=x\\>y\\</a\\>")]
    [InlineData("`code`", "\\`code\\`")]
    [InlineData("2026-03-05 垃圾分类", "2026-03-05 垃圾分类")]
    [InlineData("a\\b", "a\\\\b")]
    public void Escape_UserText_BackslashEscapesMarkdown(string input, string expected)
    {
        Assert.Equal(expected, Markdown.Escape(input));
    }

    [Theory]
    [InlineData("[核验](https://x)")]
    [InlineData("**粗体**")]
    [InlineData("\\[x](y)")]
    [InlineData("<https://x>")]
    public void Neutralize_AfterEscape_ChangesNothing(string input)
    {
        var escaped = Markdown.Escape(input);

        Assert.Equal(escaped, Markdown.Neutralize(escaped));
    }

    [Theory]
    [InlineData("[核验](https://x)")]
    [InlineData("\\[核验](https://x)")]
    [InlineData("<https://x>")]
    public void Neutralize_RawLinkText_CannotFormALink(string input)
    {
        var neutral = Markdown.Neutralize(input);

        Assert.DoesNotMatch(@"(?<!\\)(\\\\)*\[", neutral);
        Assert.DoesNotMatch(@"(?<!\\)(\\\\)*<", neutral);
    }

    [Fact]
    public void El_TextAndFacts_NeutralizeLinksEvenWithoutEscape()
    {
        var text = El.Text("见 [核验](https://x)");
        var facts = El.Facts([("[t](https://x)", "[v](https://y)")]);

        Assert.Equal("见 \\[核验\\](https://x)", text["text"]!.GetValue<string>());
        Assert.Equal("\\[t\\](https://x)", facts["facts"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("\\[v\\](https://y)", facts["facts"]![0]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Language.ZhCn)]
    [InlineData(Language.EnUs)]
    public void ProjectDetail_TitlePlaceAndDescriptionWithMarkdown_RenderLiterally(Language language)
    {
        var project = ProjectSamples.Make(ProjectSamples.Local(2026, 5, 10)) with
        {
            Title = "[核验](https://x)",
            Place = "**[地点](https://evil.example)**",
            Description = "- 请点 [这里](https://evil.example)",
            Status = ProjectStatus.Open,
        };

        var card = ProjectCards.Detail(Localizer.For(language), project, new Dictionary<string, string>(), ProjectSamples.Zone,
            ProjectSamples.Local(2026, 5, 1), null, new SignUpCounts(0, 0)).ToJson();

        var texts = Strings(card).ToList();
        Assert.Contains("\\[核验\\]\\(https://x\\)", texts);
        Assert.Contains("\\*\\*\\[地点\\]\\(https://evil.example\\)\\*\\*", texts);
        Assert.Contains("\\- 请点 \\[这里\\]\\(https://evil.example\\)", texts);
        Assert.DoesNotContain(texts, t => System.Text.RegularExpressions.Regex.IsMatch(t, @"(?<!\\)\[[^\]]*(?<!\\)\]\("));
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]!.GetValue<string>()],
        JsonObject o when o["type"]?.GetValue<string>() == "FactSet" => o["facts"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>() }),
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        _ => [],
    };
}
