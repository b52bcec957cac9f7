namespace VolunteerBot.Dialogs.Domain.Gear;

/// <summary>
/// Requested (stock reserved) → HandedOver (领取, by the committee) → ReturnReported (the liaison says it is back)
/// → Returned (归还销号: the committee confirmed receipt, noting lost or damaged pieces). A request may be Declined
/// by the committee or Cancelled by the liaison before hand-over; both release the reserved stock.
/// </summary>
public enum GearLoanStatus
{
    Requested,
    HandedOver,
    ReturnReported,
    Returned,
    Declined,
    Cancelled,
}

/// <summary>One kind of gear on a loan. Returned, Lost and Damaged are filled when the committee confirms receipt.</summary>
public sealed record GearLine(string ItemId, string ItemName, int Quantity, int Returned = 0, int Lost = 0, int Damaged = 0);

/// <summary>
/// A gear loan for one activity (a project, <see cref="ProjectId"/>): what, how many, to whom, for which activity, when.
/// The activity's end is copied in, so overdue checks need no project reads.
/// </summary>
public sealed record GearLoan
{
    /// <summary>Generated when the request card opened, so a double tap stores one loan.</summary>
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public required string ProjectTitle { get; init; }
    public required DateTimeOffset ActivityEnd { get; init; }
    public required string DivisionId { get; init; }
    public required IReadOnlyList<GearLine> Lines { get; init; }
    public required GearLoanStatus Status { get; init; }

    public required string RequestedByAadObjectId { get; init; }
    public required string RequestedByName { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public string Note { get; init; } = "";

    public string? HandedOverByAadObjectId { get; init; }
    public string? HandedOverByName { get; init; }
    public DateTimeOffset? HandedOverAt { get; init; }

    public string? ReturnReportedByAadObjectId { get; init; }
    public string? ReturnReportedByName { get; init; }
    public DateTimeOffset? ReturnReportedAt { get; init; }

    /// <summary>Who confirmed receipt (Returned) or declined / cancelled the request.</summary>
    public string? ClosedByAadObjectId { get; init; }
    public string? ClosedByName { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosingNote { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>申请延期: the holder moved the due date to this day (Asia/Shanghai), with a reason; null when never extended.</summary>
    public DateOnly? ExtendedDueOn { get; init; }
    public string? ExtensionReason { get; init; }
    public string? ExtendedByName { get; init; }

    /// <summary>Still on the committee's list: reserved, handed over, or waiting for the committee to confirm receipt.</summary>
    public bool IsOpen => Status is GearLoanStatus.Requested or GearLoanStatus.HandedOver or GearLoanStatus.ReturnReported;

    /// <summary>Out of the store room with the liaison (or reported back but not yet confirmed).</summary>
    public bool IsOut => Status is GearLoanStatus.HandedOver or GearLoanStatus.ReturnReported;

    public int Pieces => Lines.Sum(l => l.Quantity);

    public static string NewId() => Guid.NewGuid().ToString("N")[..12];
}

/// <summary>How a loan changes the inventory: Available and Total move by these amounts (negative takes away).</summary>
public sealed record GearDelta(string ItemId, int Available, int Total);

public enum GearError
{
    NotFound,

    /// <summary>The loan is not in a state that allows this step (e.g. returning gear never handed over).</summary>
    WrongState,

    /// <summary>Not enough on the shelf: someone else took the last pieces first.</summary>
    Insufficient,

    /// <summary>Returned + lost + damaged does not add up to what was handed over.</summary>
    CountMismatch,
}

/// <summary>
/// The result of a rule: the loan afterwards (the same instance when nothing changes, for double taps) and its
/// inventory deltas, or an error. <see cref="ItemId"/> names the item that was short.
/// </summary>
public sealed record GearTransition(GearLoan? After, GearError? Error, IReadOnlyList<GearDelta> Deltas, string? ItemId = null)
{
    public static GearTransition Done(GearLoan after, IReadOnlyList<GearDelta>? deltas = null) => new(after, null, deltas ?? []);

    public static GearTransition Fail(GearLoan? loan, GearError error, string? itemId = null) => new(loan, error, [], itemId);

    public bool Succeeded => Error is null;
}

/// <summary>A loan change as stored: before and after, or the error (Insufficient names the item).</summary>
public sealed record GearLoanChange(GearLoan? Before, GearLoan? After, GearError? Error, string? ItemId = null)
{
    public bool Succeeded => Error is null;

    public bool Changed => Succeeded && Before is not null && After is not null && !ReferenceEquals(Before, After);
}
