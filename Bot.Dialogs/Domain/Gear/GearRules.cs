namespace VolunteerBot.Dialogs.Domain.Gear;

/// <summary>What each step of a loan may do and how it moves the inventory. Stores persist what these return.</summary>
public static class GearRules
{
    /// <summary>A new request reserves its pieces: Available goes down, Total stays.</summary>
    public static IReadOnlyList<GearDelta> Reserve(GearLoan loan) =>
        [.. loan.Lines.Select(l => new GearDelta(l.ItemId, -l.Quantity, 0))];

    /// <summary>领取: the committee hands the reserved gear to the liaison. A second tap changes nothing.</summary>
    public static GearTransition HandOver(GearLoan loan, string by, string byName, DateTimeOffset at) => loan.Status switch
    {
        GearLoanStatus.Requested => GearTransition.Done(loan with
        {
            Status = GearLoanStatus.HandedOver, HandedOverByAadObjectId = by, HandedOverByName = byName, HandedOverAt = at, UpdatedAt = at,
        }),
        GearLoanStatus.HandedOver => GearTransition.Done(loan),
        _ => GearTransition.Fail(loan, GearError.WrongState),
    };

    /// <summary>归还: the liaison says the gear is back; the committee still has to confirm receipt.</summary>
    public static GearTransition ReportReturn(GearLoan loan, string by, string byName, DateTimeOffset at) => loan.Status switch
    {
        GearLoanStatus.HandedOver => GearTransition.Done(loan with
        {
            Status = GearLoanStatus.ReturnReported, ReturnReportedByAadObjectId = by, ReturnReportedByName = byName, ReturnReportedAt = at, UpdatedAt = at,
        }),
        GearLoanStatus.ReturnReported or GearLoanStatus.Returned => GearTransition.Done(loan),
        _ => GearTransition.Fail(loan, GearError.WrongState),
    };

    /// <summary>
    /// 销号: the committee confirms receipt, per item how many came back, were lost or damaged (they must add up).
    /// Returned pieces go back on the shelf; lost and damaged ones leave the inventory total.
    /// </summary>
    public static GearTransition Receive(GearLoan loan, IReadOnlyDictionary<string, (int Lost, int Damaged)> losses, string by, string byName, string? note, DateTimeOffset at)
    {
        if (loan.Status == GearLoanStatus.Returned)
        {
            return GearTransition.Done(loan);
        }

        if (!loan.IsOut)
        {
            return GearTransition.Fail(loan, GearError.WrongState);
        }

        var lines = new List<GearLine>();
        var deltas = new List<GearDelta>();
        foreach (var line in loan.Lines)
        {
            var (lost, damaged) = losses.TryGetValue(line.ItemId, out var x) ? x : (0, 0);
            if (lost < 0 || damaged < 0 || lost + damaged > line.Quantity)
            {
                return GearTransition.Fail(loan, GearError.CountMismatch, line.ItemId);
            }

            var returned = line.Quantity - lost - damaged;
            lines.Add(line with { Returned = returned, Lost = lost, Damaged = damaged });
            deltas.Add(new GearDelta(line.ItemId, returned, -(lost + damaged)));
        }

        return GearTransition.Done(loan with
        {
            Status = GearLoanStatus.Returned, Lines = lines, ClosedByAadObjectId = by, ClosedByName = byName, ClosedAt = at,
            ClosingNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), UpdatedAt = at,
        }, deltas);
    }

    /// <summary>The longest extension a holder may give themselves, counted from the current due day.</summary>
    public const int MaxExtensionDays = 14;

    /// <summary>
    /// 申请延期: the holder moves the due day of gear still out (handed over, not reported back) to a later day, at most
    /// <see cref="MaxExtensionDays"/> after the current one (<see cref="IsValidExtension"/>, checked by the dialog); the committee
    /// is told. The same day again changes nothing.
    /// </summary>
    public static bool IsValidExtension(DateOnly currentDue, DateOnly today, DateOnly newDue) =>
        newDue > currentDue && newDue >= today && newDue <= (currentDue > today ? currentDue : today).AddDays(MaxExtensionDays);

    public static GearTransition Extend(GearLoan loan, DateOnly newDue, string reason, string byName, DateTimeOffset at)
    {
        if (loan.Status != GearLoanStatus.HandedOver)
        {
            return GearTransition.Fail(loan, GearError.WrongState);
        }

        if (loan.ExtendedDueOn == newDue)
        {
            return GearTransition.Done(loan);
        }

        return GearTransition.Done(loan with { ExtendedDueOn = newDue, ExtensionReason = reason.Trim(), ExtendedByName = byName, UpdatedAt = at });
    }

    /// <summary>
    /// Erasure (PIPL): the person's name goes from every step of the loan they took (holder, hand-over, return,
    /// closing, extension); counts, dates and status stay, and no stock moves. Nothing of theirs on it: the same loan.
    /// </summary>
    public static GearTransition EraseName(GearLoan loan, string aadObjectId, string replacement)
    {
        bool Mine(string? id) => string.Equals(id, aadObjectId, StringComparison.OrdinalIgnoreCase);
        var holder = Mine(loan.RequestedByAadObjectId);
        var after = loan with
        {
            RequestedByName = holder ? replacement : loan.RequestedByName,
            HandedOverByName = Mine(loan.HandedOverByAadObjectId) ? replacement : loan.HandedOverByName,
            ReturnReportedByName = Mine(loan.ReturnReportedByAadObjectId) ? replacement : loan.ReturnReportedByName,
            ClosedByName = Mine(loan.ClosedByAadObjectId) ? replacement : loan.ClosedByName,
            ExtendedByName = holder && loan.ExtendedByName is not null ? replacement : loan.ExtendedByName,
        };
        return after == loan ? GearTransition.Done(loan) : GearTransition.Done(after);
    }

    /// <summary>The committee declines a request (or the liaison cancels it) before hand-over: the reservation is released.</summary>
    public static GearTransition Release(GearLoan loan, bool byCommittee, string by, string byName, string? reason, DateTimeOffset at)
    {
        var target = byCommittee ? GearLoanStatus.Declined : GearLoanStatus.Cancelled;
        if (loan.Status == target)
        {
            return GearTransition.Done(loan);
        }

        if (loan.Status != GearLoanStatus.Requested)
        {
            return GearTransition.Fail(loan, GearError.WrongState);
        }

        return GearTransition.Done(loan with
        {
            Status = target, ClosedByAadObjectId = by, ClosedByName = byName, ClosedAt = at,
            ClosingNote = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), UpdatedAt = at,
        }, [.. loan.Lines.Select(l => new GearDelta(l.ItemId, l.Quantity, 0))]);
    }
}
