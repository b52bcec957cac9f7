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
}
