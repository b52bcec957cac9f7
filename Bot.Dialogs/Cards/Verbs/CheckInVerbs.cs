namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of check-in at the venue (签到 / 签退): cards send them, handlers route on them.</summary>
public static class CheckInVerbs
{
    /// <summary>Open check-in (the venue card) for the activity in the data; shows the current code.</summary>
    public const string Open = "checkin.open";

    /// <summary>A fresh code (刷新签到码); the old one works one more minute.</summary>
    public const string Refresh = "checkin.refresh";

    /// <summary>Post the shared venue card to the chosen team channel.</summary>
    public const string Post = "checkin.post";

    /// <summary>A code typed on a card (the shared card's 签到, or the code prompt).</summary>
    public const string Code = "checkin.code";

    /// <summary>签退.</summary>
    public const string Out = "checkin.out";

    /// <summary>The liaison's attendance sheet (签到情况); read-only.</summary>
    public const string Sheet = "checkin.sheet";
}
