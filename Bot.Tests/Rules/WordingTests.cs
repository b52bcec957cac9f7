using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Tests.Rules;

/// <summary>Issue 18, item 6: a required field shows one asterisk — Teams draws it for <c>isRequired</c>, so labels carry none.</summary>
public sealed class WordingTests
{
    public static TheoryData<string> Languages() => new() { "zh-CN", "en-US" };

    private static Localizer L(string code) => Localizer.For(code == "en-US" ? Language.EnUs : Language.ZhCn);

    [Theory]
    [MemberData(nameof(Languages))]
    public void RequiredInputs_RegistrationCommunityFeedback_LabelsCarryNoAsteriskOfTheirOwn(string code)
    {
        var divisions = new[] { new Division { Id = "d1", Name = "中小企业处" } };
        var cards = new[]
        {
            TeamRegistrationCard.Build(L(code), divisions, CardData.Empty, edit: false).ToJson(),
            TeamProfileCards.CommunityForm(L(code), CardData.Empty).ToJson(),
            TeamFeedbackCards.Form(L(code), FeedbackKind.Suggestion, "f1", "").ToJson(),
        };

        var required = cards.SelectMany(Inputs).Where(i => i["isRequired"]?.GetValue<bool>() == true).ToList();

        Assert.NotEmpty(required);
        Assert.All(required, i => Assert.False(i["label"]?.GetValue<string>().TrimEnd().EndsWith('*') ?? false, $"label of {i["id"]} ends with '*'"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void TextCatalogue_NoLabelEndsWithAnAsterisk(string code)
    {
        var language = code == "en-US" ? Language.EnUs : Language.ZhCn;
        var starred = TextCatalog.Shared.Keys(language).Where(k => TextCatalog.Shared.Get(language, k).TrimEnd().EndsWith(" *", StringComparison.Ordinal)).ToList();

        Assert.Empty(starred);
    }

    private static IEnumerable<JsonObject> Inputs(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            if (o["type"]?.GetValue<string>() is { } t && t.StartsWith("Input.", StringComparison.Ordinal))
            {
                yield return o;
            }

            foreach (var (_, child) in o)
            {
                foreach (var i in Inputs(child))
                {
                    yield return i;
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                foreach (var i in Inputs(child))
                {
                    yield return i;
                }
            }
        }
    }
}
