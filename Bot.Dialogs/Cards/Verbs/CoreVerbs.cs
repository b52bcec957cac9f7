namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of help and language: cards send them, handlers route on them.</summary>
public static class CoreVerbs
{
    public const string HelpShow = "help.show";
    public const string LanguageSet = "language.set";

    /// <summary>The verb of help-menu and suggestion buttons; its data names the command word to run (the router owns it).</summary>
    public const string MenuRun = "menu.run";
}
