namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>A volunteer's points balance (R13): earned by confirmed records minus what was exchanged.</summary>
public sealed record PointsBalance(int Earned, int Redeemed)
{
    public static readonly PointsBalance Zero = new(0, 0);

    public int Balance => Earned - Redeemed;
}

/// <summary>A volunteer's totals for one year, kept with every record change (hours by the division they were earned in).</summary>
public sealed record YearSummary
{
    public required int Year { get; init; }
    public required string VolunteerAadObjectId { get; init; }
    public required string VolunteerName { get; init; }
    public decimal Hours { get; init; }
    public int Points { get; init; }
    public int Records { get; init; }
    public IReadOnlyDictionary<string, decimal> HoursByDivision { get; init; } = new Dictionary<string, decimal>();
}

/// <summary>A points exchange (积分兑换) for a souvenir or reward: reduces the balance, never touches a service record.</summary>
public sealed record PointsExchange(string Id, string VolunteerAadObjectId, int Points, string Item, string ByAadObjectId, string ByName, DateTimeOffset At);

public enum ExchangeOutcome
{
    Recorded,

    /// <summary>The same exchange (same id) was recorded before: nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>The balance is smaller than the points asked for.</summary>
    Insufficient,
}

public sealed record ExchangeResult(ExchangeOutcome Outcome, PointsBalance Balance);

/// <summary>
/// Service records. A volunteer's records, audit trail, exchanges and totals live in their own partition and change
/// together in one ETag-guarded transaction; period and year views are copies for the committee's exports.
/// </summary>
public interface IServiceRecordStore
{
    Task<ServiceRecord?> GetAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken);

    /// <summary>The volunteer's records dated on or after <paramref name="from"/> (null: all), newest first. One partition.</summary>
    Task<IReadOnlyList<ServiceRecord>> ListByVolunteerAsync(string volunteerAadObjectId, DateOnly? from, CancellationToken cancellationToken);

    /// <summary>
    /// Read-modify-write of one record: <paramref name="change"/> gets the current record (null when none) and returns the
    /// change, or null to write nothing. Runs again on a concurrent write. Totals and balance move with it.
    /// </summary>
    Task<RecordWrite> ApplyAsync(string volunteerAadObjectId, string recordId, Func<ServiceRecord?, RecordChange?> change, CancellationToken cancellationToken);

    /// <summary>The audit trail of one record, oldest revision first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken);

    Task<PointsBalance> GetBalanceAsync(string volunteerAadObjectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<PointsExchange>> ListExchangesAsync(string volunteerAadObjectId, CancellationToken cancellationToken);

    /// <summary>Records an exchange once (by id) if the balance covers it.</summary>
    Task<ExchangeResult> RedeemAsync(PointsExchange exchange, CancellationToken cancellationToken);

    /// <summary>Every volunteer's records dated in [from, to] (the committee's export): month partitions.</summary>
    Task<IReadOnlyList<ServiceRecord>> ListByPeriodAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Pending records dated in [since, until] that belong to or are organised by one of <paramref name="divisionIds"/> (null: all).</summary>
    Task<IReadOnlyList<ServiceRecord>> ListPendingAsync(IReadOnlyCollection<string>? divisionIds, DateOnly since, DateOnly until, CancellationToken cancellationToken);

    /// <summary>Every volunteer's totals for a year (annual points publication, outstanding volunteers): one partition.</summary>
    Task<IReadOnlyList<YearSummary>> ListYearAsync(int year, CancellationToken cancellationToken);
}

/// <summary>Per activity: the confirmation card was sent once, the nudge sent once, and when it was confirmed.</summary>
public sealed record ActivityConfirmation(string ProjectId, DateTimeOffset? CardSentAt, DateTimeOffset? NudgedAt, DateTimeOffset? ConfirmedAt, string? ConfirmedByName);

public interface IServiceRecordConfirmationStore
{
    Task<ActivityConfirmation> GetAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Claims sending the confirmation card: true only for the first caller (insert-if-absent).</summary>
    Task<bool> TryClaimCardAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Claims sending the working-day-8 nudge: true only for the first caller.</summary>
    Task<bool> TryClaimNudgeAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkConfirmedAsync(string projectId, Actor by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Notes that the liaison decided these volunteers' lines (attended or absent) — per page of a long list; writing the
    /// same ids again changes nothing but the time. Transactions of at most 100 rows.
    /// </summary>
    Task MarkDecidedAsync(string projectId, IReadOnlyCollection<string> volunteerAadObjectIds, Actor by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The volunteers whose lines were decided on this activity's card (one partition).</summary>
    Task<IReadOnlySet<string>> ListDecidedAsync(string projectId, CancellationToken cancellationToken);
}
