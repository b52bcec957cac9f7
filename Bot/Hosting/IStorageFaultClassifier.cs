namespace VolunteerBot.Hosting;

/// <summary>
/// Tells a storage outage (unreachable, timing out, 5xx, throttled) from a bug or a bad request, for code outside
/// <c>Storage/</c> that must answer "please try again shortly" without knowing the storage SDK.
/// </summary>
public interface IStorageFaultClassifier
{
    bool IsFault(Exception exception);
}
