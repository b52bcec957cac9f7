using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>导出我的数据 and 注销 (personal data): the cards a volunteer and the committee see.</summary>
public static class PrivacyCards
{
    /// <summary>The export is ready: how many rows, until when the link works, and the download button.</summary>
    public static AdaptiveCard ExportReady(Localizer L, int rows, string expires, string url) =>
        new AdaptiveCard()
            .Title(L["privacy.export.title"])
            .Text(L.Format("privacy.export.ready", rows, expires))
            .Action(Act.OpenUrl(L["privacy.export.download"], url));

    /// <summary>注销志愿者: one titled note (not registered, already asked, asked, already erased, erased, the leaver's last message).</summary>
    public static AdaptiveCard EraseNote(Localizer L, string text) =>
        new AdaptiveCard().Title(L["privacy.erase.title"]).Text(text);

    /// <summary>What leaving does, and the button that asks for it.</summary>
    public static AdaptiveCard EraseExplain(Localizer L) =>
        EraseNote(L, L["privacy.erase.explain"])
            .Action(Act.Execute(L["privacy.erase.request"], PrivacyVerbs.EraseRequest, style: "destructive"));

    /// <summary>The committee's card: who asked, what confirming does, one button.</summary>
    public static AdaptiveCard EraseReview(Localizer L, string aadObjectId, string name, string division, string when) => new AdaptiveCard()
        .Title(L.Format("privacy.erase.reviewTitle", Markdown.Escape(name)))
        .Text(L.Format("privacy.erase.reviewBody", Markdown.Escape(name), Markdown.Escape(division), when))
        .Action(Act.Execute(L["privacy.erase.confirm"], PrivacyVerbs.EraseConfirm, Act.Data((PrivacyVerbs.VolunteerKey, aadObjectId)), style: "destructive"));

    /// <summary>注销申请: the pending requests (at most ten), each with who asked, when, and a confirm button.</summary>
    public static AdaptiveCard EraseRequests(Localizer L, IReadOnlyList<(string Target, string ActorName, string When)> pending)
    {
        var card = new AdaptiveCard().Title(L["privacy.erase.list"]);
        if (pending.Count == 0)
        {
            card.Text(L["privacy.erase.none"]);
        }

        foreach (var e in pending.Take(10))
        {
            card.Add(El.Container(
            [
                El.Text(L.Joined(Markdown.Escape(e.ActorName), e.When), bold: true),
                El.Actions(Act.Execute(L["privacy.erase.confirm"], PrivacyVerbs.EraseConfirm, Act.Data((PrivacyVerbs.VolunteerKey, e.Target)), style: "destructive")),
            ], separator: true));
        }

        return card;
    }
}
