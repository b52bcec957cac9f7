namespace VolunteerBot.Dialogs.Domain.Gear;

/// <summary>
/// The gear inventory and its loans. Counts change only together with a loan, in one ETag-guarded transaction,
/// so they never go negative and two liaisons cannot both get the last vest.
/// </summary>
public interface IGearStore
{
    Task<IReadOnlyList<GearItem>> ListItemsAsync(CancellationToken cancellationToken);

    Task<GearItem?> GetItemAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>Adds a kind of gear with its count; a name already in use gives NameTaken with the existing item.</summary>
    Task<GearItemChange> AddItemAsync(string name, int total, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Sets what the team owns (a count after stock-taking or a purchase); never below what is out.</summary>
    Task<GearItemChange> SetTotalAsync(string itemId, int total, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a request and reserves its pieces; Insufficient (with the item) when the shelf has too few. A loan id
    /// that exists returns the stored loan unchanged (double tap).
    /// </summary>
    Task<GearLoanChange> RequestAsync(GearLoan loan, CancellationToken cancellationToken);

    Task<GearLoan?> GetLoanAsync(string loanId, CancellationToken cancellationToken);

    /// <summary>Loans still open (requested, handed over, reported back): one partition range.</summary>
    Task<IReadOnlyList<GearLoan>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Loans closed (returned, declined, cancelled), oldest request first: one partition range (a person's data export, erasure).</summary>
    Task<IReadOnlyList<GearLoan>> ListClosedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies a rule (<see cref="GearRules"/>) to a loan and its inventory deltas in one transaction; the rule may
    /// run again on a conflict. Closing a loan (Returned, Declined, Cancelled) moves it off the open range.
    /// </summary>
    Task<GearLoanChange> UpdateLoanAsync(string loanId, Func<GearLoan, GearTransition> rule, CancellationToken cancellationToken);
}
