namespace VolunteerBot.Hosting;

/// <summary>
/// Tells a storage outage (unreachable, timing out, 5xx, throttled) from a bug or a bad request, for code outside
/// <c>Storage/</c> that must answer "please try again shortly" without knowing the storage SDK.
/// </summary>
public interface IStorageFaultClassifier
{
    bool IsFault(Exception exception);

    /// <summary>A fault seen by a turn: storage readiness starts checking again (a missing table is created anew).</summary>
    void Report(Exception exception);
}
