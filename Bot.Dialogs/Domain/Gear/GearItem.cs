namespace VolunteerBot.Dialogs.Domain.Gear;

/// <summary>
/// One kind of team gear (R4, 统一标识: 旗帜, 马甲, 帽子 …) kept by the committee. <see cref="Total"/> is what the team
/// owns; <see cref="Available"/> is what is on the shelf (neither reserved by a request nor handed over). Both are
/// never negative and <see cref="Available"/> never exceeds <see cref="Total"/>.
/// </summary>
public sealed record GearItem
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required int Total { get; init; }
    public required int Available { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Reserved by requests or handed over to liaisons.</summary>
    public int Out => Total - Available;

    public static string NewId() => "g" + Guid.NewGuid().ToString("N")[..8];
}

public enum GearItemError
{
    NotFound,

    /// <summary>Another item already has this name.</summary>
    NameTaken,

    /// <summary>The new total is below what is out (reserved or handed over).</summary>
    BelowOut,
}

/// <summary>An inventory change: the item as stored afterwards, or why nothing changed.</summary>
public sealed record GearItemChange(GearItem? Item, GearItemError? Error)
{
    public bool Succeeded => Error is null;
}

public static class GearNames
{
    /// <summary>Names are unique with case and white space ignored.</summary>
    public static string Normalize(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
