namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of the photo archive: cards send them, handlers route on them.</summary>
public static class PhotoVerbs
{
    public const string File = "photos.file";
    public const string Quarter = "photos.quarter";
    public const string Show = "photos.show";
    public const string Zip = "photos.zip";
}
