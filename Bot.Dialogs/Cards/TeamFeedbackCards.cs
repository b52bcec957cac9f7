using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Opinions, suggestions and requests for help (R12): the form, the committee's card and the reply.</summary>
public static class TeamFeedbackCards
{
    public const string KindKey = "kind";
    public const string SuggestionKind = "suggestion";
    public const string HelpKind = "help";
    public const string IdKey = "feedbackId";
    public const string VolunteerKey = "volunteer";
    public const string TextKey = "text";
    public const string ReplyKey = "reply";

    public static string KindCode(FeedbackKind kind) => kind == FeedbackKind.HelpRequest ? HelpKind : SuggestionKind;

    public static string KindName(Localizer L, FeedbackKind kind) =>
        kind == FeedbackKind.HelpRequest ? L["team.feedback.kindHelp"] : L["team.feedback.kindSuggestion"];

    public static AdaptiveCard Form(Localizer L, FeedbackKind kind, string id, string text, string? error = null)
    {
        var help = kind == FeedbackKind.HelpRequest;
        return new AdaptiveCard()
            .Title(help ? L["team.feedback.helpTitle"] : L["team.feedback.suggestionTitle"])
            .Text(help ? L["team.feedback.helpIntro"] : L["team.feedback.suggestionIntro"], subtle: true)
            .Add(El.TextInput(TextKey, L["team.feedback.text"], text, required: true, maxLength: TeamInput.TextMax, multiline: true, error: error))
            .Action(Act.Execute(L["team.feedback.submit"], TeamVerbs.FeedbackSubmit, Act.Data((KindKey, KindCode(kind)), (IdKey, id)), style: "positive"));
    }

    public static AdaptiveCard Sent(Localizer L, Feedback f) => new AdaptiveCard()
        .Add(El.Text("✅ " + L["team.feedback.sent"], bold: true, size: "Medium", color: "Good"))
        .Text(L.Format("team.feedback.sentBody", KindName(L, f.Kind)))
        .Add(El.Text(f.Text, subtle: true));

    /// <summary>What the committee (and, for help, the liaisons) receive: the item and a reply box.</summary>
    public static AdaptiveCard Incoming(Localizer L, Feedback f, string? divisionName, string sentAt, string replyValue = "", string? error = null) =>
        Header(L, f, divisionName, sentAt, L.Format("team.feedback.incomingTitle", KindName(L, f.Kind)))
            .Add(El.TextInput(ReplyKey, L["team.feedback.replyLabel"], replyValue, required: true, maxLength: TeamInput.TextMax, multiline: true, error: error))
            .Action(Act.Execute(L["team.feedback.reply"], TeamVerbs.FeedbackReply, Act.Data((VolunteerKey, f.AadObjectId), (IdKey, f.Id)), style: "positive"));

    /// <summary>The same card once answered: who answered, when and what; no input left to act on twice.</summary>
    public static AdaptiveCard Answered(Localizer L, Feedback f, string? divisionName, string sentAt, string repliedAt, string? notice = null)
    {
        var card = Header(L, f, divisionName, sentAt, L.Format("team.feedback.answeredTitle", KindName(L, f.Kind)));
        if (notice is not null)
        {
            card.Add(El.Text(notice, color: "Warning"));
        }

        return card
            .Add(El.Text(L.Format("team.feedback.answeredBy", f.RepliedByName ?? "", repliedAt), bold: true, color: "Good"))
            .Add(El.Text(f.Reply ?? ""));
    }

    /// <summary>The reply as the volunteer receives it.</summary>
    public static AdaptiveCard ReplyToVolunteer(Localizer L, Feedback f, string repliedAt) => new AdaptiveCard()
        .Title(L.Format("team.feedback.replyTitle", KindName(L, f.Kind)))
        .Add(El.Text(L.Format("team.feedback.answeredBy", f.RepliedByName ?? "", repliedAt), bold: true))
        .Add(El.Text(f.Reply ?? ""))
        .Add(El.Text(L["team.feedback.yourText"], subtle: true, size: "Small"))
        .Add(El.Text(f.Text, subtle: true, size: "Small"));

    private static AdaptiveCard Header(Localizer L, Feedback f, string? divisionName, string sentAt, string title)
    {
        var facts = new List<(string, string)> { (L["team.feedback.from"], f.Name) };
        if (divisionName is not null)
        {
            facts.Add((L["team.feedback.division"], divisionName));
        }

        facts.Add((L["team.feedback.at"], sentAt));
        return new AdaptiveCard().Title(title).Add(El.Facts(facts)).Add(El.Text(f.Text));
    }
}
