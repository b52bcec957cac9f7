using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Gear;

/// <summary>Gear checkout and return through the real HTTP pipeline, and the role and division checks on every step.</summary>
public sealed class GearEndToEndTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private GearScenario _s = null!;

    public async Task InitializeAsync() => _s = await GearScenario.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private IGearStore Store => _s.Bot.Service<IGearStore>();

    [Fact]
    public async Task CheckoutAndReturn_ThroughPipeline_RecordsEachStepAndInventory()
    {
        var project = await _s.ProjectAsync(_s.Energy.Id, DateTimeOffset.UtcNow.AddDays(2));
        var added = await _s.ExecuteAsync(_s.Committee, GearVerbs.ItemAdd, new Dictionary<string, string> { ["name"] = "马甲", ["count"] = "10" });
        var vest = Assert.Single(await Store.ListItemsAsync(_ct));

        var form = await _s.ExecuteAsync(_s.Liaison, GearVerbs.RequestOpen);
        var loanId = "0123456789ab";
        var requested = await _s.ExecuteAsync(_s.Liaison, GearVerbs.RequestSubmit, new Dictionary<string, string>
        {
            [GearCards.LoanId] = loanId, [GearCards.ProjectId] = project.Id, [GearCards.QuantityPrefix + vest.Id] = "4", [GearCards.Note] = "周六上午领取",
        });
        var handed = await _s.ExecuteAsync(_s.Committee, GearVerbs.HandOver, new { loanId });
        var reported = await _s.ExecuteAsync(_s.Liaison, GearVerbs.ReturnReport, new { loanId });
        var received = await _s.ExecuteAsync(_s.Committee, GearVerbs.ReceiveSubmit, new Dictionary<string, string>
        {
            [GearCards.LoanId] = loanId, [GearCards.LostPrefix + vest.Id] = "1", [GearCards.DamagedPrefix + vest.Id] = "0",
        });

        Assert.Contains("已新增装备“马甲”，共 10 件", CardText.Of(added), StringComparison.Ordinal);
        Assert.Contains("工业节能宣传进企业", CardText.Of(form), StringComparison.Ordinal);
        Assert.Contains("领取申请已提交", CardText.Of(requested), StringComparison.Ordinal);
        Assert.Contains("已交付领取", CardText.Of(handed), StringComparison.Ordinal);
        Assert.Contains("已登记归还", CardText.Of(reported), StringComparison.Ordinal);
        Assert.Contains("已确认归还销号", CardText.Of(received), StringComparison.Ordinal);
        var loan = await Store.GetLoanAsync(loanId, _ct);
        Assert.Equal(GearLoanStatus.Returned, loan!.Status);
        Assert.Equal(_s.Liaison.AadObjectId, loan.RequestedByAadObjectId);
        Assert.Equal(BotFactory.CommitteeId, loan.HandedOverByAadObjectId);
        Assert.Equal(project.Id, loan.ProjectId);
        Assert.Equal(new GearLine(vest.Id, "马甲", 4, 3, 1, 0), loan.Lines[0]);
        var after = await Store.GetItemAsync(vest.Id, _ct);
        Assert.Equal(9, after!.Total);
        Assert.Equal(9, after.Available);
        // The committee heard of the request and the return; the liaison of the hand-over and the closing.
        await _s.Connector.WaitForAsync(c => c.Count(x => x.CardText.Contains("新的装备领取申请", StringComparison.Ordinal)) == 1
            && c.Any(x => x.CardText.Contains("装备已交付", StringComparison.Ordinal))
            && c.Any(x => x.CardText.Contains("装备已归还，请确认销号", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RequestSubmit_MoreThanInStore_KeepsValuesAndSaysHowManyAreLeft()
    {
        var project = await _s.ProjectAsync(_s.Energy.Id, DateTimeOffset.UtcNow.AddDays(2));
        var vest = (await Store.AddItemAsync("马甲", 2, DateTimeOffset.UtcNow, _ct)).Item!;

        var card = await _s.ExecuteAsync(_s.Liaison, GearVerbs.RequestSubmit, new Dictionary<string, string>
        {
            [GearCards.LoanId] = "aaaaaaaaaaaa", [GearCards.ProjectId] = project.Id, [GearCards.QuantityPrefix + vest.Id] = "3",
        });

        var text = CardText.Of(card);
        Assert.Contains("库存不足，目前在库仅 2 件", text, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"3\"", text, StringComparison.Ordinal);
        Assert.Empty(await Store.ListOpenAsync(_ct));
    }

    [Fact]
    public async Task EveryGearAction_WithoutTheRole_IsRefusedAndChangesNothing()
    {
        var project = await _s.ProjectAsync(_s.Energy.Id, DateTimeOffset.UtcNow.AddDays(2));
        var vest = (await Store.AddItemAsync("马甲", 5, DateTimeOffset.UtcNow, _ct)).Item!;
        var loan = (await Store.RequestAsync(new GearLoan
        {
            Id = "bbbbbbbbbbbb", ProjectId = project.Id, ProjectTitle = project.Title, ActivityEnd = project.End, DivisionId = _s.Energy.Id,
            Lines = [new GearLine(vest.Id, "马甲", 2)], Status = GearLoanStatus.Requested, RequestedByAadObjectId = _s.Liaison.AadObjectId,
            RequestedByName = "李强", RequestedAt = DateTimeOffset.UtcNow,
        }, _ct)).After!;
        var data = new Dictionary<string, string> { [GearCards.LoanId] = loan.Id, ["name"] = "旗帜", ["count"] = "3", [GearCards.ItemId] = vest.Id, ["total"] = "1" };

        // Committee-only steps, tried by a liaison and a volunteer.
        foreach (var verb in new[] { GearVerbs.InventoryShow, GearVerbs.ItemAdd, GearVerbs.ItemAdjust, GearVerbs.HandOver, GearVerbs.Decline, GearVerbs.ReceiveOpen, GearVerbs.ReceiveSubmit })
        {
            Assert.Contains("仅限机关党委", CardText.Of(await _s.ExecuteAsync(_s.Liaison, verb, data)), StringComparison.Ordinal);
            Assert.Contains("仅限机关党委", CardText.Of(await _s.ExecuteAsync(_s.Volunteer, verb, data)), StringComparison.Ordinal);
        }

        // Liaison steps, tried by a volunteer.
        foreach (var verb in new[] { GearVerbs.RequestOpen, GearVerbs.RequestSubmit, GearVerbs.ReturnShow, GearVerbs.ReturnReport, GearVerbs.RequestCancel })
        {
            Assert.Contains("仅限处室联络员", CardText.Of(await _s.ExecuteAsync(_s.Volunteer, verb, data)), StringComparison.Ordinal);
        }

        // Another division's liaison: may not withdraw, return or request for this division's activity.
        Assert.Contains("只能为本处室", CardText.Of(await _s.ExecuteAsync(_s.OtherLiaison, GearVerbs.RequestCancel, data)), StringComparison.Ordinal);
        Assert.Contains("只能为本处室", CardText.Of(await _s.ExecuteAsync(_s.OtherLiaison, GearVerbs.ReturnReport, data)), StringComparison.Ordinal);
        Assert.Contains("只能为本处室", CardText.Of(await _s.ExecuteAsync(_s.OtherLiaison, GearVerbs.RequestSubmit, new Dictionary<string, string>
        {
            [GearCards.LoanId] = "cccccccccccc", [GearCards.ProjectId] = project.Id, [GearCards.QuantityPrefix + vest.Id] = "1",
        })), StringComparison.Ordinal);

        var item = await Store.GetItemAsync(vest.Id, _ct);
        Assert.Equal(5, item!.Total);
        Assert.Equal(3, item.Available);
        Assert.Single(await Store.ListItemsAsync(_ct));
        Assert.Equal(GearLoanStatus.Requested, (await Store.GetLoanAsync(loan.Id, _ct))!.Status);
    }
}
