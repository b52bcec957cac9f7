using System.Globalization;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Overdue gear (R4): the holder's nudge with 归还 and 申请延期, the liaisons' notice, the extension form and the committee's note.</summary>
public static class GearNudgeCards
{
    public const string ExtendOpenVerb = "gear.extend.open";
    public const string ExtendSubmitVerb = "gear.extend.submit";
    public const string NewDue = "newDue";
    public const string Reason = "reason";
    public const int ReasonMax = 100;

    private static string D(Localizer L, DateOnly d) => L.Date(d);

    public static AdaptiveCard HolderNudge(Localizer L, OutstandingGear o, string? divisionName, Func<DateTimeOffset, string> format) => new AdaptiveCard()
        .Title(L["gearNudge.holder.title"])
        .Text(L.Format("gearNudge.holder.text", PointsCards.Md(o.Loan.ProjectTitle), D(L, o.DueOn)))
        .Add(GearCards.LoanSummary(L, o.Loan, divisionName, format, o))
        .Action(Act.Execute(L["gearNudge.return"], GearVerbs.ReturnReport, Act.Data((GearCards.LoanId, o.Loan.Id)), style: "positive", validate: false))
        .Action(Act.Execute(L["gearNudge.extend"], ExtendOpenVerb, Act.Data((GearCards.LoanId, o.Loan.Id)), validate: false));

    public static AdaptiveCard LiaisonNotice(Localizer L, OutstandingGear o, string? divisionName, int workingDaysLate, Func<DateTimeOffset, string> format) => new AdaptiveCard()
        .Title(L["gearNudge.liaison.title"])
        .Text(L.Format("gearNudge.liaison.text", PointsCards.Md(o.Loan.RequestedByName), PointsCards.Md(o.Loan.ProjectTitle), D(L, o.DueOn), workingDaysLate))
        .Add(GearCards.LoanSummary(L, o.Loan, divisionName, format, o))
        .Action(Act.Execute(L["gearNudge.openMine"], GearVerbs.ReturnShow, validate: false));

    public static AdaptiveCard ExtendForm(Localizer L, OutstandingGear o, string? newDue, string? reason, IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        string? Err(string k) => errors.TryGetValue(k, out var e) ? e : null;
        return new AdaptiveCard()
            .Title(L["gearNudge.extend.title"])
            .Text(L.Format("gearNudge.extend.intro", PointsCards.Md(o.Loan.ProjectTitle), D(L, o.DueOn), GearRules.MaxExtensionDays))
            .Add(El.DateInput(NewDue, L["gearNudge.extend.newDue"], newDue, required: true, error: Err(NewDue)))
            .Add(El.TextInput(Reason, L["gearNudge.extend.reason"], reason, L["gearNudge.extend.reasonHint"], required: true, maxLength: ReasonMax, error: Err(Reason)))
            .Action(Act.Execute(L["gearNudge.extend.submit"], ExtendSubmitVerb, Act.Data((GearCards.LoanId, o.Loan.Id)), style: "positive"));
    }

    public static AdaptiveCard Extended(Localizer L, GearLoan loan, DateOnly newDue) => new AdaptiveCard()
        .Title(L["gearNudge.extend.doneTitle"])
        .Text(L.Format("gearNudge.extend.done", PointsCards.Md(loan.ProjectTitle), D(L, newDue)));

    public static AdaptiveCard ExtendedForCommittee(Localizer L, GearLoan loan, string? divisionName, DateOnly newDue, Func<DateTimeOffset, string> format) => new AdaptiveCard()
        .Title(L["gearNudge.committee.extendedTitle"])
        .Text(L.Format("gearNudge.committee.extended", PointsCards.Md(loan.ExtendedByName ?? loan.RequestedByName), PointsCards.Md(loan.ProjectTitle), D(L, newDue), PointsCards.Md(loan.ExtensionReason ?? "")))
        .Add(GearCards.LoanSummary(L, loan, divisionName, format))
        .Action(Act.Execute(L["gearNudge.inventory"], GearVerbs.InventoryShow, validate: false));

    /// <summary>The overdue summary at the top of the committee's 装备库存.</summary>
    public static System.Text.Json.Nodes.JsonObject OverdueSummary(Localizer L, IReadOnlyList<(OutstandingGear Status, string? Division)> overdue) =>
        overdue.Count == 0
            ? El.Text(L["gearNudge.inventory.noneOverdue"], subtle: true)
            : El.Container(
            [
                El.Text(L.Format("gearNudge.inventory.overdue", overdue.Count), color: "Attention", bold: true),
                El.Facts(overdue.Select(x => (L.Joined(x.Division ?? "", x.Status.Loan.RequestedByName), L.Format("gearNudge.inventory.line", x.Status.Loan.ProjectTitle, D(L, x.Status.DueOn), GearCards.LinesText(L, x.Status.Loan))))),
            ]);
}
