namespace VolunteerBot.Dialogs.Domain.Projects;

/// <summary>What a filing or assignment card supplies, parsed; null where the input was missing or unreadable.</summary>
public sealed record ProjectDraft
{
    public string? Title { get; init; }
    public string? CategoryId { get; init; }
    public OrganiserType? Organiser { get; init; }
    public string? DivisionId { get; init; }
    public IReadOnlyList<string> JointDivisionIds { get; init; } = [];
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public string? Place { get; init; }

    /// <summary>The capacity as typed; <see cref="ProjectRules"/> checks it is a whole number 1–500.</summary>
    public string? CapacityText { get; init; }
    public string? Description { get; init; }
    public bool IsIndustrySpecific { get; init; }
}

/// <summary>
/// Filing rules. Each problem is reported against its field with a text key (projects.json) so the card shows it
/// under the field, in the user's language, with the typed values kept.
/// </summary>
public static class ProjectRules
{
    public const int TitleMax = 40;
    public const int PlaceMax = 60;
    public const int DescriptionMax = 500;
    public const int CapacityMax = 500;
    public const int ReasonMax = 200;
    public const int DeclarationMax = 40;

    /// <summary>Activities are filed at most a year ahead (so a project's start is in its filing year or the next).</summary>
    public static readonly TimeSpan MaxLead = TimeSpan.FromDays(366);

    public static IReadOnlyDictionary<string, string> Validate(ProjectDraft d, DateTimeOffset now, IReadOnlySet<string> knownDivisionIds)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Text(errors, "title", d.Title, TitleMax, required: true);
        Text(errors, "place", d.Place, PlaceMax, required: true);
        Text(errors, "description", d.Description, DescriptionMax, required: false);

        var category = ProjectCategories.Find(d.CategoryId);
        if (category is null)
        {
            errors["category"] = "projects.error.category";
        }

        if (d.Organiser is null)
        {
            errors["organiser"] = "projects.error.organiser";
        }

        if (d.DivisionId is null || !knownDivisionIds.Contains(d.DivisionId))
        {
            errors["division"] = "projects.error.division";
        }

        if (d.JointDivisionIds.Any(j => !knownDivisionIds.Contains(j)))
        {
            errors["joint"] = "projects.error.joint";
        }

        if (d.Start is null)
        {
            errors["start"] = "projects.error.start.missing";
        }
        else if (d.Start <= now)
        {
            errors["start"] = "projects.error.start.past";
        }
        else if (d.Start > now + MaxLead)
        {
            errors["start"] = "projects.error.start.far";
        }

        if (d.End is null)
        {
            errors["end"] = "projects.error.end.missing";
        }
        else if (d.Start is not null && d.End <= d.Start)
        {
            errors["end"] = "projects.error.end.beforeStart";
        }

        if (!TryCapacity(d.CapacityText, out _))
        {
            errors["capacity"] = "projects.error.capacity";
        }

        return errors;
    }

    /// <summary>A whole number from 1 to 500, as typed (Input.Number may send "30" or "30.0"; "30.5" is refused).</summary>
    public static bool TryCapacity(string? text, out int capacity)
    {
        capacity = 0;
        if (!decimal.TryParse(text?.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        if (value != decimal.Truncate(value) || value < 1 || value > CapacityMax)
        {
            return false;
        }

        capacity = (int)value;
        return true;
    }

    /// <summary>Counts characters as people do (a Chinese character is one), not UTF-16 units.</summary>
    public static int Length(string text) => new System.Globalization.StringInfo(text).LengthInTextElements;

    private static void Text(Dictionary<string, string> errors, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = $"projects.error.{field}.missing";
            }

            return;
        }

        if (Length(value.Trim()) > max)
        {
            errors[field] = $"projects.error.{field}.long";
        }
    }
}
