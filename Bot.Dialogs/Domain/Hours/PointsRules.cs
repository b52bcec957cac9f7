namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>
/// The points formula (R13), configured by the committee (积分规则). Default:
/// points = confirmed hours × 10 × quality factor (好 1.2, 一般 1.0, 差 0.6), rounded half away from zero to whole points.
/// A change applies to records confirmed or corrected afterwards; every record keeps the points it was given.
/// </summary>
public sealed record PointsRules
{
    public const decimal MaxPerHour = 1000m;
    public const decimal MaxFactor = 10m;

    public decimal PointsPerHour { get; init; } = 10m;
    public decimal GoodFactor { get; init; } = 1.2m;
    public decimal FairFactor { get; init; } = 1.0m;
    public decimal PoorFactor { get; init; } = 0.6m;

    public string? ChangedByAadObjectId { get; init; }
    public string? ChangedByName { get; init; }
    public DateTimeOffset? ChangedAt { get; init; }

    public static readonly PointsRules Default = new();

    public decimal FactorOf(ServiceQuality quality) => quality switch
    {
        ServiceQuality.Good => GoodFactor,
        ServiceQuality.Poor => PoorFactor,
        _ => FairFactor,
    };

    /// <summary>Points for confirmed hours at a quality (an unrated record counts as 一般).</summary>
    public int Compute(decimal hours, ServiceQuality? quality) =>
        hours <= 0 ? 0 : (int)Math.Round(hours * PointsPerHour * FactorOf(quality ?? ServiceQuality.Fair), MidpointRounding.AwayFromZero);

    /// <summary>Every value within sensible bounds (per hour 0–1000, factors 0–10).</summary>
    public bool IsValid =>
        PointsPerHour is > 0 and <= MaxPerHour
        && new[] { GoodFactor, FairFactor, PoorFactor }.All(f => f is >= 0 and <= MaxFactor);
}

public interface IPointsRulesStore
{
    /// <summary>The rules in force (the defaults until the committee saves others).</summary>
    Task<PointsRules> GetAsync(CancellationToken cancellationToken);

    /// <summary>Saves new rules and keeps the previous ones in a history row (who changed what, when).</summary>
    Task SaveAsync(PointsRules rules, CancellationToken cancellationToken);
}
