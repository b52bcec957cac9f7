using System.Text;

namespace VolunteerBot.Delivery;

/// <summary>
/// Who this process is to the other senders. <see cref="InstanceId"/> is stable across restarts of the same
/// instance (Reminders:Sending:InstanceId, else WEBSITE_INSTANCE_ID, else the machine name); <see cref="Incarnation"/>
/// is new in every process. A delivery row being sent records both (<see cref="Holder"/>), so a restarted process knows
/// which rows its dead predecessor held, and the others know such a row's holder was superseded.
/// <para>
/// Two live processes must never share an instance id (both would take the whole budget, and each would take back the
/// other's rows). On one machine an exclusive lock file guarantees it: a process that cannot take the lock for its
/// configured id runs under a name of its own (id + random suffix) that nobody supersedes. The kernel drops the lock
/// when a process dies, however it dies, so a restart after a crash gets the id back.
/// </para>
/// </summary>
public sealed class SenderIdentity : IDisposable
{
    private readonly FileStream? _lock;

    /// <summary><paramref name="configured"/>: Reminders:Sending:InstanceId; null means the App Service instance or the machine.</summary>
    public SenderIdentity(string? configured = null)
    {
        var wanted = Clean(configured is { Length: > 0 } c ? c
            : Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } site ? site[..Math.Min(16, site.Length)]
            : Environment.MachineName);
        _lock = TryLock(wanted);
        InstanceId = _lock is not null ? wanted : wanted + "-" + Guid.NewGuid().ToString("N")[..6];
        Incarnation = Guid.NewGuid().ToString("N")[..10];
    }

    /// <summary>The stable name (the registry entry this process owns).</summary>
    public string InstanceId { get; }

    /// <summary>This process (new at every start).</summary>
    public string Incarnation { get; }

    /// <summary>"instance/incarnation": what a delivery row's SendingBy records.</summary>
    public string Holder => InstanceId + "/" + Incarnation;

    /// <summary>Same as <see cref="Holder"/> (run claims and logs record it).</summary>
    public string Id => Holder;

    /// <summary>
    /// Whether <paramref name="holder"/> ("instance/incarnation", a row's SendingBy or a run's ClaimedBy) is an earlier
    /// process of this instance: it is dead (this process holds the instance's lock), so what it held can be taken at once.
    /// </summary>
    public bool IsDeadPredecessor(string? holder) => IsOf(holder, InstanceId) && !string.Equals(holder, Holder, StringComparison.Ordinal);

    /// <summary>Whether the row holder <paramref name="holder"/> ("instance/incarnation") is an incarnation of <paramref name="instanceId"/>.</summary>
    public static bool IsOf(string? holder, string instanceId) =>
        holder is not null && holder.Length > instanceId.Length && holder.StartsWith(instanceId, StringComparison.Ordinal) && holder[instanceId.Length] == '/';

    /// <summary>The instance part of a holder ("instance/incarnation"); the whole value when it has no incarnation (older rows).</summary>
    public static string InstanceOf(string holder) => holder.LastIndexOf('/') is var i and > 0 ? holder[..i] : holder;

    /// <summary>The incarnation part of a holder; empty when it has none.</summary>
    public static string IncarnationOf(string holder) => holder.LastIndexOf('/') is var i and > 0 ? holder[(i + 1)..] : "";

    public void Dispose() => _lock?.Dispose();

    private static FileStream? TryLock(string id)
    {
        try
        {
            var path = Path.Combine(Path.GetTempPath(), "volunteerbot-sender-" + id + ".lock");
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            return null; // held by a live process on this machine
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Clean(string value)
    {
        var b = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            b.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_');
        }

        return b.Length == 0 ? "sender" : b.ToString(0, Math.Min(b.Length, 64));
    }
}
