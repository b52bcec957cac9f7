namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of training sessions: cards send them, handlers route on them.</summary>
public static class TrainingVerbs
{
    public const string Mine = "training.mine";
    public const string Open = "training.open";
    public const string Save = "training.save";
}
