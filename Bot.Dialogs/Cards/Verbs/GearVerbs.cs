namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of gear (装备): cards send them, handlers route on them.</summary>
public static class GearVerbs
{
    public const string Decline = "gear.decline";
    public const string HandOver = "gear.handover";
    public const string InventoryShow = "gear.inventory.show";
    public const string ItemAdd = "gear.item.add";
    public const string ItemAdjust = "gear.item.adjust";
    public const string ReceiveOpen = "gear.receive.open";
    public const string ReceiveSubmit = "gear.receive.submit";
    public const string RequestCancel = "gear.request.cancel";
    public const string RequestOpen = "gear.request.open";
    public const string RequestSubmit = "gear.request.submit";
    public const string ReturnReport = "gear.return.report";
    public const string ReturnShow = "gear.return.show";
}
