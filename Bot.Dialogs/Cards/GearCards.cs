using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Team gear (R4): the committee's inventory, the liaison's request and return cards, the receipt form.</summary>
public static class GearCards
{
    public const string LoanId = "loanId";
    public const string ProjectId = "projectId";
    public const string ItemId = "itemId";
    public const string Name = "name";
    public const string Count = "count";
    public const string Total = "total";
    public const string Note = "note";
    public const string QuantityPrefix = "qty.";
    public const string LostPrefix = "lost.";
    public const string DamagedPrefix = "damaged.";

    /// <summary>Errors by field id, shown under the field.</summary>
    public sealed class Errors : Dictionary<string, string>
    {
        public string? For(string key) => TryGetValue(key, out var e) ? e : null;
    }

    public static string StatusName(Localizer L, GearLoanStatus s) => L["gear.status." + s.ToString()];

    public static string LinesText(Localizer L, GearLoan loan) =>
        string.Join(L["gear.listSeparator"], loan.Lines.Select(l => L.Format("gear.line", l.ItemName, l.Quantity)));

    /// <summary>One loan: activity, what, who, when, state (and what was lost or damaged).</summary>
    public static JsonObject LoanSummary(Localizer L, GearLoan loan, string? divisionName, Func<DateTimeOffset, string> format, OutstandingGear? status = null)
    {
        var facts = new List<(string, string)>
        {
            (L["gear.activity"], loan.ProjectTitle),
            (L["gear.items"], LinesText(L, loan)),
            (L["gear.to"], divisionName is null ? loan.RequestedByName : $"{loan.RequestedByName}（{divisionName}）"),
            (L["gear.requestedAt"], format(loan.RequestedAt)),
            (L["gear.state"], StatusName(L, loan.Status)),
        };
        if (loan.HandedOverAt is { } handed)
        {
            facts.Add((L["gear.handedOverAt"], $"{format(handed)} {loan.HandedOverByName}"));
        }

        if (status is not null)
        {
            facts.Add((L["gear.dueOn"], L.Date(status.DueOn)));
        }

        if (loan.Status == GearLoanStatus.Returned && loan.Lines.Any(l => l.Lost + l.Damaged > 0))
        {
            facts.Add((L["gear.losses"], string.Join(L["gear.listSeparator"], loan.Lines.Where(l => l.Lost + l.Damaged > 0)
                .Select(l => L.Format("gear.lossLine", l.ItemName, l.Lost, l.Damaged)))));
        }

        if (!string.IsNullOrEmpty(loan.Note))
        {
            facts.Add((L["gear.note"], loan.Note));
        }

        var items = new List<JsonObject?> { El.Facts(facts) };
        if (status?.IsOverdue == true)
        {
            items.Insert(0, El.Text("⚠ " + L["gear.overdue"], color: "Attention", bold: true));
        }

        return El.Container(items, separator: true);
    }

    public static AdaptiveCard Inventory(Localizer L, IReadOnlyList<GearItem> items, IReadOnlyList<(GearLoan Loan, OutstandingGear? Status, string? Division)> open,
        Func<DateTimeOffset, string> format, string? notice = null, Errors? errors = null, Conversation.CardData? typed = null)
    {
        errors ??= [];
        var card = new AdaptiveCard().Title(L["gear.inventory.title"]);
        if (notice is not null)
        {
            card.Add(El.Text(notice, color: "Good", bold: true));
        }

        card.Add(items.Count == 0
            ? El.Text(L["gear.inventory.empty"], subtle: true)
            : El.Facts(items.Select(i => (Markdown.Escape(i.Name), L.Format("gear.inventory.counts", i.Total, i.Available, i.Out)))));

        card.Add(GearNudgeCards.OverdueSummary(L, [.. open.Where(o => o.Status?.IsOverdue == true).Select(o => (o.Status!, o.Division))]));
        card.Add(El.Text(L["gear.inventory.open"], bold: true));
        if (open.Count == 0)
        {
            card.Add(El.Text(L["gear.inventory.noOpen"], subtle: true));
        }

        foreach (var (loan, status, division) in open)
        {
            card.Add(LoanSummary(L, loan, division, format, status));
            var data = Act.Data((LoanId, loan.Id));
            card.Add(loan.Status switch
            {
                GearLoanStatus.Requested => El.Actions(
                    Act.Execute(L["gear.handOver"], GearVerbs.HandOver, data, style: "positive", validate: false),
                    Act.Execute(L["gear.decline"], GearVerbs.Decline, Act.Data((LoanId, loan.Id)), validate: false)),
                _ => El.Actions(Act.Execute(L["gear.receive"], GearVerbs.ReceiveOpen, data, validate: false)),
            });
        }

        // The two small forms sit inline (not in Action.ShowCard) so a message under a field is seen at once.
        // Fields are not marked required on the client: each button would otherwise demand the other form's fields.
        if (errors.Count > 0)
        {
            card.Add(El.Error(L["gear.error.checkBelow"]));
        }

        card.Add(El.Container([
            El.Text(L["gear.item.addTitle"], bold: true),
            El.TextInput(Name, L["gear.item.name"], typed?.Raw(Name), L["gear.item.namePlaceholder"], maxLength: GearInput.NameMax, error: errors.For(Name)),
            El.NumberInput(Count, L["gear.item.count"], typed?.Raw(Count), min: 0, max: GearInput.CountMax, error: errors.For(Count)),
            El.Actions(Act.Execute(L["gear.item.add"], GearVerbs.ItemAdd)),
        ], separator: true));
        if (items.Count > 0)
        {
            card.Add(El.Container([
                El.Text(L["gear.item.adjustTitle"], bold: true),
                El.Choices(ItemId, L["gear.item.which"], items.Select(i => (i.Name, i.Id)), typed?.Raw(ItemId), error: errors.For(ItemId)),
                El.NumberInput(Total, L["gear.item.newTotal"], typed?.Raw(Total), min: 0, max: GearInput.CountMax, error: errors.For(Total)),
                El.Actions(Act.Execute(L["gear.item.adjust"], GearVerbs.ItemAdjust)),
            ], separator: true));
        }

        card.Action(Act.Execute(L["gear.refresh"], GearVerbs.InventoryShow, validate: false));
        return card;
    }

    public static AdaptiveCard RequestForm(Localizer L, string loanId, IReadOnlyList<Project> projects, IReadOnlyList<GearItem> items,
        Func<Project, string> projectLabel, Conversation.CardData? typed = null, Errors? errors = null, string? top = null)
    {
        errors ??= [];
        var card = new AdaptiveCard().Title(L["gear.request.title"]).Text(L["gear.request.intro"], subtle: true);
        if (top is not null)
        {
            card.Add(El.Error(top));
        }

        if (projects.Count == 0 || items.Count == 0)
        {
            return card.Text(projects.Count == 0 ? L["gear.request.noProjects"] : L["gear.request.noItems"]);
        }

        card.Add(El.Choices(ProjectId, L["gear.activity"], projects.Select(p => (projectLabel(p), p.Id)), typed?.Raw(ProjectId), required: true, error: errors.For(ProjectId)));
        foreach (var item in items)
        {
            var key = QuantityPrefix + item.Id;
            card.Add(El.NumberInput(key, L.Format("gear.request.quantity", item.Name, item.Available), typed?.Raw(key), min: 0, max: item.Available, error: errors.For(key)));
        }

        card.Add(El.TextInput(Note, L["gear.note"], typed?.Raw(Note), maxLength: GearInput.NoteMax, error: errors.For(Note)));
        return card.Action(Act.Execute(L["gear.request.submit"], GearVerbs.RequestSubmit, Act.Data((LoanId, loanId)), style: "positive"));
    }

    /// <summary>A liaison's own loans: what is reserved (may withdraw), out (report it returned), awaiting the committee.</summary>
    public static AdaptiveCard Mine(Localizer L, IReadOnlyList<OutstandingGear> loans, IReadOnlyList<GearLoan> requested, Func<DateTimeOffset, string> format, string? notice = null)
    {
        var card = new AdaptiveCard().Title(L["gear.mine.title"]);
        if (notice is not null)
        {
            card.Add(El.Text(notice, color: "Good", bold: true));
        }

        if (loans.Count == 0 && requested.Count == 0)
        {
            card.Text(L["gear.mine.none"], subtle: true);
        }

        foreach (var loan in requested)
        {
            card.Add(LoanSummary(L, loan, null, format));
            card.Add(El.Actions(Act.Execute(L["gear.cancel"], GearVerbs.RequestCancel, Act.Data((LoanId, loan.Id)), validate: false)));
        }

        foreach (var o in loans)
        {
            card.Add(LoanSummary(L, o.Loan, null, format, o));
            if (o.Loan.Status == GearLoanStatus.HandedOver)
            {
                card.Add(El.Actions(Act.Execute(L["gear.reportReturn"], GearVerbs.ReturnReport, Act.Data((LoanId, o.Loan.Id)), style: "positive", validate: false)));
            }
        }

        return card.Action(Act.Execute(L["gear.request.title"], GearVerbs.RequestOpen, validate: false));
    }

    public static AdaptiveCard ReceiveForm(Localizer L, GearLoan loan, string? division, Func<DateTimeOffset, string> format, Conversation.CardData? typed = null, Errors? errors = null)
    {
        errors ??= [];
        var card = new AdaptiveCard().Title(L["gear.receive.title"]).Add(LoanSummary(L, loan, division, format)).Text(L["gear.receive.intro"], subtle: true);
        foreach (var line in loan.Lines)
        {
            var lost = LostPrefix + line.ItemId;
            var damaged = DamagedPrefix + line.ItemId;
            card.Add(El.Text(L.Format("gear.line", line.ItemName, line.Quantity), bold: true));
            card.Add(El.Columns(
                El.Column("stretch", El.NumberInput(lost, L["gear.receive.lost"], typed?.Raw(lost) is { Length: > 0 } l ? l : "0", min: 0, max: line.Quantity, error: errors.For(lost))),
                El.Column("stretch", El.NumberInput(damaged, L["gear.receive.damaged"], typed?.Raw(damaged) is { Length: > 0 } d ? d : "0", min: 0, max: line.Quantity, error: errors.For(damaged)))));
        }

        card.Add(El.TextInput(Note, L["gear.note"], typed?.Raw(Note), maxLength: GearInput.NoteMax, error: errors.For(Note)));
        return card.Action(Act.Execute(L["gear.receive.submit"], GearVerbs.ReceiveSubmit, Act.Data((LoanId, loan.Id)), style: "positive"));
    }

    /// <summary>A loan after a step, with no buttons left to press twice.</summary>
    public static AdaptiveCard Done(Localizer L, string headline, GearLoan loan, string? division, Func<DateTimeOffset, string> format, bool good = true) =>
        new AdaptiveCard()
            .Add(El.Text((good ? "✅ " : "") + headline, bold: true, size: "Medium", color: good ? "Good" : "Attention"))
            .Add(LoanSummary(L, loan, division, format))
            .Action(Act.Execute(L["gear.refresh"], GearVerbs.InventoryShow, validate: false));

    /// <summary>The committee's note that a request was cancelled: the headline and the loan, nothing to act on.</summary>
    public static AdaptiveCard Cancelled(Localizer L, string headline, GearLoan loan, string? division, Func<DateTimeOffset, string> format) =>
        new AdaptiveCard().Title(headline).Add(LoanSummary(L, loan, division, format));

    /// <summary>What the committee receives for a new request or a reported return.</summary>
    public static AdaptiveCard ForCommittee(Localizer L, string headline, GearLoan loan, string? division, Func<DateTimeOffset, string> format)
    {
        var card = new AdaptiveCard().Title(headline).Add(LoanSummary(L, loan, division, format));
        var data = Act.Data((LoanId, loan.Id));
        return loan.Status == GearLoanStatus.Requested
            ? card.Action(Act.Execute(L["gear.handOver"], GearVerbs.HandOver, data, style: "positive", validate: false))
                .Action(Act.Execute(L["gear.decline"], GearVerbs.Decline, Act.Data((LoanId, loan.Id)), validate: false))
            : card.Action(Act.Execute(L["gear.receive"], GearVerbs.ReceiveOpen, data, validate: false));
    }

    /// <summary>The liaison's notice that their loan changed (handed over, returned…), with the way to 我的物资.</summary>
    public static AdaptiveCard LiaisonNotice(Localizer L, string titleKey, GearLoan loan, string? divisionName, Func<DateTimeOffset, string> format) =>
        new AdaptiveCard().Title(L[titleKey]).Add(LoanSummary(L, loan, divisionName, format))
            .Action(Act.Execute(L["gear.mine.title"], GearVerbs.ReturnShow, validate: false));
}

/// <summary>Limits for gear inputs, checked on the server.</summary>
public static class GearInput
{
    public const int NameMax = 20;
    public const int NoteMax = 200;
    public const int CountMax = 10_000;

    /// <summary>A whole number in [0, max], or the message for the field.</summary>
    public static (int? Value, string? Error) Count(Localizer L, Conversation.CardData data, string key, int max, bool required)
    {
        var raw = data.Get(key);
        if (raw is null)
        {
            return required ? (null, L["gear.error.required"]) : (0, null);
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
        {
            return (null, L["gear.error.wholeNumber"]);
        }

        return n > max ? (null, L.Format("gear.error.max", max)) : (n, null);
    }
}
