namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of 注销志愿者 (leave volunteering): cards send them, handlers route on them.</summary>
public static class PrivacyVerbs
{
    /// <summary>The volunteer asks to leave (the button under the explanation).</summary>
    public const string EraseRequest = "privacy.erase.request";

    /// <summary>A committee member confirms a request; the data names the volunteer.</summary>
    public const string EraseConfirm = "privacy.erase.confirm";

    /// <summary>The card data key that names the volunteer to erase.</summary>
    public const string VolunteerKey = "volunteer";
}
