using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Gear;

/// <summary>
/// 装备库存 / gear inventory (committee): the counts, the open requests and loans with their next step, and forms to
/// add a kind of gear or set its count.
/// </summary>
public sealed class GearInventoryHandler(GearContext gear) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["装备库存", "装备管理", "gear inventory", "gear"],
        GearVerbs.InventoryShow, GearVerbs.ItemAdd, GearVerbs.ItemAdjust).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        string? notice = null;
        var errors = new GearCards.Errors();
        if (turn.Verb == GearVerbs.ItemAdd)
        {
            notice = await AddAsync(L, turn.Data, errors, cancellationToken).ConfigureAwait(false);
        }
        else if (turn.Verb == GearVerbs.ItemAdjust)
        {
            notice = await AdjustAsync(L, turn.Data, errors, cancellationToken).ConfigureAwait(false);
        }

        var card = await CardAsync(gear, L, notice, errors, errors.Count > 0 ? turn.Data : null, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(card);
    }

    internal static async Task<AdaptiveCard> CardAsync(GearContext gear, Localizer L, string? notice, GearCards.Errors? errors, CardData? typed, CancellationToken ct)
    {
        var items = await gear.Store.ListItemsAsync(ct).ConfigureAwait(false);
        var open = await gear.Store.ListOpenAsync(ct).ConfigureAwait(false);
        var names = await gear.DivisionNamesAsync(ct).ConfigureAwait(false);
        var rows = open
            .Select(l => (Loan: l, Status: l.IsOut ? gear.Assess(l) : null, Division: names(l.DivisionId)))
            .OrderByDescending(r => r.Status?.IsOverdue == true).ThenBy(r => r.Loan.RequestedAt)
            .ToList();
        return GearCards.Inventory(L, items, rows, gear.Format(L), notice, errors, typed);
    }

    private async Task<string?> AddAsync(Localizer L, CardData data, GearCards.Errors errors, CancellationToken ct)
    {
        var name = data.Get(GearCards.Name);
        if (name is null)
        {
            errors[GearCards.Name] = L["gear.error.required"];
        }
        else if (name.Length > GearInput.NameMax || name.Any(char.IsControl))
        {
            errors[GearCards.Name] = L.Format("gear.error.nameTooLong", GearInput.NameMax);
        }

        var (count, countError) = GearInput.Count(L, data, GearCards.Count, GearInput.CountMax, required: true);
        if (countError is not null)
        {
            errors[GearCards.Count] = countError;
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var added = await gear.Store.AddItemAsync(name!, count!.Value, gear.Now, ct).ConfigureAwait(false);
        if (added.Error == GearItemError.NameTaken)
        {
            errors[GearCards.Name] = L.Format("gear.error.nameTaken", added.Item!.Name);
            return null;
        }

        return L.Format("gear.item.added", added.Item!.Name, added.Item.Total);
    }

    private async Task<string?> AdjustAsync(Localizer L, CardData data, GearCards.Errors errors, CancellationToken ct)
    {
        var itemId = data.Get(GearCards.ItemId);
        if (itemId is null)
        {
            errors[GearCards.ItemId] = L["gear.error.chooseItem"];
        }

        var (total, totalError) = GearInput.Count(L, data, GearCards.Total, GearInput.CountMax, required: true);
        if (totalError is not null)
        {
            errors[GearCards.Total] = totalError;
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var change = await gear.Store.SetTotalAsync(itemId!, total!.Value, gear.Now, ct).ConfigureAwait(false);
        switch (change.Error)
        {
            case GearItemError.NotFound:
                errors[GearCards.ItemId] = L["gear.error.chooseItem"];
                return null;
            case GearItemError.BelowOut:
                errors[GearCards.Total] = L.Format("gear.error.belowOut", change.Item!.Out);
                return null;
            default:
                return L.Format("gear.item.adjusted", change.Item!.Name, change.Item.Total, change.Item.Available);
        }
    }
}
