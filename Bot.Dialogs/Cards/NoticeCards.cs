namespace VolunteerBot.Dialogs.Cards;

/// <summary>
/// The short answer card: a title and, when given, one line under it — not found, not possible now, nothing to show.
/// Handlers say what; this says how it looks.
/// </summary>
public static class NoticeCards
{
    public static AdaptiveCard Notice(string title, string? text = null)
    {
        var card = new AdaptiveCard().Title(title);
        return text is null ? card : card.Text(text);
    }

    /// <summary>One quiet line without a title (a card whose content has gone, e.g. an upload batch that expired).</summary>
    public static AdaptiveCard Line(string text, bool subtle = true) => new AdaptiveCard().Add(El.Text(text, subtle: subtle));
}
