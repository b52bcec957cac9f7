using System.Globalization;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>How hours cards, exports and notices write a date, a record status, a quality and a category.</summary>
public static class HoursText
{
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Status(Localizer L, RecordStatus status) => L["hours.status." + status.ToString().ToLowerInvariant()];

    public static string Quality(Localizer L, ServiceQuality? quality) =>
        quality is null ? "—" : L["hours.quality." + quality.Value.ToString().ToLowerInvariant()];

    public static string Category(Localizer L, Project p) => ProjectCategories.Find(p.CategoryId)?.Name(L.Language) ?? p.CategoryId;
}
