using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Walk;

/// <summary>Found in the Playground walkthrough: tapping 审核 on 待确认时长 failed with "系统暂时无法处理您的请求".</summary>
public sealed class CardActionDataTests
{
    [Fact]
    public void Execute_SameDataForTwoActions_EachActionCarriesTheData()
    {
        var data = Act.Data(("recordId", "r1"));

        var confirm = Act.Execute("确认", "a.confirm", data);
        var reject = Act.Execute("不予确认", "a.reject", data);

        Assert.Equal("r1", confirm["data"]!["recordId"]!.GetValue<string>());
        Assert.Equal("r1", reject["data"]!["recordId"]!.GetValue<string>());
    }

    [Fact]
    public void HoursReview_PendingCommunityRecord_BuildsConfirmAndRejectWithTheRecordId()
    {
        var record = WalkRecords.LiuYangCommunity(RecordStatus.Pending);

        var card = HoursAdminCards.Review(Localizer.For(Language.ZhCn), record, CardData.Empty).ToJson();

        var actions = card["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal(["确认", "不予确认"], actions.Select(a => a["title"]!.GetValue<string>()));
        Assert.All(actions, a => Assert.Equal(record.Id, a["data"]!["recordId"]!.GetValue<string>()));
        Assert.Contains("刘洋", CardText.Of(card), StringComparison.Ordinal);
    }
}
