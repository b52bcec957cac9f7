namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of publicity posts: cards send them, handlers route on them.</summary>
public static class PublicityVerbs
{
    public const string Compose = "publicity.compose";
    public const string Post = "publicity.post";
}
