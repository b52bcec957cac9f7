using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>Reads the filing / assignment card's inputs (all strings, as Teams sends them) into a draft.</summary>
public static class ProjectForm
{
    public static ProjectDraft Read(CardData data, TimeZoneInfo zone)
    {
        var startDate = data.GetDate("startDate");
        var endDate = data.GetDate("endDate") ?? startDate;
        var startTime = data.GetTime("startTime");
        var endTime = data.GetTime("endTime");
        var organiser = data.Get("organiser") switch
        {
            "centralised" => OrganiserType.Centralised,
            "branch" => OrganiserType.Branch,
            _ => (OrganiserType?)null,
        };
        var divisions = data.GetList("divisions");
        var lead = data.Get("division") ?? divisions.FirstOrDefault();
        var joint = data.GetList("joint").Concat(divisions.Skip(data.Has("division") ? 0 : 1))
            .Where(j => j != lead).Distinct(StringComparer.Ordinal).ToList();
        var category = ProjectCategories.Find(data.Get("category"));
        return new ProjectDraft
        {
            Title = data.Get("title"),
            CategoryId = data.Get("category"),
            Organiser = organiser,
            DivisionId = lead,
            JointDivisionIds = joint,
            Start = startDate is { } sd && startTime is { } st ? ProjectCalendar.At(sd, st, zone) : null,
            End = endDate is { } ed && endTime is { } et ? ProjectCalendar.At(ed, et, zone) : null,
            Place = data.Get("place"),
            CapacityText = data.Get("capacity"),
            Description = data.Get("description"),
            IsIndustrySpecific = data.GetBool("industry") || category?.IsIndustry == true,
        };
    }

    /// <summary>The card inputs for an existing project (to edit a returned filing).</summary>
    public static CardData From(Project p, TimeZoneInfo zone)
    {
        var start = ProjectCalendar.ToLocal(p.Start, zone);
        var end = ProjectCalendar.ToLocal(p.End, zone);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return new CardData(new Dictionary<string, string>
        {
            ["title"] = p.Title,
            ["category"] = p.CategoryId,
            ["organiser"] = p.Organiser == OrganiserType.Centralised ? "centralised" : "branch",
            ["division"] = p.DivisionId,
            ["joint"] = string.Join(',', p.JointDivisionIds),
            ["divisions"] = string.Join(',', p.AllDivisionIds),
            ["startDate"] = start.ToString("yyyy-MM-dd", inv),
            ["startTime"] = start.ToString("HH:mm", inv),
            ["endDate"] = end.ToString("yyyy-MM-dd", inv),
            ["endTime"] = end.ToString("HH:mm", inv),
            ["place"] = p.Place,
            ["capacity"] = p.Capacity.ToString(inv),
            ["description"] = p.Description,
            ["industry"] = p.IsIndustrySpecific ? "true" : "false",
        });
    }

    /// <summary>A project from a valid draft.</summary>
    public static Project ToProject(ProjectDraft d, string id, ProjectOrigin origin, ProjectStatus status, string by, string byName, DateTimeOffset at)
    {
        ProjectRules.TryCapacity(d.CapacityText, out var capacity);
        return new Project
        {
            Id = id,
            Title = d.Title!.Trim(),
            CategoryId = d.CategoryId!,
            Organiser = d.Organiser!.Value,
            Origin = origin,
            DivisionId = d.DivisionId!,
            JointDivisionIds = d.JointDivisionIds,
            Start = d.Start!.Value,
            End = d.End!.Value,
            Place = d.Place!.Trim(),
            Capacity = capacity,
            Description = d.Description?.Trim() ?? "",
            IsIndustrySpecific = d.IsIndustrySpecific,
            Status = status,
            FiledByAadObjectId = by,
            FiledByName = byName,
            FiledAt = at,
            UpdatedAt = at,
        };
    }
}
